import type { OrganizationInput, PartyName, RoleGrant } from '@qiao/contracts';

/**
 * The demo a newcomer sees on an empty data directory. Institutions are real names so screening has
 * something true to find; the people and accounts are invented, and every row is flagged `isDemo`.
 */
const n = (en: string, zh?: string, pinyin?: string): PartyName[] => [
  { lang: 'en', value: en },
  ...(zh ? [{ lang: 'zh-Hans' as const, value: zh }] : []),
  ...(pinyin ? [{ lang: 'zh-Latn' as const, value: pinyin }] : []),
];

export const DEMO_ORGANIZATIONS: (OrganizationInput & { key: string })[] = [
  { key: 'mit', names: n('Massachusetts Institute of Technology', '麻省理工学院'), side: 'US', country: 'US', kind: 'university' },
  { key: 'ucla', names: n('University of California, Los Angeles', '加州大学洛杉矶分校'), side: 'US', country: 'US', kind: 'university' },
  { key: 'lbnl', names: n('Lawrence Berkeley National Laboratory', '劳伦斯伯克利国家实验室'), side: 'US', country: 'US', kind: 'institute' },
  { key: 'tsinghua', names: n('Tsinghua University', '清华大学', 'Qinghua Daxue'), side: 'CN', country: 'CN', kind: 'university' },
  { key: 'iap', names: n('Institute of Atmospheric Physics, Chinese Academy of Sciences', '中国科学院大气物理研究所'), side: 'CN', country: 'CN', kind: 'institute' },
  { key: 'hit', names: n('Harbin Institute of Technology', '哈尔滨工业大学', 'Haerbin Gongye Daxue'), side: 'CN', country: 'CN', kind: 'university' },
];

export const DEMO_PEOPLE: { names: PartyName[]; side: string; org: string; email: string }[] = [
  { names: n('Jordan Whitfield'), side: 'US', org: 'ucla', email: 'j.whitfield@demo.qiao.example' },
  { names: n('Priya Raman'), side: 'US', org: 'mit', email: 'p.raman@demo.qiao.example' },
  { names: n('Daniel Okafor'), side: 'US', org: 'lbnl', email: 'd.okafor@demo.qiao.example' },
  { names: n('Li Wenjing', '李文静', 'Li Wenjing'), side: 'CN', org: 'tsinghua', email: 'li.wenjing@demo.qiao.example' },
  { names: n('Zhang Haoran', '张浩然', 'Zhang Haoran'), side: 'CN', org: 'iap', email: 'zhang.haoran@demo.qiao.example' },
  { names: n('Chen Yuxin', '陈雨欣', 'Chen Yuxin'), side: 'CN', org: 'hit', email: 'chen.yuxin@demo.qiao.example' },
];

/** Every demo account signs in with this password; the README says so. */
export const DEMO_PASSWORD = 'qiao-demo-password';

const on = (side: string, ...roles: RoleGrant['role'][]): RoleGrant[] => roles.map((role) => ({ role, side }));

export const DEMO_USERS: { email: string; displayName: string; side: string; roles: RoleGrant[] }[] = [
  { email: 'admin@demo.qiao.example', displayName: 'Demo Admin', side: 'US', roles: on('US', 'admin') },
  { email: 'us.cochair@demo.qiao.example', displayName: 'Jordan Whitfield', side: 'US', roles: on('US', 'co_chair', 'member') },
  { email: 'cn.cochair@demo.qiao.example', displayName: '李文静 Li Wenjing', side: 'CN', roles: on('CN', 'co_chair', 'member') },
  { email: 'us.member@demo.qiao.example', displayName: 'Priya Raman', side: 'US', roles: on('US', 'member') },
  { email: 'cn.member@demo.qiao.example', displayName: '张浩然 Zhang Haoran', side: 'CN', roles: on('CN', 'member') },
  { email: 'us.compliance@demo.qiao.example', displayName: 'Morgan Ellis', side: 'US', roles: on('US', 'compliance_officer') },
  { email: 'cn.compliance@demo.qiao.example', displayName: '王立 Wang Li', side: 'CN', roles: on('CN', 'compliance_officer') },
  { email: 'us.steward@demo.qiao.example', displayName: 'Daniel Okafor', side: 'US', roles: on('US', 'data_steward') },
  { email: 'cn.steward@demo.qiao.example', displayName: '陈雨欣 Chen Yuxin', side: 'CN', roles: on('CN', 'data_steward') },
];
