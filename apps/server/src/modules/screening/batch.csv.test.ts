import type { BatchJob } from '@qiao/contracts';
import { ENTITY_TYPES, LIMITS } from '@qiao/contracts';
import { BATCH_ENTITY_TYPES, BATCH_NAME_MAX } from '@qiao/screening';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOD_BATCH, HOSTILE_BATCHES } from '../../../../../packages/screening/test/batch-hostile.ts';
import type { Database } from '../../db/client.ts';
import type { TestApp } from '../../testing/app.ts';
import { dbTargets } from '../../testing/db.ts';
import { jobs } from '../jobs/job.schema.ts';
import { buildClockedApp, drainJobs, fixtureFiles, openTestDatabase } from './fixtures/fixtures.ts';

describe('batch limits', () => {
  it('are the platform limits: one name length, the engine’s entity types', () => {
    expect(BATCH_NAME_MAX).toBe(LIMITS.nameMax);
    expect([...BATCH_ENTITY_TYPES]).toEqual([...ENTITY_TYPES]);
  });
});

// The same hostile files the CLI test feeds to `qiao screen --batch` (packages/screening/test/batch-hostile.ts).
for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`batch upload parsing on ${target.name}`, () => {
    let database: Database;
    let t: TestApp;
    let user: Record<string, string>;
    beforeAll(async () => {
      database = await openTestDatabase(target);
      t = await buildClockedApp(database, { now: new Date() });
      user = (await t.signInAs(['member'], 'US')).headers;
      await t.services.screening.lists.importFiles(null, fixtureFiles('v1'));
      await drainJobs(t.services);
    });
    afterAll(async () => {
      await t.close();
      await database.close();
    });

    const start = (payload: string) => t.app.inject({ method: 'POST', url: '/api/screening/batch', headers: { ...user, 'content-type': 'text/csv' }, payload });

    it.each(HOSTILE_BATCHES.map((h) => [h.name, h] as const))('refuses %s with every bad line and starts nothing', async (_name, h) => {
      const res = await start(h.text);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: { id: 'csv_invalid', lines: h.lines } });
      expect(await database.db.select().from(jobs).where(eq(jobs.kind, 'screening.batch'))).toEqual([]);
    });

    it('screens a file with BOM, CRLF and any column order, and JSON lines', async () => {
      const csv = await start(GOOD_BATCH);
      expect(csv.statusCode).toBe(202);
      expect(csv.json<BatchJob>()).toMatchObject({ total: 2 });
      const jsonl = await start('{"id":"j1","name":"Huawei Technologies Co., Ltd.","type":"organization"}\n');
      expect(jsonl.statusCode).toBe(202);
      await drainJobs(t.services);
      const results = (await t.app.inject({ method: 'GET', url: `/api/screening/batch/${jsonl.json<BatchJob>().id}/results`, headers: user })).json<{ items: { id: string; matches: { recordId: string }[] }[] }>();
      expect(results.items.map((r) => [r.id, r.matches[0]?.recordId])).toEqual([['j1', 'rec-huawei']]);
    });
  });
}
