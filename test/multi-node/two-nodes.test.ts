// Two `qiao serve` processes on one PostgreSQL database and one S3 bucket, as "Running several nodes"
// in the README describes: files, jobs, lists and sessions cross from one node to the other, and a
// job whose node is killed mid-way is finished by the node that is left.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BatchJob, Dataset, DatasetVersion, SearchResponse, Session } from '@qiao/contracts';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildServices } from '../../apps/server/src/app.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { openDatabase } from '../../apps/server/src/db/client.ts';
import { fixtureFiles, multipart } from '../../apps/server/src/modules/screening/fixtures/fixtures.ts';
import { TEST_PASSWORD } from '../../apps/server/src/testing/app.ts';
import { createPostgresDatabase } from '../../apps/server/src/testing/db.ts';
import { startTestS3, type TestS3 } from '../../apps/server/src/testing/s3.ts';
import { spawnServer, type ChildServer } from '../hostile/child.ts';
import { HttpClient } from '../hostile/client.ts';

const pgSkip = inject('pgAdminUrl') ? null : `several nodes need PostgreSQL: ${inject('pgSkipReason')}`;

/** Rows of the batch: enough chunks of QIAO_BATCH_CHUNK_ROWS that the job is still running when it is caught. */
const BATCH_ROWS = 3000;
const LEASE_SECONDS = 5;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

