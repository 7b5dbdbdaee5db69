import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { dbTargets } from '../../testing/db.ts';
import { freePort } from '../../testing/net.ts';
import { loadOrCreateNodeKey, type NodeKey } from './federation.keys.ts';
import type { PullResult } from './federation.service.ts';

/**
 * Two federated nodes for tests: the US node on embedded PGlite, the CN node on PostgreSQL where the
 * run has one (else PGlite too), each with its own data directory, key and port, listening so that
 * each pulls the other's log over HTTP with signed requests.
 */

export type Side = 'US' | 'CN';

export interface Person {
  id: string;
  /** The address signed in with and the session's CSRF token: what must never reach the peer. */
  email: string;
  csrf: string;
  headers: Record<string, string>;
}

type Role = Parameters<TestApp['signInAs']>[0][number];

/** A node; `K` names the people signed in beyond the admin, co-chair and member (`extraPeople`). */
export type TestNode<K extends string = never> = {
  side: Side;
  db: Database;
  t: TestApp;
  env: Record<string, string>;
  /** The node's data directory (its key and file store). */
  dir: string;
  port: number;
  url: string;
  /** An admin, a co-chair and a member of this node's side (absent with `people: false`). */
  admin: Person;
  chair: Person;
  member: Person;
} & Record<K, Person>;

export type TwoNodes<K extends string = never> = Record<Side, TestNode<K>>;

const [pglite, postgres] = dbTargets();
/** The engine the CN node runs on in this run. */
export const cnTarget = postgres && !postgres.skip ? postgres : pglite;
export const cnEngine = cnTarget?.name ?? 'pglite';

export interface NodeOptions<K extends string = never> {
  /** Prefix of the data directories (default 'qiao-'). */
  dirPrefix?: string;
  /** Sign in an admin, a co-chair and a member on each node (default true). */
  people?: boolean;
  /** More people of the node's side signed in on each node after those three, by name: `{ officer: 'compliance_officer' }`. */
  extraPeople?: Record<K, Role>;
}

export interface TwoNodesOptions<K extends string = never> extends NodeOptions<K> {
  /** QIAO_FEDERATION_PULL_MS of each node (default '0': the tests pull). */
  pullMs?: Partial<Record<Side, string>>;
  /** More settings for a node (e.g. QIAO_TRANSFER_CIIO). */
  env?: Partial<Record<Side, Record<string, string>>>;
  /**
   * A node that ran alone first (`startLoneNode`, its app closed): that side starts federated on its
   * database and data directory instead of new ones, and nobody is signed in on it again.
   */
  alone?: Partial<Record<Side, TestNode>>;
}

export async function signIn(t: TestApp, roles: Parameters<TestApp['signInAs']>[0], side: Side): Promise<Person> {
  const { session, headers } = await t.signInAs(roles, side);
  return { id: session.user.id, email: session.user.email, csrf: session.csrfToken, headers };
}

type People<K extends string> = Pick<TestNode<K>, 'admin' | 'chair' | 'member'> & Record<K, Person>;

/** The admin, co-chair, member and `extraPeople` of the node's side, signed in in that order. */
async function signInPeople<K extends string>(t: TestApp, side: Side, opts: NodeOptions<K>): Promise<People<K>> {
  if (opts.people === false) return {} as People<K>;
  const people: Record<string, Person> = { admin: await signIn(t, ['admin'], side), chair: await signIn(t, ['co_chair'], side), member: await signIn(t, ['member'], side) };
  for (const [name, role] of Object.entries<Role>(opts.extraPeople ?? {})) people[name] = await signIn(t, [role], side);
  return people as People<K>;
}

/**
 * One node on embedded PGlite with no federation settings: it runs alone and logs nothing. Not
 * listening; close its app and pass it to `startTwoNodes({ alone })` to federate it later.
 */
export async function startLoneNode<K extends string = never>(side: Side, opts: NodeOptions<K> = {}): Promise<TestNode<K>> {
  const dir = mkdtempSync(path.join(tmpdir(), `${opts.dirPrefix ?? 'qiao-'}${side.toLowerCase()}-`));
  const db = await pglite!.open();
  const env = { QIAO_DATA_DIR: dir };
  const t = await buildTestApp(db, env);
  const node: TestNode<K> = { side, db, t, env, dir, port: 0, url: '', ...(await signInPeople(t, side, opts)) };
  return node;
}

