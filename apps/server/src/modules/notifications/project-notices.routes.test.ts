import type { InboxList, Project } from '@qiao/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { dbTargets } from '../../testing/db.ts';
import { buildGroup, call, signInCast, type Cast, type Signed } from '../groups/group.fixtures.ts';
import { drainJobs, fixtureFiles } from '../screening/fixtures/fixtures.ts';

const SEMI = {
  title: { en: 'EUV lithography metrology', zh: '极紫外光刻计量' },
  abstract: { en: 'Joint research on extreme ultraviolet (EUV) lithography for advanced semiconductor manufacturing.', zh: '关于先进半导体制造中极紫外光刻的联合研究。' },
  technologyArea: 'semiconductors',
};
const NUTRITION = {
  title: { en: 'Maternal nutrition cohort', zh: '孕产妇营养队列' },
  abstract: { en: 'A cohort study of iron supplementation in pregnancy.', zh: '孕期补铁的队列研究。' },
  technologyArea: 'maternal nutrition',
};

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`project and screening notices on ${target.name}`, () => {
    let database: Database;
    let t: TestApp;
    let c: Cast;
    let groupId: string;
    let usOfficer: Signed;
    let cnOfficer: Signed;
    const org: Record<string, string> = {};
    const inbox = async (who: Signed, query = '') => (await call<InboxList>(t, who, 'GET', `/api/inbox${query}`)).body.items;
    const about = async (who: Signed, projectId: string) => (await inbox(who, '?module=projects')).filter((n) => n.entityId === projectId);

    beforeAll(async () => {
      database = await target.open();
      t = await buildTestApp(database);
      c = await signInCast(t);
      groupId = await buildGroup(t, c, { activate: true });
      for (const side of ['US', 'CN'] as const) {
        const { session, headers } = await t.signInAs(['compliance_officer'], side);
        if (side === 'US') usOfficer = { id: session.user.id, user: session.user, headers };
        else cnOfficer = { id: session.user.id, user: session.user, headers };
      }
      // The CN officer reads Chinese.
      await call(t, cnOfficer, 'PATCH', '/api/auth/me', { locale: 'zh' });
      await t.services.screening.lists.importFiles(null, fixtureFiles('v1'));
      await drainJobs(t.services);
      const mk = async (key: string, en: string, side: string) => {
        org[key] = (await t.services.parties.createOrganization(null, { names: [{ lang: 'en', value: en }], side, country: side, kind: 'university' })).id;
      };
      await mk('ucla', 'University of California, Los Angeles', 'US');
      await mk('tsinghua', 'Tsinghua University', 'CN');
      await mk('dahua', 'Zhejiang Dahua Technology Co., Ltd.', 'CN');
    });
    afterAll(async () => {
      await t.close();
      await database.close();
    });

    const parties = (...keys: string[]) => keys.map((k) => ({ partyId: org[k] ?? '', kind: 'organization' as const, role: 'partner' as const }));
    const create = async (who: Signed, body: object) => (await call<Project>(t, who, 'POST', '/api/projects', { groupId, ...body })).body;
    const act = async (who: Signed, p: { id: string }, action: string, reason = '') => {
      const now = (await call<Project>(t, who, 'GET', `/api/projects/${p.id}`)).body;
      return (await call<Project>(t, who, 'POST', `/api/projects/${p.id}/transitions`, { action, reason, version: now.version })).body;
    };

    it('a submitted project asks the flagged side’s officers to review and the co-chairs to sign off; approval reaches the proposer', async () => {
      const p = await create(c.cnMember, { ...SEMI, parties: parties('ucla', 'tsinghua') });
      await act(c.cnMember, p, 'submit');
      expect((await about(usOfficer, p.id)).map((n) => [n.kind, n.title])).toEqual([['flag_review', 'Project to review: EUV lithography metrology']]);
      // Only the flagged side's officers: the CN officer has nothing to review here.
      expect(await about(cnOfficer, p.id)).toEqual([]);
      for (const chair of [c.usChair, c.cnChair]) expect((await about(chair, p.id)).map((n) => n.kind)).toEqual(['project_sign_off']);
      expect((await about(c.cnChair, p.id))[0]?.title).toBe('Project to sign off: EUV lithography metrology');
      await act(c.usChair, p, 'start_review');
      await call(t, usOfficer, 'POST', `/api/projects/${p.id}/reviews`, { side: 'US', decision: 'cleared', reason: 'Metrology research, no controlled items shared' });
      await act(c.usChair, p, 'approve');
      expect((await act(c.cnChair, p, 'approve')).status).toBe('approved');
      expect((await about(c.cnMember, p.id)).map((n) => n.kind)).toEqual(['project_approved']);
      // The co-chair who signed last is not told of their own act; the other co-chair is.
      expect((await about(c.cnChair, p.id)).map((n) => n.kind)).not.toContain('project_approved');
      expect((await about(c.usChair, p.id)).map((n) => n.kind)).toContain('project_approved');
    });

    it('a rejection reaches the proposer with the reason', async () => {
      const p = await create(c.usMember, { ...SEMI, parties: parties('ucla', 'tsinghua') });
      await act(c.usMember, p, 'submit');
      await act(usOfficer, p, 'reject', 'Export licence required for the EUV source');
      const rejected = (await about(c.usMember, p.id)).find((n) => n.kind === 'project_rejected');
      expect(rejected?.body).toBe('Reason: Export licence required for the EUV source');
    });

    it('an approved project reopened by a re-check says which party, which list and which new status; the alert reaches the party side’s officers', async () => {
      const p = await create(c.usMember, { ...NUTRITION, parties: parties('ucla', 'dahua') });
      await act(c.usMember, p, 'submit');
      await act(c.usChair, p, 'start_review');
      await act(c.usChair, p, 'approve');
      expect((await act(c.cnChair, p, 'approve')).status).toBe('approved');
      await t.services.screening.lists.importFiles(null, fixtureFiles('v2'), { allowShrink: true });
      await drainJobs(t.services);
      const reopened = (await about(c.usMember, p.id)).find((n) => n.kind === 'project_reopened');
      expect(reopened?.title).toBe('Approved project reopened: Maternal nutrition cohort');
      expect(reopened?.body).toMatch(/^A re-check put it back under review: Zhejiang Dahua Technology Co\., Ltd\. \(side CN\) is now (a potential match|a confirmed match) on the list [a-z0-9-]+\.$/);
      // The same notice in Chinese for a Chinese reader.
      const zh = (await inbox(c.usMember, '?module=projects&lang=zh')).find((n) => n.id === reopened?.id);
      expect(zh?.body).toMatch(/^重新检查使其回到审查中：Zhejiang Dahua Technology Co\., Ltd\.（CN方）现为(疑似匹配|确认匹配)（名单 [a-z0-9-]+）。$/);
      // The new hit is a CN-side party's: the CN officers get the screening alert, the US officers do not.
      const alerts = await inbox(cnOfficer, '?module=screening');
      expect(alerts.some((n) => n.kind === 'screening_alert' && n.title === '筛查警报：Zhejiang Dahua Technology Co., Ltd.')).toBe(true);
      expect((await inbox(usOfficer, '?module=screening')).filter((n) => n.title.includes('Dahua'))).toEqual([]);
    });
  });
}
