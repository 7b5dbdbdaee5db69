import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.ts';
import { buildTestApp, type TestApp } from '../testing/app.ts';
import { dbTargets } from '../testing/db.ts';
import { fixtureFiles, multipart } from '../modules/screening/fixtures/fixtures.ts';

const TOKEN = 'scrape-token-0123456789';

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`Prometheus metrics on ${target.name}`, () => {
    let database: Database;
    let t: TestApp;
    let off: TestApp;
    beforeAll(async () => {
      database = await target.open();
      t = await buildTestApp(database, { QIAO_METRICS_TOKEN: TOKEN });
      off = await buildTestApp(database);
    });
    afterAll(async () => {
      await t.close();
      await off.close();
      await database.close();
    });

    it('reports request durations by route, screening searches and the job queue to a scraper with the token', async () => {
      const { headers } = await t.signInAs(['member'], 'US');
      await t.app.inject({ method: 'GET', url: '/api/health' });
      await t.app.inject({ method: 'GET', url: '/api/datasets/00000000-0000-4000-8000-000000000000' });
      expect((await t.app.inject({ method: 'POST', url: '/api/screening/search', headers, payload: { name: '华为技术有限公司' } })).statusCode).toBe(200);
      const res = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.body).toMatch(/qiao_http_request_duration_seconds_count\{method="GET",route="\/api\/health",status_code="200"\} 1/);
      // The route pattern, never the address with its id.
      expect(res.body).toMatch(/route="\/api\/datasets\/:id",status_code="404"/);
      expect(res.body).not.toContain('00000000-0000-4000-8000-000000000000');
      expect(res.body).toMatch(/qiao_screening_search_duration_seconds_count 1/);
      expect(res.body).toMatch(/qiao_job_queue_depth\{status="queued"\} \d+/);
      expect(res.body).toMatch(/qiao_screening_index_built_timestamp_seconds \d/);
    });

    it('times every rebuild of the screening index, including the one after a list import', async () => {
      const scrape = async () => (await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })).body;
      const builds = (body: string) => Number(/^qiao_screening_index_build_duration_seconds_count (\d+)$/m.exec(body)?.[1] ?? NaN);
      const { headers } = await t.signInAs(['admin'], 'US');
      await t.app.inject({ method: 'POST', url: '/api/screening/search', headers, payload: { name: 'Harbin Institute of Technology' } });
      const before = await scrape();
      expect(builds(before)).toBeGreaterThanOrEqual(1);
      expect(before).toMatch(/^qiao_screening_index_last_build_duration_seconds \d/m);
      const body = multipart(fixtureFiles('v1'));
      expect((await t.app.inject({ method: 'POST', url: '/api/screening/lists/import', headers: { ...headers, ...body.headers }, payload: body.payload })).statusCode).toBe(200);
      const hit = await t.app.inject({ method: 'POST', url: '/api/screening/search', headers, payload: { name: 'Harbin Institute of Technology' } });
      expect(hit.json<{ matches: unknown[] }>().matches.length).toBeGreaterThan(0);
      const after = await scrape();
      expect(builds(after)).toBe(builds(before) + 1);
      expect(after).toMatch(/^qiao_screening_index_build_duration_seconds_bucket\{le="\+Inf"\} \d+$/m);
    });

    it('answers 401 to a wrong or missing token, and has no endpoint without QIAO_METRICS_TOKEN', async () => {
      for (const authorization of [undefined, 'Bearer wrong-token-0123456789', `Basic ${TOKEN}`, `Bearer ${TOKEN}x`]) {
        const res = await t.app.inject({ method: 'GET', url: '/metrics', headers: authorization ? { authorization } : {} });
        expect(res.statusCode, authorization).toBe(401);
        expect(res.json()).toMatchObject({ error: { id: 'unauthenticated' } });
      }
      expect((await off.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })).statusCode).toBe(404);
    });
  });
}
