import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { loadConfig, type Config } from './config.ts';
import { openDatabase, type Database } from './db/client.ts';
import { jobs } from './modules/jobs/job.schema.ts';
import { RESCREEN_JOB } from './modules/screening/list.service.ts';
import { startServer } from './server.ts';
import { createPostgresDatabase } from './testing/db.ts';
import './testing/provided.ts';


/**
 * A re-screening job claimed by `holder` with an hour-long lease, as a node leaves it when it is
 * killed. Its list version does not exist, so running it is quick and changes nothing else.
 */
async function leaveRunning(database: Database, holder: string): Promise<string> {
  const [row] = await database.db
    .insert(jobs)
    .values({ kind: RESCREEN_JOB, payload: { versionId: randomUUID() }, status: 'running', lockedBy: holder, lockedUntil: new Date(Date.now() + 3_600_000), attempts: 1 })
    .returning();
  if (!row) throw new Error('no job');
  return row.id;
}

/** Starts the server and reports the jobs' statuses once `done` are done (and a few worker polls later). */
async function statusAfterStart(config: Config, done: string[], others: string[] = []): Promise<Record<string, string | undefined>> {
  const server = await startServer(config, () => {});
  const statuses = async (): Promise<Record<string, string | undefined>> => {
    const result: Record<string, string | undefined> = {};
    for (const id of [...done, ...others]) result[id] = (await server.services.jobs.get(id))?.status;
    return result;
  };
  try {
    // Well inside the hour-long lease: only a reclaim at start can have run them.
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const now = await statuses();
      if (done.every((id) => now[id] === 'done')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 500));
    return await statuses();
  } finally {
    await server.close();
  }
}

const env = { PORT: '0', QIAO_DEMO: 'false', QIAO_LOG_LEVEL: 'silent', QIAO_JOB_POLL_MS: '50', QIAO_WEB_DIST: '/nonexistent/web' };

describe('a node restarting', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'qiao-restart-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('on the embedded database resumes the jobs its killed run left, at once rather than after their lease', async () => {
    const config = loadConfig({ ...env, QIAO_DATA_DIR: root });
    if (config.database.kind !== 'pglite') throw new Error('expected PGlite');
    const database = await openDatabase(config.database);
    await database.migrate();
    const id = await leaveRunning(database, 'vm-0badf00d');
    await database.close();
    expect(await statusAfterStart(config, [id])).toEqual({ [id]: 'done' });
  }, 120_000);

  const pgAdmin = inject('pgAdminUrl');
  it.skipIf(!pgAdmin)("on PostgreSQL with a node id resumes its own earlier run's jobs and leaves other nodes' to their lease", async () => {
    const url = await createPostgresDatabase(pgAdmin);
    const config = loadConfig({ ...env, DATABASE_URL: url, QIAO_DATA_DIR: root, QIAO_NODE_ID: 'node-a' });
    const database = await openDatabase({ kind: 'postgres', url });
    try {
      await database.migrate();
      const mine = await leaveRunning(database, 'node-a:0badf00d');
      const other = await leaveRunning(database, 'node-b:0badf00d');
      const status = await statusAfterStart(config, [mine], [other]);
      expect(status).toEqual({ [mine]: 'done', [other]: 'running' });
      expect((await database.db.select().from(jobs).where(eq(jobs.id, other)))[0]).toMatchObject({ lockedBy: 'node-b:0badf00d', attempts: 1 });
    } finally {
      await database.close();
    }
  }, 120_000);
});