describe.skipIf(pgSkip)('two app nodes on one PostgreSQL database and one S3 bucket', () => {
  let databaseUrl: string;
  let s3: TestS3;
  const dataDirs: string[] = [];
  const children: ChildServer[] = [];
  let a: ChildServer;
  let b: ChildServer;
  let email: string;
  /** The session signed in on node A, sent to either node. */
  let session: Record<string, string>;
  let sql: pg.Client;

  async function startNode(nodeId: string): Promise<ChildServer> {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), `qiao-${nodeId}-`));
    dataDirs.push(dataDir);
    const env = {
      ...s3.env,
      DATABASE_URL: databaseUrl,
      QIAO_DATA_DIR: dataDir,
      QIAO_WEB_DIST: path.join(dataDir, 'no-web'),
      QIAO_NODE_ID: nodeId,
      QIAO_DEMO: 'false',
      QIAO_LOG_LEVEL: 'info',
      QIAO_JOB_LEASE_SECONDS: String(LEASE_SECONDS),
      QIAO_JOB_POLL_MS: '100',
      QIAO_BATCH_CHUNK_ROWS: '10',
      HOST: '127.0.0.1',
      PORT: '0',
    };
    const node = await spawnServer({ dataDir, env, user: { email, password: TEST_PASSWORD } });
    children.push(node);
    return node;
  }

  const client = (node: ChildServer) => new HttpClient(node.url, session);

  // Should the test run itself be killed, no node outlives it.
  const killAll = () => {
    for (const node of children) if (node.alive()) process.kill(node.pid, 'SIGKILL');
  };

  beforeAll(async () => {
    process.once('exit', killAll);
    databaseUrl = await createPostgresDatabase();
    s3 = await startTestS3('qiao-nodes');
    // Migrated and given its one account before either node starts, so neither races the other to it.
    const config = loadConfig({ DATABASE_URL: databaseUrl, QIAO_DATA_DIR: '/nonexistent/qiao-test', QIAO_LOG_LEVEL: 'silent' });
    const database = await openDatabase(config.database);
    try {
      await database.migrate();
      const services = buildServices(config, database, { now: () => new Date(), log: { info: () => undefined, warn: () => undefined } });
      email = `nodes-${Date.now()}@test.example`;
      await services.users.create(null, { email, displayName: 'Nodes admin', side: 'US', roles: (['admin', 'data_steward'] as const).map((role) => ({ role, side: 'US' })), password: TEST_PASSWORD });
    } finally {
      await database.close();
    }
    sql = new pg.Client({ connectionString: databaseUrl });
    await sql.connect();
    a = await startNode('node-a');
    b = await startNode('node-b');
    const signIn = await new HttpClient(a.url).request('POST', '/api/auth/sign-in', { json: { email, password: TEST_PASSWORD } });
    expect(signIn.status, signIn.text).toBe(200);
    const cookie = signIn.setCookies.map((c) => c.split(';')[0] ?? '').find((c) => c.startsWith('qiao_session='));
    session = { cookie: cookie ?? '', 'x-csrf-token': signIn.json<Session>().csrfToken };
  }, 180_000);

  afterAll(async () => {
    // Children first, whatever happened: a stopped node is SIGCONTed so it can hear SIGTERM.
    for (const node of children) {
      if (!node.alive()) continue;
      process.kill(node.pid, 'SIGCONT');
      await node.stop();
    }
    process.off('exit', killAll);
    await sql?.end().catch(() => undefined);
    await s3?.close();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('serves a session signed in on node A on node B', async () => {
    const me = await client(b).request('GET', '/api/auth/me');
    expect(me.status, me.text).toBe(200);
    expect(me.json<{ user: { email: string } }>().user.email).toBe(email);
  });

  it('serves a file uploaded through node A byte for byte from node B', async () => {
    const created = await client(a).request('POST', '/api/datasets', {
      json: {
        title: { en: 'Ocean buoys, shared across nodes' },
        description: { en: 'Buoy readings.' },
        creators: [{ name: 'D. Okafor', side: 'US' }],
        subjects: ['oceanography'],
        licence: 'CC-BY-4.0',
        accessLevel: 'open',
        side: 'US',
        dataDeclaration: {},
      },
    });
    expect(created.status, created.text).toBe(201);
    const ds = created.json<Dataset>();
    // Larger than one 8 MiB multipart part, so the upload to the bucket has several parts.
    const bytes = randomBytes(9 * 1024 * 1024 + 123);
    const up = await client(a).request('PUT', `/api/datasets/${ds.id}/versions/1/files/buoys.bin`, { body: bytes, contentType: 'application/octet-stream' });
    expect(up.status, up.text).toBe(200);
    const file = up.json<{ items: DatasetVersion[] }>().items[0]?.files[0];
    expect(file?.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect((await client(a).request('POST', `/api/datasets/${ds.id}/versions/1/publish`)).status).toBe(200);
    const down = await fetch(`${b.url}/api/datasets/${ds.id}/files/${file?.id ?? ''}`);
    expect(down.status).toBe(200);
    expect(Buffer.from(await down.arrayBuffer()).equals(bytes)).toBe(true);
    const part = await fetch(`${b.url}/api/datasets/${ds.id}/files/${file?.id ?? ''}`, { headers: { range: 'bytes=8388600-8388615' } });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(8388600, 8388616))).toBe(true);
  });

  it('uses a list imported on node B in node A’s next search', async () => {
    const search = async () => (await client(a).request('POST', '/api/screening/search', { json: { name: 'Harbin Institute of Technology' } })).json<SearchResponse>();
    // Node A has built its index (at start), over no lists.
    expect((await search()).matches).toEqual([]);
    const body = multipart(fixtureFiles('v1'));
    const imported = await client(b).request('POST', '/api/screening/lists/import', { body: body.payload, headers: body.headers });
    expect(imported.status, imported.text).toBe(200);
    const after = await search();
    expect(after.matches.map((m) => [m.listId, m.recordId])).toContainEqual(['test-us', 'rec-hit']);
    expect(after.lists.map((l) => l.listId).sort()).toEqual(['test-cn', 'test-us']);
  });

  it('finishes on node B a batch started on node A after A is killed mid-job', async () => {
    const names = ['Harbin Institute of Technology', 'Beihang University', 'Acme Garden Supplies', 'Lockheed Martin Corporation'];
    const csv = ['id,name', ...Array.from({ length: BATCH_ROWS }, (_, i) => `r${i},${names[i % names.length] ?? ''}`)].join('\n');
    // Node B is paused while the batch is queued, so node A's worker is the one that claims it.
    process.kill(b.pid, 'SIGSTOP');
    let job: BatchJob;
    let caughtAt: number;
    try {
      const started = await client(a).request('POST', '/api/screening/batch?fileName=nodes.csv', { body: csv, contentType: 'text/csv' });
      expect(started.status, started.text).toBe(202);
      job = started.json<BatchJob>();
      await until('node A to claim the batch and commit its first rows', async () => {
        const { rows } = await sql.query<{ locked_by: string | null; progress: number }>('select locked_by, progress from jobs where id = $1', [job.id]);
        return rows[0]?.locked_by?.startsWith('node-a:') && rows[0].progress > 0 ? true : undefined;
      });
    } finally {
      process.kill(b.pid, 'SIGCONT');
    }
    // Holding the job's row stops node A at its next chunk (each chunk renews the lease on that row),
    // so it is killed with the job claimed, part done and unfinished, whatever the machine's speed.
    await sql.query('begin');
    try {
      const { rows } = await sql.query<{ status: string; locked_by: string; progress: number }>('select status, locked_by, progress from jobs where id = $1 for update', [job.id]);
      expect(rows[0]?.status).toBe('running');
      expect(rows[0]?.locked_by).toMatch(/^node-a:/);
      caughtAt = rows[0]?.progress ?? 0;
      expect(caughtAt).toBeGreaterThan(0);
      expect(caughtAt).toBeLessThan(BATCH_ROWS);
      process.kill(a.pid, 'SIGKILL');
      await until('node A to exit', () => Promise.resolve(a.alive() ? undefined : true));
    } finally {
      await sql.query('rollback');
    }
    const finished = await until(
      'node B to finish the batch',
      async () => {
        const view = (await client(b).request('GET', `/api/screening/batch/${job.id}`)).json<BatchJob>();
        return view.status === 'done' ? view : undefined;
      },
      120_000,
    );
    expect(finished).toMatchObject({ total: BATCH_ROWS, done: BATCH_ROWS, attempts: 2, error: null });
    expect(b.output()).toContain(`batch ${job.id}: resuming at row`);
    // Every row screened once, against the lists node B imported: a quarter of the names are on none.
    expect(finished.matchedRows).toBe((BATCH_ROWS * 3) / 4);
    // The rows node A committed before it was killed stay as it wrote them; node B screened the rest.
    const { rows } = await sql.query<{ attempt: number | null; n: number }>('select attempt, count(*)::int as n from screening_batch_rows where job_id = $1 group by attempt order by attempt', [job.id]);
    expect(rows).toEqual([
      { attempt: 1, n: caughtAt },
      { attempt: 2, n: BATCH_ROWS - caughtAt },
    ]);
  }, 240_000);
});
