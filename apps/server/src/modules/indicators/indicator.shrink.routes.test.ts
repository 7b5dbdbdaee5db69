import type { ErrorBody, IndicatorSeries } from '@qiao/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { dbTargets } from '../../testing/db.ts';

type ErrorWithShrink = ErrorBody & { error: { shrink?: { subject: string; removed: number; total: number }[] } };

const SIX = ['2019', '2020', '2021', '2022', '2023', '2024'].map((period, i) => ({ period, country: 'CN', value: 10 + i }));
const csvOf = (values: readonly { period: string; country: string; value: number }[]) => ['period,country,value', ...values.map((v) => `${v.period},${v.country},${v.value}`)].join('\n') + '\n';

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`indicator imports that shrink a series on ${target.name}`, () => {
    let database: Database;
    let t: TestApp;
    let admin: Record<string, string>;
    beforeAll(async () => {
      database = await target.open();
      t = await buildTestApp(database);
      admin = (await t.signInAs(['admin'])).headers;
    });
    afterAll(async () => {
      await t.close();
      await database.close();
    });

    let n = 0;
    async function newSeries(): Promise<string> {
      const id = `shrink-test-${++n}`;
      const source = { publisher: 'OECD', title: 'Main Science and Technology Indicators', retrievedOn: '2026-11-01' };
      const res = await t.app.inject({ method: 'POST', url: '/api/indicators', headers: admin, payload: { id, nameEn: 'R&D', nameZh: '研发', unitEn: 'USD bn', unitZh: '十亿美元', chart: 'line', source, values: SIX } });
      expect(res.statusCode).toBe(201);
      return id;
    }
    const put = (id: string, version: number, csv: string, query = '') =>
      t.app.inject({ method: 'PUT', url: `/api/indicators/${id}/values.csv?version=${version}${query}`, headers: { ...admin, 'content-type': 'text/csv' }, payload: csv });
    const audits = (id: string) => t.services.database.db.query.auditLog.findMany({ where: (a, { and, eq }) => and(eq(a.entityId, id), eq(a.entity, 'indicator')) });
    /** Everything a refused import must leave as it was. */
    async function snapshot(id: string) {
      const series = (await t.app.inject({ method: 'GET', url: `/api/indicators/${id}` })).json<IndicatorSeries>();
      const revisions = (await t.app.inject({ method: 'GET', url: `/api/indicators/${id}/revisions` })).json<{ items: unknown[] }>().items.length;
      return { series, revisions, audit: (await audits(id)).length };
    }

    it('refuses a header-only CSV that would empty the series, and changes nothing', async () => {
      const id = await newSeries();
      const before = await snapshot(id);
      const res = await put(id, 1, 'period,country,value\n');
      expect(res.statusCode).toBe(409);
      const body = res.json<ErrorWithShrink>();
      expect(body.error.id).toBe('shrink_not_confirmed');
      expect(body.error.message).toContain(`${id}: would remove 6 of 6 values`);
      expect(body.error.shrink).toEqual([{ subject: id, removed: 6, total: 6 }]);
      expect(await snapshot(id)).toEqual(before);
    });

    it('refuses a CSV that removes more than half the values, accepts one that removes half', async () => {
      const id = await newSeries();
      const before = await snapshot(id);
      const refused = await put(id, 1, csvOf(SIX.slice(0, 2)));
      expect(refused.json<ErrorWithShrink>().error).toMatchObject({ id: 'shrink_not_confirmed', shrink: [{ subject: id, removed: 4, total: 6 }] });
      expect(refused.statusCode).toBe(409);
      expect(await snapshot(id)).toEqual(before);
      const half = await put(id, 1, csvOf(SIX.slice(0, 3)));
      expect(half.statusCode).toBe(200);
      expect(half.json<IndicatorSeries>()).toMatchObject({ version: 2, values: SIX.slice(0, 3) });
    });

    it('replaces the values when the shrink is confirmed, and audits the confirmation with the counts', async () => {
      const id = await newSeries();
      const res = await put(id, 1, 'period,country,value\n', '&allowShrink=true');
      expect(res.statusCode).toBe(200);
      expect(res.json<IndicatorSeries>()).toMatchObject({ version: 2, values: [] });
      const audit = (await audits(id)).find((a) => a.action === 'indicator.update');
      expect(audit?.after).toMatchObject({ values: [], shrink: { confirmed: true, removed: 6, total: 6 } });
      expect(audit?.actorEmail).toEqual(expect.stringContaining('@test.example'));
    });

    it('applies the same rule to values replaced through PATCH', async () => {
      const id = await newSeries();
      const before = await snapshot(id);
      const refused = await t.app.inject({ method: 'PATCH', url: `/api/indicators/${id}`, headers: admin, payload: { version: 1, values: [] } });
      expect(refused.statusCode).toBe(409);
      expect(refused.json<ErrorWithShrink>().error).toMatchObject({ id: 'shrink_not_confirmed', shrink: [{ subject: id, removed: 6, total: 6 }] });
      expect(await snapshot(id)).toEqual(before);
      const confirmed = await t.app.inject({ method: 'PATCH', url: `/api/indicators/${id}`, headers: admin, payload: { version: 1, values: [], allowShrink: true } });
      expect(confirmed.statusCode).toBe(200);
      expect((await audits(id)).find((a) => a.action === 'indicator.update')?.after).toMatchObject({ shrink: { confirmed: true, removed: 6, total: 6 } });
      const notes = await t.app.inject({ method: 'PATCH', url: `/api/indicators/${id}`, headers: admin, payload: { version: 2, notesEn: 'values untouched' } });
      expect(notes.statusCode).toBe(200);
    });

    it('answers 400 validation_failed, not 500, for a version beyond the database integer range', async () => {
      const id = await newSeries();
      const before = await snapshot(id);
      const res = await put(id, 99999999999, csvOf(SIX));
      expect(res.statusCode).toBe(400);
      expect(res.json<ErrorBody>().error.id).toBe('validation_failed');
      const patch = await t.app.inject({ method: 'PATCH', url: `/api/indicators/${id}`, headers: admin, payload: { version: 99999999999, notesEn: 'x' } });
      expect(patch.statusCode).toBe(400);
      expect(patch.json<ErrorBody>().error.id).toBe('validation_failed');
      expect(await snapshot(id)).toEqual(before);
    });
  });
}
