// A real server on a real port for the hostile-input suite: the same app the CLI serves, listening on
// 127.0.0.1, so requests cross the socket with the bytes a hostile client would send.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Role, Session } from '@qiao/contracts';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { buildApp } from '../../apps/server/src/app.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { openDatabase, type Database } from '../../apps/server/src/db/client.ts';
import type { App, Services } from '../../apps/server/src/http.ts';
import { createPostgresDatabase, type DbTarget } from '../../apps/server/src/testing/db.ts';
import { HttpClient } from './client.ts';

export const PASSWORD = 'correct-horse-battery';

export interface Live {
  url: string;
  app: App;
  services: Services;
  database: Database;
  dataDir: string;
  /** A client with no session. */
  anon: HttpClient;
  close(): Promise<void>;
}

/** A directory holding a stand-in build of the web app, so the SPA index is served. */
function tempDataDir(): { dataDir: string; webDist: string } {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'qiao-hostile-'));
  const webDist = path.join(dataDir, 'web');
  mkdirSync(webDist);
  writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><html><head><title>Qiao</title></head><body><div id="root"></div></body></html>');
  return { dataDir, webDist };
}

/** Builds the app over `database` and listens on an ephemeral port of 127.0.0.1. */
export async function startLive(database: Database, env: Record<string, string> = {}, shared?: { dataDir: string; webDist: string }): Promise<Live> {
  const dirs = shared ?? tempDataDir();
  const config = loadConfig({ QIAO_DATA_DIR: dirs.dataDir, QIAO_WEB_DIST: dirs.webDist, QIAO_LOG_LEVEL: 'silent', QIAO_JOB_WORKER: 'false', QIAO_SIGNIN_LIMIT: '10000', ...env });
  const { app, services } = await buildApp({ config, database, logger: false });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    app,
    services,
    database,
    dataDir: dirs.dataDir,
    anon: new HttpClient(url),
    async close() {
      await app.close();
      if (!shared) rmSync(dirs.dataDir, { recursive: true, force: true });
    },
  };
}

/** Creates a database of its own in the run's PostgreSQL and returns its URL (migrated). */
export async function freshPostgresUrl(): Promise<string> {
  const url = await createPostgresDatabase();
  const db = await openDatabase({ kind: 'postgres', url });
  await db.migrate();
  await db.close();
  return url;
}

/**
 * Two app nodes on one database where the engine allows it (PostgreSQL: two pools, two apps), so
 * races cross processes' worth of connections; on PGlite, which one process owns, the same node twice.
 */
export async function startNodes(target: DbTarget): Promise<{ nodes: [Live, Live]; close(): Promise<void> }> {
  if (target.name === 'postgres') {
    const url = await freshPostgresUrl();
    const dirs = tempDataDir();
    const dbs = [await openDatabase({ kind: 'postgres', url }), await openDatabase({ kind: 'postgres', url })];
    const a = await startLive(dbs[0]!, {}, dirs);
    const b = await startLive(dbs[1]!, {}, dirs);
    return {
      nodes: [a, b],
      async close() {
        await a.close();
        await b.close();
        for (const d of dbs) await d.close();
        rmSync(dirs.dataDir, { recursive: true, force: true });
      },
    };
  }
  const database = await target.open();
  const a = await startLive(database);
  return {
    nodes: [a, a],
    async close() {
      await a.close();
      await database.close();
    },
  };
}

let counter = 0;

/** A fresh account with these roles on `side`, created directly through the service. */
export async function createUser(services: Services, roles: Role[], side = 'US'): Promise<{ email: string; password: string; id: string }> {
  const email = `hostile${++counter}-${Date.now()}@test.example`;
  const { user } = await services.users.create(null, { email, displayName: `Hostile ${counter}`, side, roles: roles.map((role) => ({ role, side })), password: PASSWORD });
  return { email, password: PASSWORD, id: user.id };
}

/** Signs in over HTTP; the client carries the session cookie and the CSRF header from then on. */
export async function signIn(live: Live, email: string, password = PASSWORD): Promise<HttpClient & { session: Session }> {
  const res = await live.anon.request('POST', '/api/auth/sign-in', { json: { email, password } });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${res.text}`);
  const cookie = res.setCookies.map((c) => c.split(';')[0] ?? '').find((c) => c.startsWith('qiao_session='));
  if (!cookie) throw new Error('no session cookie');
  const session = res.json<Session>();
  return Object.assign(new HttpClient(live.url, { cookie, 'x-csrf-token': session.csrfToken }), { session });
}

/** A new user with these roles, signed in. */
export async function userClient(live: Live, roles: Role[], side = 'US'): Promise<HttpClient & { session: Session }> {
  const { email } = await createUser(live.services, roles, side);
  return signIn(live, email);
}

// Tables that change on their own or on every request: sessions, the audit log (sign-ins are audited),
// rate-limit and job bookkeeping. Everything else must be untouched by a refused request.
const VOLATILE = /^(sessions|audit_log|.*rate.?limit.*|jobs|__drizzle_migrations)$/;

// Both drivers answer a raw query with `{ rows }`.
const TableRows = z.object({ rows: z.array(z.object({ table_name: z.string() })) });
const CountRows = z.object({ rows: z.array(z.object({ n: z.coerce.number() })) });

/** Row counts of every table of the database, for "nothing changed" checks. */
export async function rowCounts(database: Database): Promise<Record<string, number>> {
  const tables = TableRows.parse(await database.db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`));
  const counts: Record<string, number> = {};
  for (const { table_name: name } of tables.rows) {
    if (VOLATILE.test(name)) continue;
    const res = CountRows.parse(await database.db.execute(sql`select count(*)::int as n from ${sql.identifier(name)}`));
    counts[name] = res.rows[0]?.n ?? 0;
  }
  return counts;
}
