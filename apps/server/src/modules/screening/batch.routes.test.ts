import type { BatchJob } from '@qiao/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import type { TestApp } from '../../testing/app.ts';
import { dbTargets } from '../../testing/db.ts';
import { jobs } from '../jobs/job.schema.ts';
import { JobWorker } from '../jobs/job.worker.ts';
import { screeningBatchRows } from './batch.schema.ts';
import { buildClockedApp, drainJobs, fixtureFiles, openTestDatabase } from './fixtures/fixtures.ts';

const quiet = { info: () => {}, warn: () => {} };
const NAMES = ['Huawei Technologies Co., Ltd.', '哈尔滨工业大学', 'Beihang University', 'Some Bakery Ltd', 'Lockheed Martin Corporation', 'Maria Garcia'];
const csvOf = (n: number) => ['id,name,type,country', ...Array.from({ length: n }, (_, i) => `p${i + 1},"${NAMES[i % NAMES.length] ?? ''}",organization,`)].join('\n') + '\n';

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`batch screening jobs on ${target.name}`, () => {
    let database: Database;
    let t: TestApp;
    const clock = { now: new Date() };
    let user: Record<string, string>;
    beforeAll(async () => {
      database = await openTestDatabase(target);
      t = await buildClockedApp(database, clock, { QIAO_BATCH_MAX_BYTES: '4096', QIAO_BATCH_CHUNK_ROWS: '10' });
      user = (await t.signInAs(['member'], 'US')).headers;
      await t.services.screening.lists.importFiles(null, fixtureFiles('v1'));
      await drainJobs(t.services);
    });
    afterAll(async () => {
      await t.close();
      await database.close();
    });

    const start = (csv: string, headers = user) => t.app.inject({ method: 'POST', url: '/api/screening/batch', headers: { ...headers, 'content-type': 'text/csv' }, payload: csv });
    const progress = async (id: string) => (await t.app.inject({ method: 'GET', url: `/api/screening/batch/${id}`, headers: user })).json<BatchJob>();

    it('refuses wrong columns, bad rows and oversized files with the lines named, and starts nothing', async () => {
      const wrong = await start('company,country\nHuawei,CN\n');
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json()).toMatchObject({ error: { id: 'csv_invalid', lines: [{ line: 1, message: expect.stringContaining('"name" is missing') as unknown }] } });
      const extra = await start('name,colour\nHuawei,red\n');
      expect(extra.json()).toMatchObject({ error: { id: 'csv_invalid', lines: [{ line: 1, message: expect.stringContaining('unknown column "colour"') as unknown }] } });
      const rows = await start('name,type,country\nHuawei,company,CN\n,person,US\nBeihang,organization,China\n');
      expect(rows.json<{ error: { lines: unknown[] } }>().error.lines).toEqual([
        { line: 2, message: 'type: "company" is not one of organization, person, vessel, aircraft, unknown' },
        { line: 3, message: 'name: empty' },
        { line: 4, message: 'country: "CHINA" is not a two-letter ISO code' },
      ]);
      const big = await start(csvOf(200));
      expect(big.statusCode).toBe(413);
      expect(big.json()).toMatchObject({ error: { id: 'payload_too_large' } });
      expect(await database.db.select().from(jobs).where(eq(jobs.kind, 'screening.batch'))).toEqual([]);
    });

    it('runs a batch as a job with progress, JSON results and a CSV download', async () => {
      const res = await start(csvOf(12));
      expect(res.statusCode).toBe(202);
      const job = res.json<BatchJob>();
      expect(job).toMatchObject({ status: 'queued', total: 12, done: 0, percent: 0 });
      await drainJobs(t.services);
      expect(await progress(job.id)).toMatchObject({ status: 'done', done: 12, percent: 100, matchedRows: 8 });
      const results = (await t.app.inject({ method: 'GET', url: `/api/screening/batch/${job.id}/results?limit=3`, headers: user })).json<{ items: { row: number; id: string; matches: { recordId: string }[] }[] }>();
      expect(results.items.map((r) => [r.row, r.id, r.matches[0]?.recordId])).toEqual([
        [1, 'p1', 'rec-huawei'],
        [2, 'p2', 'rec-hit'],
        [3, 'p3', 'rec-beihang'],
      ]);
      const csv = await t.app.inject({ method: 'GET', url: `/api/screening/batch/${job.id}/results.csv`, headers: user });
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      const lines = csv.body.trim().split('\n');
      expect(lines[0]).toBe('row,id,name,type,country,match_rank,score,list_id,record_id,matched_name,entity_name,programs');
      expect(lines[1]).toMatch(/^1,p1,"Huawei Technologies Co., Ltd.",organization,,1,[01]\.?\d*,test-us,rec-huawei,/);
      expect(lines.filter((l) => /^\d+,p\d+,Some Bakery Ltd,organization,,0,/.test(l))).toHaveLength(2);
      const other = (await t.signInAs(['member'], 'CN')).headers;
      expect((await t.app.inject({ method: 'GET', url: `/api/screening/batch/${job.id}`, headers: other })).statusCode).toBe(404);
      expect((await t.app.inject({ method: 'GET', url: `/api/screening/batch/${job.id}` })).statusCode).toBe(401);
    });

    it('resumes a job after its node dies mid-run, losing and repeating no finished row', async () => {
      const job = (await start(csvOf(45))).json<BatchJob>();
      const deps = (now: () => Date) => ({ db: database.db, now, log: quiet });
      const a = new JobWorker(deps(() => new Date()), t.services.jobs, { id: 'node-a', leaseMs: 30_000, pollMs: 20 });
      // Node A dies right after committing its second chunk (20 rows): the lease is left behind.
      a.onProgress((_id, done) => {
        if (done >= 20) void a.kill();
      });
      a.start();
      await expect.poll(async () => (await progress(job.id)).done, { timeout: 10_000 }).toBe(20);
      await a.kill();
      expect(await progress(job.id)).toMatchObject({ status: 'running', done: 20, attempts: 1 });
      // While A's lease runs, no other node takes the job.
      const early = new JobWorker(deps(() => new Date()), t.services.jobs, { id: 'node-b', leaseMs: 30_000, pollMs: 20 });
      expect(await early.runOnce()).toBe(false);
      // After the lease, node B resumes at row 21.
      const b = new JobWorker(deps(() => new Date(Date.now() + 31_000)), t.services.jobs, { id: 'node-b', leaseMs: 30_000, pollMs: 20 });
      expect(await b.drain()).toBe(1);
      expect(await progress(job.id)).toMatchObject({ status: 'done', done: 45, attempts: 2 });
      const rows = await database.db.select().from(screeningBatchRows).where(eq(screeningBatchRows.jobId, job.id));
      expect(rows).toHaveLength(45);
      expect(rows.every((r) => r.matches !== null)).toBe(true);
      expect(rows.filter((r) => r.attempt === 1).map((r) => r.row).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(rows.filter((r) => r.attempt === 2)).toHaveLength(25);
    });

    it("lists a person's own batches with their file names, and deletes one with its rows", async () => {
      const owner = (await t.signInAs(['member'], 'US')).headers;
      const first = (await start(csvOf(3), owner)).json<BatchJob>();
      const named = await t.app.inject({ method: 'POST', url: '/api/screening/batch?fileName=partners-2026.csv', headers: { ...owner, 'content-type': 'text/csv' }, payload: csvOf(4) });
      const second = named.json<BatchJob>();
      expect(second.fileName).toBe('partners-2026.csv');
      await drainJobs(t.services);

      const list = (await t.app.inject({ method: 'GET', url: '/api/screening/batches', headers: owner })).json<{ items: BatchJob[] }>();
      expect(list.items.map((j) => [j.id, j.fileName, j.total, j.done, j.status])).toEqual([
        [second.id, 'partners-2026.csv', 4, 4, 'done'],
        [first.id, null, 3, 3, 'done'],
      ]);
      expect(list.items[0]?.matchedRows).toBeGreaterThan(0);
      // Someone else's batches are not in their list and cannot be deleted by them.
      const other = (await t.signInAs(['member'], 'CN')).headers;
      expect((await t.app.inject({ method: 'GET', url: '/api/screening/batches', headers: other })).json<{ items: BatchJob[] }>().items).toEqual([]);
      expect((await t.app.inject({ method: 'DELETE', url: `/api/screening/batch/${first.id}`, headers: other })).statusCode).toBe(404);

      const deleted = await t.app.inject({ method: 'DELETE', url: `/api/screening/batch/${first.id}`, headers: owner });
      expect(deleted.statusCode).toBe(204);
      expect((await t.app.inject({ method: 'GET', url: `/api/screening/batch/${first.id}`, headers: owner })).statusCode).toBe(404);
      expect(await database.db.select().from(screeningBatchRows).where(eq(screeningBatchRows.jobId, first.id))).toEqual([]);
      const after = (await t.app.inject({ method: 'GET', url: '/api/screening/batches', headers: owner })).json<{ items: BatchJob[] }>();
      expect(after.items.map((j) => j.id)).toEqual([second.id]);
    });

    it('refuses to delete a batch that is still running', async () => {
      const job = (await start(csvOf(2))).json<BatchJob>();
      await database.db.update(jobs).set({ status: 'running' }).where(eq(jobs.id, job.id));
      const res = await t.app.inject({ method: 'DELETE', url: `/api/screening/batch/${job.id}`, headers: user });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ error: { id: 'conflict' } });
      expect((await progress(job.id)).id).toBe(job.id);
      await database.db.update(jobs).set({ status: 'queued' }).where(eq(jobs.id, job.id));
      await drainJobs(t.services);
    });
  });
}
