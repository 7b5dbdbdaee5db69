import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorSeries } from '@qiao/contracts';
import type { Database } from '../../db/client.ts';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { fixtureFiles, FIXTURES } from '../screening/fixtures/fixtures.ts';
import { dbTargets } from '../../testing/db.ts';

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`indicators on ${target.name}`, () => {
    let database: Database;
    let t: TestApp;
    let admin: Record<string, string>;
    beforeAll(async () => {
      database = await target.open();
      t = await buildTestApp(database);
      await t.services.indicators.ensureSeed();
      admin = (await t.signInAs(['admin'])).headers;
    });
    afterAll(async () => {
      await t.close();
      await database.close();
    });

    const get = async (id: string) => (await t.app.inject({ method: 'GET', url: `/api/indicators/${id}` })).json<IndicatorSeries>();

    it('shows the seed series with their sources to anyone, without signing in', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/indicators' });
      expect(res.statusCode).toBe(200);
      const items = res.json<{ items: IndicatorSeries[] }>().items;
      const unicorns = items.find((s) => s.id === 'unicorns-by-country');
      expect(unicorns?.values).toEqual(
        expect.arrayContaining([
          { period: '2024', country: 'US', value: 703 },
          { period: '2024', country: 'CN', value: 340 },
          { period: '2024', country: 'DE+GB+FR', value: 116 },
        ]),
      );
      expect(unicorns?.source).toMatchObject({ publisher: 'Hurun Research Institute', title: 'Hurun Global Unicorn Index 2024' });
      for (const s of items) expect(s.source.publisher.length).toBeGreaterThan(0);
      expect((await t.services.indicators.ensureSeed())).toBe(0);
    });

    it('computes live figures that match the database', async () => {
      const before = (await get('live-organizations-by-side')).values;
      const cnBefore = before.find((v) => v.country === 'CN')?.value ?? 0;
      await t.services.parties.createOrganization(null, { names: [{ lang: 'zh-Hans', value: '复旦大学' }], side: 'CN', country: 'CN', kind: 'university' });
      await t.services.parties.createOrganization(null, { names: [{ lang: 'zh-Hans', value: '浙江大学' }], side: 'CN', country: 'CN', kind: 'university' });
      const after = await get('live-organizations-by-side');
      expect(after.kind).toBe('live');
      expect(after.values.find((v) => v.country === 'CN')?.value).toBe(cnBefore + 2);
      const users = await get('live-users-by-side');
      const total = users.values.reduce((a, v) => a + v.value, 0);
      expect(total).toBe((await t.services.users.list()).length);
    });

    it('counts list entries by year of listing and issuing side from the lists in force', async () => {
      await t.services.screening.lists.importFiles(null, fixtureFiles('v1'));
      const series = await get('live-list-entries-by-year');
      // Expected straight from the fixture file: CSL rows by the year of their start_date.
      const rows = parse<{ start_date: string }>(readFileSync(path.join(FIXTURES, 'v1/test-us.csv'), 'utf8'), { columns: true });
      const expected = new Map<string, number>();
      for (const r of rows) if (/^\d{4}/.test(r.start_date)) expected.set(r.start_date.slice(0, 4), (expected.get(r.start_date.slice(0, 4)) ?? 0) + 1);
      const us = series.values.filter((v) => v.country === 'US' && v.category === 'test-us');
      expect(new Map(us.map((v) => [v.period, v.value]))).toEqual(expected);
      expect(series.values.every((v) => v.country === 'US' || v.country === 'CN')).toBe(true);
    });

    it('counts datasets by side and projects by status as they are in the database', async () => {
      const before = (await get('live-datasets-by-side')).values.find((v) => v.country === 'CN')?.value ?? 0;
      const { session } = await t.signInAs(['data_steward'], 'CN');
      await t.services.datasets.create(session.user, {
        title: { en: 'Air quality' },
        description: { en: 'PM2.5' },
        creators: [{ name: 'X', affiliation: '', side: 'CN' }],
        subjects: [],
        temporalStart: null,
        temporalEnd: null,
        spatial: [],
        licence: 'CC-BY-4.0',
        relatedPublications: [],
        accessLevel: 'on_request',
        embargoUntil: null,
        side: 'CN',
        dataDeclaration: {},
      });
      expect((await get('live-datasets-by-side')).values.find((v) => v.country === 'CN')?.value).toBe(before + 1);
      expect((await get('live-projects-by-status')).values).toEqual([]);
    });

    it('lets an admin replace values from CSV, keeps the old values in the history and audits it', async () => {
      const csv = 'period,country,value\n2024,US,703\n2024,CN,340\n2025,US,720\n2025,CN,345\n';
      const res = await t.app.inject({ method: 'PUT', url: '/api/indicators/unicorns-by-country/values.csv?version=1', headers: { ...admin, 'content-type': 'text/csv' }, payload: csv });
      expect(res.statusCode).toBe(200);
      expect(res.json<IndicatorSeries>()).toMatchObject({ version: 2, values: expect.arrayContaining([{ period: '2025', country: 'CN', value: 345 }]) as unknown });
      const history = (await t.app.inject({ method: 'GET', url: '/api/indicators/unicorns-by-country/revisions' })).json<{ items: { version: number; series: { values: unknown[] } }[] }>().items;
      expect(history.map((h) => h.version)).toEqual([2, 1]);
      expect(history[1]?.series.values).toContainEqual({ period: '2024', country: 'DE+GB+FR', value: 116 });
      const exported = await t.app.inject({ method: 'GET', url: '/api/indicators/unicorns-by-country/values.csv' });
      expect(exported.headers['content-type']).toContain('text/csv');
      expect(exported.body).toBe(csv);
      const audit = await t.services.database.db.query.auditLog.findFirst({ where: (a, { and, eq }) => and(eq(a.entityId, 'unicorns-by-country'), eq(a.action, 'indicator.update')) });
      expect(audit?.before).toMatchObject({ values: expect.arrayContaining([{ period: '2024', country: 'DE+GB+FR', value: 116 }]) as unknown });
    });

    it('rejects a bad CSV line by line and changes nothing', async () => {
      const before = await get('cn-chip-imports-index');
      const res = await t.app.inject({
        method: 'PUT',
        url: `/api/indicators/cn-chip-imports-index/values.csv?version=${before.version}`,
        headers: { ...admin, 'content-type': 'text/csv' },
        payload: 'period,country,value\n2021,CN,100\n2024-02-30,CN,99\n2024,CN,n/a\n',
      });
      expect(res.statusCode).toBe(400);
      const body = res.json<{ error: { id: string; lines: { line: number }[] } }>();
      expect(body.error.id).toBe('csv_invalid');
      expect(body.error.lines.map((l) => l.line)).toEqual([3, 4]);
      expect(await get('cn-chip-imports-index')).toEqual(before);
      const wrongCols = await t.app.inject({ method: 'PUT', url: `/api/indicators/cn-chip-imports-index/values.csv?version=${before.version}`, headers: { ...admin, 'content-type': 'text/csv' }, payload: 'year,value\n2021,1\n' });
      expect(wrongCols.json()).toMatchObject({ error: { id: 'csv_invalid', lines: [{ line: 1 }] } });
    });

    it('refuses a stale version, live series edits, oversized files and non-admins', async () => {
      const stale = await t.app.inject({ method: 'PATCH', url: '/api/indicators/cn-share-chip-capacity', headers: admin, payload: { version: 7, notesEn: 'x' } });
      expect(stale.json()).toMatchObject({ error: { id: 'conflict' } });
      const live = await t.app.inject({ method: 'PATCH', url: '/api/indicators/live-people-by-side', headers: admin, payload: { version: 1, notesEn: 'x' } });
      expect(live.json()).toMatchObject({ error: { id: 'conflict' } });
      const huge = 'period,country,value\n' + '2024,US,1\n'.repeat(300_000);
      const big = await t.app.inject({ method: 'PUT', url: '/api/indicators/cn-share-chip-capacity/values.csv?version=1', headers: { ...admin, 'content-type': 'text/csv' }, payload: huge });
      expect(big.statusCode).toBe(413);
      const { headers } = await t.signInAs(['member', 'compliance_officer', 'co_chair', 'data_steward']);
      const denied = await t.app.inject({ method: 'PUT', url: '/api/indicators/cn-share-chip-capacity/values.csv?version=1', headers: { ...headers, 'content-type': 'text/csv' }, payload: 'period,country,value\n2027,CN,41\n' });
      expect(denied.statusCode).toBe(403);
      expect((await get('cn-share-chip-capacity')).values).toEqual([{ period: '2027', country: 'CN', value: 40 }]);
    });

    it('validates a new series, including real dates and the source', async () => {
      const base = { id: 'rd-spending', nameEn: 'R&D spending', nameZh: '研发支出', unitEn: 'USD bn', unitZh: '十亿美元', chart: 'line', values: [] };
      const bad = await t.app.inject({ method: 'POST', url: '/api/indicators', headers: admin, payload: { ...base, source: { publisher: 'OECD', title: 'MSTI', retrievedOn: '2026-02-30' } } });
      expect(bad.json()).toMatchObject({ error: { id: 'validation_failed', message: expect.stringMatching(/^source\.retrievedOn: /) as string } });
      const ok = await t.app.inject({ method: 'POST', url: '/api/indicators', headers: admin, payload: { ...base, source: { publisher: 'OECD', title: 'Main Science and Technology Indicators', url: 'https://www.oecd.org/sti/msti.htm', retrievedOn: '2026-11-01', verified: true } } });
      expect(ok.statusCode).toBe(201);
      const dup = await t.app.inject({ method: 'POST', url: '/api/indicators', headers: admin, payload: { ...base, source: { publisher: 'OECD', title: 'x', retrievedOn: '2026-11-01' } } });
      expect(dup.json()).toMatchObject({ error: { id: 'conflict' } });
    });
  });
}
