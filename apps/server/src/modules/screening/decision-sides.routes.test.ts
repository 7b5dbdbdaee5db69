import type { Alert, PartyScreeningDetail, Project, ScreeningDecision } from '@qiao/contracts';
import type { ListFile } from '@qiao/screening';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import type { TestApp } from '../../testing/app.ts';
import { dbTargets } from '../../testing/db.ts';
import { buildGroup, call, signInCast, type Cast, type Signed } from '../groups/group.fixtures.ts';
import { buildClockedApp, drainJobs, fixtureFiles, openTestDatabase } from './fixtures/fixtures.ts';

const org = (en: string, zh: string, side: string) => ({ names: [{ lang: 'en' as const, value: en }, { lang: 'zh-Hans' as const, value: zh }], side, country: side, kind: 'university' as const });

/** A reference list (neither side's): its hits on a CN party are the US side's concern, and vice versa. */
function referenceList(address: string, withXidian = false): ListFile[] {
  const entity = (id: string, en: string, zh: string) =>
    JSON.stringify({ id, schema: 'Organization', caption: en, datasets: ['test_ref'], target: true, properties: { name: [en, zh], country: ['cn'], address: [address], program: ['Defence university'] } });
  const index = [{ id: 'test-ref', file: 'test-ref.ftm.json', format: 'ftm-json', side: 'reference', title: 'Test reference tracker', authority: 'Test institute' }];
  return [
    { path: 'ref/index.json', contents: JSON.stringify(index) },
    { path: 'ref/test-ref.ftm.json', contents: [entity('ref-nwpu', 'Northwestern Polytechnical University', '西北工业大学'), ...(withXidian ? [entity('ref-xidian', 'Xidian University', '西安电子科技大学')] : [])].join('\n') + '\n' },
  ];
}

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`screening decisions belong to the deciding side on ${target.name}`, () => {
    let database: Database;
    let t: TestApp;
    const clock = { now: new Date('2026-10-01T08:00:00Z') };
    let c: Cast;
    let us: Signed;
    let cn: Signed;
    let groupId: string;
    const ids: Record<'nwpu' | 'hit' | 'ucla' | 'huaweiUs' | 'xidian', string> = { nwpu: '', hit: '', ucla: '', huaweiUs: '', xidian: '' };

    beforeAll(async () => {
      database = await openTestDatabase(target);
      t = await buildClockedApp(database, clock);
      c = await signInCast(t);
      groupId = await buildGroup(t, c, { activate: true });
      const sign = async (side: string): Promise<Signed> => {
        const { session, headers } = await t.signInAs(['compliance_officer'], side);
        return { id: session.user.id, user: session.user, headers };
      };
      us = await sign('US');
      cn = await sign('CN');
      await t.services.screening.lists.importFiles(null, [...fixtureFiles('v1'), ...referenceList('127 Youyi West Road, Xi’an')]);
      await drainJobs(t.services, () => clock.now);
      const p = t.services.parties;
      ids.nwpu = (await p.createOrganization(null, org('Northwestern Polytechnical University', '西北工业大学', 'CN'))).id;
      ids.hit = (await p.createOrganization(null, org('Harbin Institute of Technology', '哈尔滨工业大学', 'CN'))).id;
      ids.ucla = (await p.createOrganization(null, org('University of California, Los Angeles', '加州大学洛杉矶分校', 'US'))).id;
      ids.huaweiUs = (await p.createOrganization(null, { ...org('Huawei Technologies Co., Ltd.', '华为技术有限公司', 'US'), kind: 'company' })).id;
    });
    afterAll(async () => {
      await t.close();
      await database.close();
    });

    const decide = (who: Signed, body: object) => call<ScreeningDecision & { error?: { id: string; message: string } }>(t, who, 'POST', '/api/screening/decisions', body);
    const detail = async (id: string) => (await call<PartyScreeningDetail>(t, c.usMember, 'GET', `/api/screening/parties/${id}`)).body;
    const decisionsOf = async (partyId: string) => (await call<{ items: ScreeningDecision[] }>(t, us, 'GET', `/api/screening/decisions?partyId=${partyId}`)).body.items;
    const project = async (id: string) => (await call<Project>(t, c.usMember, 'GET', `/api/projects/${id}`)).body;
    const screeningFlag = (p: Project, partyId: string, listId: string) => p.checks?.flags.find((f) => f.kind === 'screening' && f.id.startsWith(`screening:${partyId}:${listId}:`));
    const submitted = async (...partyIds: string[]): Promise<Project> => {
      const created = await call<Project>(t, c.usMember, 'POST', '/api/projects', {
        groupId,
        title: { en: 'Maternal nutrition cohort', zh: '孕产妇营养队列' },
        abstract: { en: 'A cohort study of iron supplementation in pregnancy.', zh: '孕期补铁的队列研究。' },
        technologyArea: 'maternal nutrition',
        parties: partyIds.map((partyId) => ({ partyId, kind: 'organization', role: 'partner' })),
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const res = await call<Project>(t, c.usMember, 'POST', `/api/projects/${created.body.id}/transitions`, { action: 'submit', reason: '', version: created.body.version });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body;
    };

    it("keeps a reference-list flag on a CN party for the US side: the CN officer's false positive does not clear it", async () => {
      const p = await submitted(ids.ucla, ids.nwpu);
      expect(screeningFlag(p, ids.nwpu, 'test-ref')).toMatchObject({ side: 'US', severity: 'review' });
      expect(p.pendingReviewSides).toContain('US');
      const res = await decide(cn, { partyId: ids.nwpu, listId: 'test-ref', recordId: 'ref-nwpu', decision: 'false_positive', reason: 'Our registry says this is a different campus' });
      expect(res.status).toBe(201);
      // The CN party's own status follows its own side's decision...
      expect((await detail(ids.nwpu)).status).toBe('cleared_by_decision');
      // ...and the project is re-checked, but the US concern is still there and waits for a US review.
      const after = await project(p.id);
      expect(after.checks?.trigger).toMatch(/^screening change/);
      expect(screeningFlag(after, ids.nwpu, 'test-ref')).toMatchObject({ side: 'US' });
      expect(after.pendingReviewSides).toContain('US');
      expect(res.body).toMatchObject({ side: 'CN', partySide: 'CN', decidedBy: cn.user.email });
    });

    it("keeps a US-list flag on a CN party until a US officer decides it for the US side", async () => {
      const p = await submitted(ids.ucla, ids.hit);
      const hitDecision = { partyId: ids.hit, listId: 'test-us', recordId: 'rec-hit', decision: 'false_positive', reason: 'A different institute of the same name' };
      expect((await decide(cn, hitDecision)).status).toBe(201);
      expect((await detail(ids.hit)).status).toBe('cleared_by_decision');
      expect(screeningFlag(await project(p.id), ids.hit, 'test-us')).toMatchObject({ side: 'US' });
      // The US officer answers the US concern with a decision of the US side.
      const usDecision = await decide(us, { ...hitDecision, side: 'US', reason: 'Checked the entity list entry: different address and registration' });
      expect(usDecision.status).toBe(201);
      expect(usDecision.body).toMatchObject({ side: 'US', partySide: 'CN', state: 'in_force' });
      const after = await project(p.id);
      expect(screeningFlag(after, ids.hit, 'test-us')).toBeUndefined();
      const hit = (await detail(ids.hit)).hits.find((h) => h.listId === 'test-us');
      expect(hit?.decision).toMatchObject({ side: 'CN' });
      expect(hit?.decisions.map((d) => d.side).sort()).toEqual(['CN', 'US']);
      expect(hit?.concernSide).toBe('US');
      const audit = await t.services.database.db.query.auditLog.findMany({ where: (l, { eq }) => eq(l.entityId, usDecision.body.id) });
      expect(audit).toEqual([expect.objectContaining({ action: 'screening_decision.create', actorEmail: us.user.email, after: expect.objectContaining({ side: 'US', partySide: 'CN' }) as unknown })]);
    });

    it("refuses a decision for a side the officer does not belong to, or on a hit that does not concern their side", async () => {
      const before = await decisionsOf(ids.huaweiUs);
      const statusBefore = (await detail(ids.huaweiUs)).status;
      expect(statusBefore).toBe('potential_match');
      const base = { partyId: ids.huaweiUs, listId: 'test-us', recordId: 'rec-huawei', decision: 'false_positive', reason: 'Not the listed company at all' };
      // Decides for the party's own side (US) without being a US officer.
      const asOwner = await decide(cn, base);
      expect(asOwner.status).toBe(403);
      expect(asOwner.body.error?.id).toBe('wrong_side');
      // Claims the US side outright.
      const claimed = await decide(cn, { ...base, side: 'US' });
      expect(claimed.status).toBe(403);
      expect(claimed.body.error?.id).toBe('wrong_side');
      // Decides for its own side on a US list hit on a US party: not a CN concern.
      const notConcerned = await decide(cn, { ...base, side: 'CN' });
      expect(notConcerned.status).toBe(403);
      expect(notConcerned.body.error?.id).toBe('wrong_side');
      // A US officer cannot decide the CN party's own status either.
      const forCn = await decide(us, { partyId: ids.hit, listId: 'test-us', recordId: 'rec-hit', decision: 'true_match', reason: 'Trying to decide for the other side', side: 'CN' });
      expect(forCn.status).toBe(403);
      expect(forCn.body.error?.id).toBe('wrong_side');
      expect(await decisionsOf(ids.huaweiUs)).toEqual(before);
      expect((await detail(ids.huaweiUs)).status).toBe(statusBefore);
      expect((await detail(ids.hit)).hits.find((h) => h.listId === 'test-us')?.decisions.map((d) => [d.side, d.decision]).sort()).toEqual([
        ['CN', 'false_positive'],
        ['US', 'false_positive'],
      ]);
    });

    it("raises the party side's alert even when the other side has decided the hit for itself", async () => {
      await t.services.screening.lists.importFiles(null, referenceList('127 Youyi West Road, Xi’an', true));
      await drainJobs(t.services, () => clock.now);
      // Added after that import and not screened yet: the next re-screening finds its hit as new.
      ids.xidian = (await t.services.parties.createOrganization(null, org('Xidian University', '西安电子科技大学', 'CN'))).id;
      const usOnly = await decide(us, { partyId: ids.xidian, listId: 'test-ref', recordId: 'ref-xidian', decision: 'false_positive', reason: 'US review: not the listed university', side: 'US' });
      expect(usOnly.status).toBe(201);
      // The next version changes only an address; the CN side is alerted to its party's new hit whatever
      // the US side decided for its own concern.
      await t.services.screening.lists.importFiles(null, referenceList('1 Changan Road, Xi’an', true));
      await drainJobs(t.services, () => clock.now);
      const cnAlerts = (await call<{ items: Alert[] }>(t, cn, 'GET', `/api/screening/alerts?partyId=${ids.xidian}`)).body.items;
      expect(cnAlerts).toEqual([expect.objectContaining({ side: 'CN', listId: 'test-ref', recordId: 'ref-xidian', reason: 'new_hit' })]);
      expect((await detail(ids.xidian)).status).toBe('potential_match');
    });
  });
}
