/** The demo accounts the server seeds on an empty data directory (all share one password). */
export const DEMO_PASSWORD = 'qiao-demo-password';

export const DEMO_USERS = {
  admin: 'admin@demo.qiao.example',
  usCoChair: 'us.cochair@demo.qiao.example',
  cnCoChair: 'cn.cochair@demo.qiao.example',
  usMember: 'us.member@demo.qiao.example',
  cnMember: 'cn.member@demo.qiao.example',
  usCompliance: 'us.compliance@demo.qiao.example',
  cnCompliance: 'cn.compliance@demo.qiao.example',
  usSteward: 'us.steward@demo.qiao.example',
  cnSteward: 'cn.steward@demo.qiao.example',
} as const;
