import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { dbTargets } from '../../testing/db.ts';
import { openTestDatabase } from './test-database.ts';
import { jobs } from './job.schema.ts';
import { JobService, type JobContext } from './job.service.ts';
import { JobWorker } from './job.worker.ts';

const quiet = { info: () => {}, warn: () => {} };

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`job queue on ${target.name}`, () => {
    let database: Database;
    let service: JobService;
    const ran: { job: string; worker: string; attempt: number }[] = [];
    let failFirst = true;
    let stolenWrites = 0;
    beforeAll(async () => {
      database = await openTestDatabase(target);
      service = new JobService({ db: database.db, now: () => new Date(), log: quiet });
      service.register('test.count', async (ctx: JobContext) => {
        await ctx.commit(1, () => Promise.resolve());
        ran.push({ job: ctx.job.id, worker: ctx.workerId, attempt: ctx.job.attempts });
        return 'done';
      });
      service.register('test.steal', async (ctx: JobContext) => {
        // Another node takes the job over (this one was presumed dead) before this chunk commits.
        await database.db.update(jobs).set({ lockedBy: 'thief' }).where(eq(jobs.id, ctx.job.id));
        await ctx.commit(5, () => {
          stolenWrites++;
          return Promise.resolve();
        });
        return 'done';
      });
      service.register('test.flaky', (ctx: JobContext) => {
        if (failFirst) {
          failFirst = false;
          return Promise.reject(new Error('publisher timed out'));
        }
        ran.push({ job: ctx.job.id, worker: ctx.workerId, attempt: ctx.job.attempts });
        return Promise.resolve('done');
      });
    });
    afterAll(async () => {
      await database.close();
    });

    const worker = (id: string, now: () => Date = () => new Date()) => new JobWorker({ db: database.db, now, log: quiet }, service, { id, leaseMs: 30_000, pollMs: 20 });
    const row = async (id: string) => (await database.db.select().from(jobs).where(eq(jobs.id, id)))[0];

    it('lets several workers share the queue: each job is claimed by exactly one (SKIP LOCKED)', async () => {
      const queued = await Promise.all([1, 2].map(() => service.enqueue('test.count', {})));
      const results = await Promise.all(['n1', 'n2', 'n3'].map((id) => worker(id).runOnce()));
      expect(results.filter(Boolean)).toHaveLength(2);
      expect(ran.map((r) => r.job).sort()).toEqual(queued.map((j) => j.id).sort());
      for (const j of queued) expect(await row(j.id)).toMatchObject({ status: 'done', attempts: 1, lockedBy: null, progress: 1 });
    });

    it('takes over a job whose node died once its lease has run out, and not before', async () => {
      const job = await service.enqueue('test.count', {});
      // A node claims the job and dies without a word: its lease stays in the row.
      await database.db.update(jobs).set({ status: 'running', lockedBy: 'dead-node', lockedUntil: new Date(Date.now() + 30_000), attempts: 1 }).where(eq(jobs.id, job.id));
      expect(await worker('n1').runOnce()).toBe(false);
      expect(await worker('n1', () => new Date(Date.now() + 31_000)).runOnce()).toBe(true);
      expect(await row(job.id)).toMatchObject({ status: 'done', attempts: 2 });
      expect(ran.at(-1)).toMatchObject({ job: job.id, worker: 'n1', attempt: 2 });
    });

    it('refuses a node its chunk once its lease passed to another node', async () => {
      const job = await service.enqueue('test.steal', {});
      expect(await worker('n2').runOnce()).toBe(true);
      // The chunk was rolled back: neither its write nor its progress landed, and the thief keeps the job.
      expect(stolenWrites).toBe(0);
      expect(await row(job.id)).toMatchObject({ lockedBy: 'thief', progress: 0, status: 'running' });
    });

    it('retries a failed job later with back-off', async () => {
      const job = await service.enqueue('test.flaky', {});
      expect(await worker('n1').runOnce()).toBe(true);
      const failed = await row(job.id);
      expect(failed).toMatchObject({ status: 'queued', error: 'publisher timed out', attempts: 1 });
      expect(failed?.runAfter.getTime()).toBeGreaterThan(Date.now());
      expect(await worker('n1').runOnce()).toBe(false);
      expect(await worker('n1', () => new Date(Date.now() + 5_000)).runOnce()).toBe(true);
      expect(await row(job.id)).toMatchObject({ status: 'done', attempts: 2, error: null });
    });
  });
}

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`jobs left running by a stopped node on ${target.name}`, () => {
    let database: Database;
    let service: JobService;
    const ran: string[] = [];
    beforeAll(async () => {
      database = await openTestDatabase(target);
      service = new JobService({ db: database.db, now: () => new Date(), log: quiet });
      service.register('test.resume', (ctx: JobContext) => {
        ran.push(ctx.job.id);
        return Promise.resolve('done');
      });
    });
    afterAll(async () => {
      await database.close();
    });

    const row = async (id: string) => (await database.db.select().from(jobs).where(eq(jobs.id, id)))[0];
    /** A job claimed an hour-long lease ago by `holder`, which then stopped without handing it back. */
    const leftRunning = async (holder: string) => {
      const job = await service.enqueue('test.resume', {});
      await database.db.update(jobs).set({ status: 'running', lockedBy: holder, lockedUntil: new Date(Date.now() + 3_600_000), attempts: 1 }).where(eq(jobs.id, job.id));
      return job.id;
    };
    const worker = () => new JobWorker({ db: database.db, now: () => new Date(), log: quiet }, service, { leaseMs: 30_000, pollMs: 20 });

    it('on the embedded database, puts every running job back in the queue: its holder cannot be running', async () => {
      const a = await leftRunning('host-1234abcd');
      const b = await leftRunning('node-a:5678abcd');
      expect(await worker().runOnce()).toBe(false);
      const resumed = await service.resumeOrphaned({ embedded: true, nodeId: null });
      expect(resumed.map((j) => j.id).sort()).toEqual([a, b].sort());
      expect(await row(a)).toMatchObject({ status: 'queued', lockedBy: null, lockedUntil: null, attempts: 1 });
      // Picked up at once, an hour before the lease would have run out.
      expect(await worker().drain()).toBe(2);
      for (const id of [a, b]) expect(await row(id)).toMatchObject({ status: 'done', attempts: 2 });
    });

    it("with several nodes, takes back only this node's own earlier jobs, and none without a node id", async () => {
      const mine = await leftRunning('node-a:dead0001');
      const other = await leftRunning('node-b:live0002');
      const lookalike = await leftRunning('node-ab:live0003');
      expect(await service.resumeOrphaned({ embedded: false, nodeId: null })).toEqual([]);
      expect((await service.resumeOrphaned({ embedded: false, nodeId: 'node-a' })).map((j) => j.id)).toEqual([mine]);
      expect(await worker().drain()).toBe(1);
      expect(await row(mine)).toMatchObject({ status: 'done' });
      for (const id of [other, lookalike]) expect(await row(id)).toMatchObject({ status: 'running', attempts: 1 });
      expect(ran).toContain(mine);
      expect(ran).not.toContain(other);
    });

    it('gives a node with a node id worker ids that its next start recognises', () => {
      const w = new JobWorker({ db: database.db, now: () => new Date(), log: quiet }, service, { leaseMs: 30_000, pollMs: 20, nodeId: 'node-a' });
      expect(w.id).toMatch(/^node-a:[0-9a-f]{8}$/);
    });
  });
}
