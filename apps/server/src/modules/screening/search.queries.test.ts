import type { SearchResponse } from '@qiao/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/client.ts';
import type { TestApp } from '../../testing/app.ts';
import { createPostgresDatabase, dbTargets } from '../../testing/db.ts';
import { buildClockedApp, drainJobs, fixtureFiles } from './fixtures/fixtures.ts';

// A search costs the same number of queries whether it returns one hit or many: decisions, records and
// parties are read in batches, never one lookup per hit.
for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`search queries on ${target.name}`, () => {
    let database: Database;
    let t: TestApp;
    const queries: string[] = [];
    const clock = { now: new Date('2026-10-01T08:00:00Z') };
    let cn: Record<string, string>;
    let partyId = '';
    let hits: SearchResponse['matches'] = [];
    const NAME = 'Harbin Institute of Technology';

    beforeAll(async () => {
      const onQuery = (sql: string) => queries.push(sql);
      database = target.name === 'pglite' ? await openDatabase({ kind: 'pglite', dataDir: null }, { onQuery }) : await openDatabase({ kind: 'postgres', url: await createPostgresDatabase() }, { onQuery });
      await database.migrate();
      t = await buildClockedApp(database, clock);
      cn = (await t.signInAs(['compliance_officer'], 'CN')).headers;
      partyId = (await t.services.parties.createOrganization(null, { names: [{ lang: 'en', value: NAME }], side: 'CN', country: 'CN', kind: 'university' })).id;
      await t.services.screening.lists.importFiles(null, fixtureFiles('v1'));
      await drainJobs(t.services, () => clock.now);
      hits = (await t.app.inject({ method: 'POST', url: '/api/screening/search', headers: cn, payload: { name: NAME, threshold: 0.3, limit: 20 } })).json<SearchResponse>().matches;
      for (const h of hits) {
        const res = await t.app.inject({ method: 'POST', url: '/api/screening/decisions', headers: cn, payload: { partyId, listId: h.listId, recordId: h.recordId, decision: 'false_positive', reason: `checked ${h.recordId}` } });
        expect(res.statusCode, res.body).toBe(201);
      }
    });
    afterAll(async () => {
      await t.close();
      await database.close();
    });

    const searchCounting = async (limit: number) => {
      const before = queries.length;
      const res = await t.app.inject({ method: 'POST', url: '/api/screening/search', headers: cn, payload: { name: NAME, threshold: 0.3, limit, partyId } });
      expect(res.statusCode, res.body).toBe(200);
      return { matches: res.json<SearchResponse>().matches, queries: queries.length - before };
    };

    it('reads the decisions on every hit in one batch, with each decision on its own hit', async () => {
      expect(hits.length).toBeGreaterThanOrEqual(2);
      // The first request after a write reads the session again on the embedded database; count after it.
      await searchCounting(1);
      const one = await searchCounting(1);
      const many = await searchCounting(hits.length);
      expect(one.matches).toHaveLength(1);
      expect(many.matches).toHaveLength(hits.length);
      expect(many.queries).toBe(one.queries);
      for (const m of many.matches) expect(m.decision).toMatchObject({ listId: m.listId, recordId: m.recordId, reason: `checked ${m.recordId}`, state: 'in_force' });
    });

    it('a party with no decisions gets null on every hit, and an unknown party too', async () => {
      const other = (await t.services.parties.createOrganization(null, { names: [{ lang: 'en', value: 'Harbin Engineering University' }], side: 'CN', country: 'CN', kind: 'university' })).id;
      for (const id of [other, '00000000-0000-4000-8000-000000000000']) {
        const res = await t.app.inject({ method: 'POST', url: '/api/screening/search', headers: cn, payload: { name: NAME, threshold: 0.3, limit: 20, partyId: id } });
        expect(res.json<SearchResponse>().matches.map((m) => m.decision)).toEqual(hits.map(() => null));
      }
    });

    it('a repeated search reads neither the lists in force nor their records again, until a list changes', async () => {
      const search = async () => {
        const before = queries.length;
        const res = await t.app.inject({ method: 'POST', url: '/api/screening/search', headers: cn, payload: { name: NAME, threshold: 0.3, limit: 20 } });
        expect(res.statusCode, res.body).toBe(200);
        return { body: res.json<SearchResponse>(), read: queries.slice(before) };
      };
      const first = await search();
      const again = await search();
      expect(again.body).toEqual(first.body);
      expect(again.read.filter((q) => /screening_list_(versions|records)/.test(q))).toEqual([]);
      await t.services.screening.lists.importFiles(null, fixtureFiles('v2'), { allowShrink: true });
      const after = await search();
      expect(after.read.some((q) => /screening_list_versions/.test(q))).toBe(true);
      expect(after.body.lists).toEqual(
        (await t.services.screening.lists.current()).map((v) => ({ listId: v.listId, versionId: v.id, version: v.version, title: v.title, side: v.side })),
      );
      expect(after.body.lists).not.toEqual(first.body.lists);
      const inForce = new Set(after.body.lists.map((l) => l.versionId));
      expect(after.body.matches.every((m) => inForce.has(m.versionId))).toBe(true);
    });
  });
}
