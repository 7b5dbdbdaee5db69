import type { ProjectInput, User } from '@qiao/contracts';
import type { Services } from '../http.ts';

/**
 * A demo working group, "Air quality and health", with the demo co-chairs and members of both sides,
 * and one draft joint project in it, so the groups and projects pages have something to open at once.
 * Made through the same services people use (appointment, join request, co-chair approval), so every
 * step is audited like a real one. Runs after the demo users and organisations exist; skips itself
 * when the group is already there.
 */

const EMAIL = {
  admin: 'admin@demo.qiao.example',
  usChair: 'us.cochair@demo.qiao.example',
  cnChair: 'cn.cochair@demo.qiao.example',
  usMember: 'us.member@demo.qiao.example',
  cnMember: 'cn.member@demo.qiao.example',
} as const;

const GROUP = {
  name: { en: 'Air quality and health', zh: '空气质量与健康' },
  charter: {
    en: 'Demo working group: joint basic research on air pollution (PM2.5, ozone, nitrogen dioxide) and its effects on health in Chinese and US cities, with shared open data and comparable methods.',
    zh: '演示工作组：围绕中美城市空气污染（PM2.5、臭氧、二氧化氮）及其健康影响开展联合基础研究，共享开放数据，采用可比方法。',
  },
  technologyArea: 'air_quality',
  sides: ['US', 'CN'],
};

function project(groupId: string, usOrg: string, cnOrg: string): ProjectInput {
  return {
    groupId,
    title: { en: 'Fine particulate matter and respiratory health in Beijing and Los Angeles (demo)', zh: '北京与洛杉矶细颗粒物与呼吸健康研究（演示）' },
    abstract: {
      en: 'Demo proposal. Basic research comparing daily PM2.5 and ozone exposure with emergency visits for asthma in two cities, using published monitoring data and aggregate hospital counts. No individual records cross sides.',
      zh: '演示申请。本项基础研究利用公开监测数据和医院汇总就诊人数，比较两座城市每日 PM2.5 和臭氧暴露与哮喘急诊就诊的关系。不跨方传输个人记录。',
    },
    technologyArea: 'air_quality',
    keywords: ['PM2.5', 'ozone', 'asthma', 'epidemiology'],
    parties: [
      { partyId: usOrg, kind: 'organization', role: 'lead' },
      { partyId: cnOrg, kind: 'organization', role: 'partner' },
    ],
    dataPlan: [{ direction: 'CN-US', description: 'Hourly air-quality station readings for Beijing, 2024–2025', dataset: { kinds: ['meteorological'] } }],
    budget: [
      { side: 'US', item: 'Postdoctoral researcher, 12 months', amount: 85000, currency: 'USD' },
      { side: 'CN', item: '数据整理与分析', amount: 200000, currency: 'CNY' },
    ],
  };
}

export async function seedDemoCollab(services: Services): Promise<void> {
  const users = new Map((await services.users.list()).map((u) => [u.email, u]));
  const who = (email: string): User | undefined => users.get(email);
  const admin = who(EMAIL.admin);
  const usChair = who(EMAIL.usChair);
  const cnChair = who(EMAIL.cnChair);
  if (!admin || !usChair || !cnChair) return;
  const existing = await services.groups.list(admin, { mine: false });
  if (existing.some((g) => g.name.en === GROUP.name.en)) return;

  const group = await services.groups.create(admin, GROUP);
  for (const chair of [usChair, cnChair]) await services.groups.appointCoChair(admin, group.id, chair.id);
  for (const [email, chair] of [
    [EMAIL.usMember, usChair],
    [EMAIL.cnMember, cnChair],
  ] as const) {
    const member = who(email);
    if (!member) continue;
    const request = await services.joinRequests.request(member, group.id, { role: 'member', message: 'Demo member' });
    await services.joinRequests.decide(chair, group.id, request.id, { decision: 'approve' });
  }
  const fresh = await services.groups.get(group.id);
  await services.groups.changeStatus(admin, group.id, { status: 'active', version: fresh.version });

  const orgs = await services.parties.listOrganizations({});
  const usOrg = orgs.find((o) => o.names.some((n) => n.value === 'University of California, Los Angeles'));
  const cnOrg = orgs.find((o) => o.names.some((n) => n.value === 'Institute of Atmospheric Physics, Chinese Academy of Sciences'));
  const proposer = who(EMAIL.usMember);
  if (usOrg && cnOrg && proposer) await services.projects.create(proposer, project(group.id, usOrg.id, cnOrg.id));
}
