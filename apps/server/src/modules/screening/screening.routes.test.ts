import type { Alert, PartyScreening, PartyScreeningDetail, ScreeningDecision, SearchResponse } from '@qiao/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import type { TestApp } from '../../testing/app.ts';
import { dbTargets } from '../../testing/db.ts';
import { buildClockedApp, drainJobs, fixtureFiles, openTestDatabase } from './fixtures/fixtures.ts';
import type { PartyStatusChange } from './screening.events.ts';

const org = (en: string, zh: string, side: string) => ({ names: [{ lang: 'en' as const, value: en }, { lang: 'zh-Hans' as const, value: zh }], side, country: side, kind: 'university' as const });

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`screening search, parties, decisions and alerts on ${target.name}`, () => {
    let database: Database;
    let t: TestApp;
    const clock = { now: new Date('2026-10-01T08:00:00Z') };
    let us: Record<string, string>;
    let cn: Record<string, string>;
    let researcher: Record<string, string>;
    const ids: Record<'hit' | 'beihang' | 'dahua' | 'lockheed', string> = { hit: '', beihang: '', dahua: '', lockheed: '' };
    const changes: PartyStatusChange[] = [];
    const drain = () => drainJobs(t.services, () => clock.now);

    beforeAll(async () => {
      database = await openTestDatabase(target);
      t = await buildClockedApp(database, clock);
      us = (await t.signInAs(['compliance_officer'], 'US')).headers;
      cn = (await t.signInAs(['compliance_officer'], 'CN')).headers;
      researcher = (await t.signInAs(['member'], 'US')).headers;
      const p = t.services.parties;
      ids.hit = (await p.createOrganization(null, org('Harbin Institute of Technology', '哈尔滨工业大学', 'CN'))).id;
      ids.beihang = (await p.createOrganization(null, org('Beihang University', '北京航空航天大学', 'CN'))).id;
      ids.dahua = (await p.createOrganization(null, { ...org('Zhejiang Dahua Technology Co., Ltd.', '浙江大华技术股份有限公司', 'CN'), kind: 'company' })).id;
      ids.lockheed = (await p.createOrganization(null, { ...org('Lockheed Martin Corporation', '洛克希德·马丁公司', 'US'), kind: 'company' })).id;
      t.services.screening.events.onPartyStatusChange((c) => {
        changes.push(c);
      });
      await t.services.screening.lists.importFiles(null, fixtureFiles('v1'));
      await drain();
    });
    afterAll(async () => {
      await t.close();
      await database.close();
    });

    const statusOf = async (id: string) => (await t.app.inject({ method: 'GET', url: `/api/screening/parties/${id}`, headers: researcher })).json<PartyScreeningDetail>();
    const decide = (headers: Record<string, string>, body: object) => t.app.inject({ method: 'POST', url: '/api/screening/decisions', headers, payload: body });
    const alerts = async (headers: Record<string, string>, query = '') => (await t.app.inject({ method: 'GET', url: `/api/screening/alerts${query}`, headers })).json<{ items: Alert[] }>().items;

    it('lets a researcher search a Chinese name and explains the English list match with highlight ranges', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/screening/search', headers: researcher, payload: { name: '华为技术有限公司' } });
      expect(res.statusCode).toBe(200);
      const body = res.json<SearchResponse>();
      const top = body.matches[0];
      expect(top).toMatchObject({ listId: 'test-us', listTitle: 'Test US export-control list', listSide: 'US', recordId: 'rec-huawei', name: 'Huawei Technologies Co., Ltd.', programs: ['Entity List (EL) - Bureau of Industry and Security'] });
      expect(top?.score).toBeGreaterThanOrEqual(body.threshold);
      expect(top?.record).toMatchObject({ sourceUrl: expect.stringContaining('ecfr.gov') as unknown, details: { federal_register_notice: '84 FR 22963, 5/21/19' } });
      const part = top?.explanation.find((e) => e.feature === 'part' && e.query === '华为');
      expect(part).toMatchObject({ list: expect.stringMatching(/^huawei$/i) as unknown, queryRanges: [{ start: 0, end: 2 }], listRanges: [{ start: 0, end: 6 }] });
      expect(top?.highlights.query).toContainEqual(expect.objectContaining({ start: 0, end: 2, kind: 'matched' }));
      expect(top?.highlights.name).toContainEqual(expect.objectContaining({ start: 0, end: 6, kind: 'matched' }));
      const none = (await t.app.inject({ method: 'POST', url: '/api/screening/search', headers: researcher, payload: { name: 'Totally Unlisted Bakery' } })).json<SearchResponse>();
      expect(none.matches).toEqual([]);
      expect((await t.app.inject({ method: 'POST', url: '/api/screening/search', payload: { name: 'x' } })).statusCode).toBe(401);
    });

    it('gives every party a status, in bulk and per party', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/screening/parties?side=CN', headers: researcher });
      const items = res.json<{ items: PartyScreening[] }>().items;
      const status = Object.fromEntries(items.map((p) => [p.partyId, p.status]));
      expect(status).toEqual({ [ids.hit]: 'potential_match', [ids.beihang]: 'potential_match', [ids.dahua]: 'clear' });
      const onlyClear = (await t.app.inject({ method: 'GET', url: '/api/screening/parties?status=clear', headers: researcher })).json<{ items: PartyScreening[] }>().items;
      expect(onlyClear.map((p) => p.partyId)).toEqual([ids.dahua]);
      const lockheed = await statusOf(ids.lockheed);
      expect(lockheed).toMatchObject({ status: 'potential_match', hits: [{ listId: 'test-cn', recordId: 'cn-lockheed', listSide: 'CN' }] });
    });

    it("lets only the party side's compliance officers decide, with a reason and a valid date", async () => {
      const base = { partyId: ids.hit, listId: 'test-us', recordId: 'rec-hit', decision: 'false_positive', reason: 'Different institution: checked the registration' };
      expect((await decide(us, base)).statusCode).toBe(403);
      expect((await decide(researcher, base)).statusCode).toBe(403);
      const noReason = await decide(cn, { ...base, reason: ' ' });
      expect(noReason.json()).toMatchObject({ error: { id: 'validation_failed', message: expect.stringMatching(/^reason: /) as unknown } });
      for (const expiresOn of ['2026-02-30', 'next week', '2026-09-30']) {
        const bad = await decide(cn, { ...base, expiresOn });
        expect(bad.statusCode).toBe(400);
        expect(bad.json<{ error: { message: string } }>().error.message).toMatch(/^expiresOn: /);
      }
      const ok = await decide(cn, base);
      expect(ok.statusCode).toBe(201);
      expect(ok.json<ScreeningDecision>()).toMatchObject({ state: 'in_force', decision: 'false_positive' });
      expect((await statusOf(ids.hit)).status).toBe('cleared_by_decision');
      expect((await decide(cn, { ...base, partyId: ids.beihang, recordId: 'rec-beihang' })).statusCode).toBe(201);
      const confirm = await decide(us, { partyId: ids.lockheed, listId: 'test-cn', recordId: 'cn-lockheed', decision: 'true_match', reason: 'Same company', expiresOn: '2026-10-05' });
      expect(confirm.statusCode).toBe(201);
      expect((await statusOf(ids.lockheed)).status).toBe('confirmed_match');
      const audit = await t.services.database.db.query.auditLog.findMany({ where: (l, { eq }) => eq(l.action, 'screening_decision.create') });
      expect(audit).toHaveLength(3);
      const search = (await t.app.inject({ method: 'POST', url: '/api/screening/search', headers: researcher, payload: { name: 'Harbin Institute of Technology', partyId: ids.hit } })).json<SearchResponse>();
      expect(search.matches[0]?.decision).toMatchObject({ decision: 'false_positive', state: 'in_force' });
      expect(changes).toContainEqual(expect.objectContaining({ partyId: ids.lockheed, before: 'potential_match', after: 'confirmed_match', cause: 'decision' }));
    });

    it('re-screens parties on a new list version: alerts for new and changed hits, for the party side only', async () => {
      changes.length = 0;
      await t.services.screening.lists.importFiles(null, fixtureFiles('v2'), { allowShrink: true });
      expect(await drain()).toBe(1);
      const v2 = (await t.services.screening.lists.current()).find((v) => v.listId === 'test-us');
      // The first import raised alerts too (HIT, Beihang, Lockheed landed on the lists); these are v2's.
      const cnAlerts = (await alerts(cn)).filter((a) => a.versionId === v2?.id);
      expect(cnAlerts.map((a) => [a.partyId, a.recordId, a.reason, a.side]).sort()).toEqual(
        [
          [ids.dahua, 'rec-dahua', 'new_hit', 'CN'],
          [ids.hit, 'rec-hit', 'changed_hit', 'CN'],
        ].sort(),
      );
      expect((await alerts(us)).filter((a) => a.versionId === v2?.id)).toEqual([]);
      expect((await alerts(us)).map((a) => [a.partyId, a.listId])).toEqual([[ids.lockheed, 'test-cn']]);
      expect((await t.app.inject({ method: 'GET', url: '/api/screening/alerts?side=CN', headers: us })).statusCode).toBe(403);
      // The stub listener stands in for projects: Dahua landing on the list changes its status.
      expect(changes).toContainEqual(expect.objectContaining({ partyId: ids.dahua, before: 'clear', after: 'potential_match', cause: 'rescreening', listId: 'test-us' }));
    });

    it('re-applies a decision until the record changes materially, and lets it expire', async () => {
      const hit = await statusOf(ids.hit);
      expect(hit.status).toBe('potential_match');
      expect(hit.hits[0]?.decision).toMatchObject({ state: 'lapsed' });
      // Beihang's record only changed address: the decision still holds.
      expect((await statusOf(ids.beihang)).status).toBe('cleared_by_decision');
      expect((await statusOf(ids.lockheed)).status).toBe('confirmed_match');
      clock.now = new Date('2026-10-06T00:00:01Z');
      expect((await statusOf(ids.lockheed)).status).toBe('potential_match');
      const decisions = (await t.app.inject({ method: 'GET', url: `/api/screening/decisions?partyId=${ids.lockheed}`, headers: us })).json<{ items: ScreeningDecision[] }>().items;
      expect(decisions.map((d) => d.state)).toEqual(['expired']);
    });

    it('lets the side officers acknowledge and resolve alerts, audited', async () => {
      const [first] = await alerts(cn, '?status=open&listId=test-us');
      if (!first) throw new Error('no alert');
      expect((await t.app.inject({ method: 'POST', url: `/api/screening/alerts/${first.id}/acknowledge`, headers: us, payload: {} })).statusCode).toBe(404);
      const ack = await t.app.inject({ method: 'POST', url: `/api/screening/alerts/${first.id}/acknowledge`, headers: cn, payload: {} });
      expect(ack.json<Alert>()).toMatchObject({ status: 'acknowledged', acknowledgedBy: expect.stringContaining('@test.example') as unknown });
      const again = await t.app.inject({ method: 'POST', url: `/api/screening/alerts/${first.id}/acknowledge`, headers: cn, payload: {} });
      expect(again.json()).toMatchObject({ error: { id: 'invalid_transition' } });
      const resolved = await t.app.inject({ method: 'POST', url: `/api/screening/alerts/${first.id}/resolve`, headers: cn, payload: { note: 'Checked with the partner' } });
      expect(resolved.json<Alert>()).toMatchObject({ status: 'resolved', note: 'Checked with the partner' });
      expect((await alerts(cn, '?status=resolved')).map((a) => a.id)).toEqual([first.id]);
      const summary = (await t.app.inject({ method: 'GET', url: '/api/screening/alerts/summary', headers: cn })).json<unknown>();
      expect(summary).toEqual({ open: (await alerts(cn, '?status=open')).length, acknowledged: 0 });
      expect((await t.app.inject({ method: 'GET', url: '/api/screening/alerts', headers: researcher })).statusCode).toBe(403);
      const audit = await t.services.database.db.query.auditLog.findMany({ where: (l, { eq }) => eq(l.entityId, first.id) });
      expect(audit.map((a) => a.action).sort()).toEqual(['screening_alert.acknowledge', 'screening_alert.resolve']);
    });
  });
}