/** Starts both nodes; stop them with `stopTwoNodes`. */
export async function startTwoNodes<K extends string = never>(opts: TwoNodesOptions<K> = {}): Promise<TwoNodes<K>> {
  const prefix = opts.dirPrefix ?? 'qiao-';
  const dirOf = (side: Side) => opts.alone?.[side]?.dir ?? mkdtempSync(path.join(tmpdir(), `${prefix}${side.toLowerCase()}-`));
  const dirs = { US: dirOf('US'), CN: dirOf('CN') };
  const keys: Record<Side, NodeKey> = { US: loadOrCreateNodeKey(path.join(dirs.US, 'node-key.pem')), CN: loadOrCreateNodeKey(path.join(dirs.CN, 'node-key.pem')) };
  const ports = { US: await freePort(), CN: await freePort() };
  const nodes = {} as TwoNodes<K>;
  for (const [side, target] of [['US', pglite], ['CN', cnTarget]] as const) {
    const peer: Side = side === 'US' ? 'CN' : 'US';
    const alone = opts.alone?.[side];
    const db = alone?.db ?? (await target!.open());
    const env = { QIAO_DATA_DIR: dirs[side], QIAO_NODE_SIDE: side, QIAO_PEER_URL: `http://127.0.0.1:${ports[peer]}`, QIAO_PEER_PUBLIC_KEY: keys[peer].publicKeyBase64, QIAO_FEDERATION_PULL_MS: opts.pullMs?.[side] ?? '0', ...opts.env?.[side] };
    const t = await buildTestApp(db, env);
    await t.app.listen({ port: ports[side], host: '127.0.0.1' });
    const people = alone ? ({} as People<K>) : await signInPeople(t, side, opts);
    nodes[side] = { side, db, t, env, dir: dirs[side], port: ports[side], url: `http://127.0.0.1:${ports[side]}`, ...people };
  }
  return nodes;
}

/** Closes both nodes' apps (a node already closed is fine) and databases. */
export async function stopTwoNodes(nodes: Partial<TwoNodes>): Promise<void> {
  for (const n of Object.values(nodes)) {
    await n.t.close().catch(() => undefined);
    await n.db.close();
  }
}

/** Starts a stopped node again on its database, data directory and port. */
export async function restartNode(n: TestNode): Promise<void> {
  const t = await buildTestApp(n.db, n.env);
  await t.app.listen({ port: n.port, host: '127.0.0.1' });
  n.t = t;
}

/** One pull of the peer's log by this node. */
export const pull = (n: TestNode): Promise<PullResult> => n.t.services.federation!.pullOnce();

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';

/** A request as `who` on node `n`; throws with the answer on a status of 300 or more. */
export async function req<T = unknown>(n: TestNode, who: Person, method: Method, url: string, payload?: object): Promise<T> {
  const res = await n.t.app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
  if (res.statusCode >= 300) throw new Error(`${method} ${url} on the ${n.side} node: ${res.statusCode} ${res.body}`);
  return res.json<T>();
}

/**
 * A request as `who` on node `n` that never throws: the status, the JSON body (null when the answer
 * is not JSON) and the raw text. A string payload is sent as it is, with `headers` added.
 */
export async function call<T = unknown>(n: TestNode, who: Person, method: Method, url: string, payload?: object | string, headers: Record<string, string> = {}): Promise<{ status: number; body: T; raw: string }> {
  const res = await n.t.app.inject({ method, url, headers: { ...who.headers, ...headers }, ...(payload !== undefined ? { payload } : {}) });
  return { status: res.statusCode, body: (res.headers['content-type']?.toString().includes('json') ? res.json() : null) as T, raw: res.body };
}

/** `GET /api/federation/rejected` as this node's admin. */
export async function rejectedOn(n: TestNode): Promise<{ origin: string; seq: number; reason: string }[]> {
  return (await n.t.app.inject({ method: 'GET', url: '/api/federation/rejected', headers: n.admin.headers })).json<{ items: { origin: string; seq: number; reason: string }[] }>().items;
}

/** A row of `GET /api/federation/withheld`: what the transfer guards held back, on either node. */
export interface WithheldItem {
  objectType: string;
  objectId: string;
  exporter: string;
  direction: string;
  verdict: string;
  reasonEn: string;
  reasonZh: string;
  findings: { id: string }[];
  withheldBy: string;
}

/** `GET /api/federation/withheld` as this node's admin. */
export async function withheldOn(n: TestNode): Promise<WithheldItem[]> {
  return (await req<{ items: WithheldItem[] }>(n, n.admin, 'GET', '/api/federation/withheld')).items;
}

/** Rows of a raw query, on either engine. */
export async function rows<T>(db: Database, query: ReturnType<typeof sql>): Promise<T[]> {
  const result: unknown = await db.db.execute(query);
  return (result as { rows: T[] }).rows;
}

/** Every row of every table of a node's database, as text: what "the peer holds none of it" is checked against. */
export async function everything(db: Database): Promise<string> {
  const tables = await rows<{ table_name: string }>(db, sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`);
  const parts: string[] = [];
  for (const { table_name } of tables) {
    const [r] = await rows<{ j: string | null }>(db, sql`select json_agg(t)::text j from ${sql.identifier(table_name)} t`);
    parts.push(`${table_name}: ${r?.j ?? ''}`);
  }
  return parts.join('\n');
}
