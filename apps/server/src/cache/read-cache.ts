import { createHash, randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import pg from 'pg';
import type { z } from 'zod';
import type { Db } from '../db/client.ts';
import { cacheTopics } from './cache.schema.ts';

/**
 * What a cached answer depends on. Each topic's counter is bumped by database triggers when a table it
 * reads changes (migration 0013_scale_out):
 * - indicators: indicator_series and every table a live figure counts (organizations, people, users,
 *   datasets, working_groups, dialogue_rounds, action_items, projects, screening_list_versions);
 * - datasets: datasets, dataset_versions (the public catalogue);
 * - lists: screening_list_versions (the lists in force).
 * The project list pages read projects and the parties they name under `indicators`, whose triggers
 * cover projects, organizations and people (list-pages.until-write.routes.test.ts proves it).
 * A new live figure that reads another table needs that table's trigger.
 * What each signed-in request reads about its reader is kept per node under three more (migration 0021,
 * through UntilWrite in local-writes.ts):
 * - sessions: sessions, users, role_grants (a session with its user and roles);
 * - members: group_members (the reader's group roles);
 * - access: access_requests (the reader's dataset access requests).
 */
export type CacheTopic = 'indicators' | 'datasets' | 'lists' | 'sessions' | 'members' | 'access';

export interface CachedBody {
  /** The JSON text sent to the client, serialised once. */
  body: string;
  etag: string;
  /** Headers that go with the body (a page's `Link` and `X-Total-Count`). */
  headers?: Record<string, string>;
}

interface Entry extends CachedBody {
  stamp: string;
}

const BOOT = randomUUID();

/** The channel the counters' trigger notifies at commit, with the topic as payload (migration 0013). */
const CHANNEL = 'qiao_cache';

/** Most answers kept per node; the oldest is dropped first. */
const MAX_ENTRIES = 500;

/**
 * Answers computed once and served until the data under them changes. The cache listens on the
 * `qiao_cache` channel, which the counters' trigger notifies at commit, and counts what it hears in
 * memory:
 * - on the embedded database only this process writes, and PGlite delivers a commit's notifications
 *   before the write returns, so an answer costs no query at all;
 * - on PostgreSQL one pooled connection holds LISTEN and hears every node's commits. Before answering,
 *   a request waits for one round trip on that connection (shared by every request that arrives
 *   meanwhile, see sync), so it has heard each commit that returned before it, whichever node made it.
 *   While that connection is down (not yet up, dropped, closed) every read asks the database for the
 *   counters instead, and when it is up again everything cached before is dropped, since commits made
 *   while nobody listened were not heard.
 */
export class ReadCache {
  private readonly entries = new Map<string, Entry>();
  private readonly computing = new Map<string, Promise<Entry>>();
  hits = 0;
  misses = 0;

  /** What was heard per topic since listening began; null while nothing listens (read the counters). */
  private heard: Map<string, number> | null = null;
  /** Bumped each time listening (re)starts, so no answer from before carries over. */
  private generation = 0;
  /** PGlite: registering the listener, awaited before the first answer. */
  private ready: Promise<unknown> | null = null;
  /** PostgreSQL: the connection attempt under way. */
  private connecting: Promise<void> | null = null;
  /** PostgreSQL: a query on the listening connection, and how to let it go. */
  private listener: { query(text: string): Promise<unknown>; stop(): Promise<void> } | null = null;
  private closed = false;

  constructor(
    private readonly db: Db,
    /** Where a lost listening connection is reported. */
    public log: { warn(msg: string): void } = { warn: () => {} },
  ) {
    const client = (db as { $client?: unknown }).$client;
    if (isPglite(client)) {
      const heard = new Map<string, number>();
      this.heard = heard;
      this.ready = client.listen(CHANNEL, (topic) => heard.set(topic, (heard.get(topic) ?? 0) + 1));
    }
  }

  /**
   * Starts listening on PostgreSQL (the app does, and closes the cache when it closes: the listening
   * connection must go back before the pool can end). Until then, and for a cache nobody started
   * (a script over the services), every read asks for the counters.
   */
  start(): void {
    const client = (this.db as { $client?: unknown }).$client;
    if (client instanceof pg.Pool && !this.connecting && !this.closed) this.connecting = this.listenPostgres(client);
  }

  /** Takes a connection of the pool and LISTENs on it; when it drops, reads counters and tries again after a second. */
  private async listenPostgres(pool: pg.Pool): Promise<void> {
    const retry = () => {
      if (this.closed || pool.ending || pool.ended) return;
      setTimeout(() => void (this.connecting = this.listenPostgres(pool)), 1000).unref();
    };
    let conn: pg.PoolClient;
    try {
      conn = await pool.connect();
    } catch (err: unknown) {
      this.log.warn(`read cache: cannot listen (${err instanceof Error ? err.message : String(err)}); reading counters until it can`);
      return retry();
    }
    const heard = new Map<string, number>();
    let released = false;
    const release = (err?: Error) => {
      if (released) return false;
      released = true;
      if (this.heard === heard) {
        this.heard = null;
        this.listener = null;
      }
      conn.release(err ?? true);
      return true;
    };
    const drop = (err?: Error) => {
      if (!release(err)) return;
      this.log.warn(`read cache: listening connection lost${err ? ` (${err.message})` : ''}; reading counters until it is back`);
      retry();
    };
    conn.on('error', drop);
    conn.on('end', () => drop());
    conn.on('notification', (msg) => {
      if (msg.channel === CHANNEL && msg.payload) heard.set(msg.payload, (heard.get(msg.payload) ?? 0) + 1);
    });
    try {
      // Named, so an operator (or a test) can tell this connection from the pool's others.
      await conn.query(`SET application_name = 'qiao read cache'`);
      await conn.query(`LISTEN ${CHANNEL}`);
    } catch (err: unknown) {
      return drop(err instanceof Error ? err : new Error(String(err)));
    }
    if (this.closed || released) {
      release();
      return;
    }
    this.generation++;
    this.heard = heard;
    this.listener = {
      query: (text) => conn.query(text),
      stop: async () => {
        if (released) return;
        await conn.query(`UNLISTEN ${CHANNEL}`).catch(() => {});
        release();
      },
    };
  }

  /**
   * Resolves once every commit made before the call has been heard. PostgreSQL hands a listening
   * session its pending notifications before it answers that session's next query, so one round trip
   * on the listening connection that starts after the call is enough. Callers that arrive while one is
   * under way share the next one, so a crowd of requests costs one round trip per batch, not a query
   * each; a write that returned before a request (on this node or any other) is always in its answer.
   */
  async sync(): Promise<void> {
    await this.ready;
    await this.connecting;
    const listener = this.listener;
    if (listener) await this.roundTrip(listener);
  }

  private inFlight: Promise<unknown> | null = null;
  private queued: Promise<unknown> | null = null;

  private roundTrip(listener: NonNullable<ReadCache['listener']>): Promise<unknown> {
    if (!this.inFlight) {
      const trip = listener.query('select 1').finally(() => {
        if (this.inFlight === trip) this.inFlight = null;
      });
      this.inFlight = trip;
      return trip;
    }
    // The trip under way may have been sent before this caller's commit: wait for the one after it.
    this.queued ??= this.inFlight
      .catch(() => {})
      .then(() => {
        this.queued = null;
        return this.roundTrip(listener);
      });
    return this.queued;
  }

  /** Stops listening; later reads ask the database for the counters. */
  async close(): Promise<void> {
    this.closed = true;
    await this.connecting;
    await this.listener?.stop();
  }

  /** The counters of these topics now, as one string. */
  async stamp(topics: readonly CacheTopic[]): Promise<string> {
    if (this.ready) await this.ready;
    const listener = this.listener;
    const heardAll = listener ? await this.roundTrip(listener).then(() => true, () => false) : true;
    const heard = this.heard;
    // Still the same listener (none dropped or came back during the round trip): the counts are complete.
    if (heard && heardAll && this.listener === listener) {
      // The process's own id keeps an ETag from before a restart from matching new counts.
      return `${BOOT}:${this.generation}|${topics.map((t) => `${t}:${heard.get(t) ?? 0}`).join(',')}`;
    }
    const rows = await this.db.select().from(cacheTopics);
    const version = new Map(rows.map((r) => [r.topic, r.version]));
    return topics.map((t) => `${t}:${version.get(t) ?? 0}`).join(',');
  }

  private readonly values = new Map<string, { stamp: string; value: Promise<unknown> }>();

  /**
   * A value (not a reply) computed once under the counters of `topics` and shared until they move,
   * such as the rows of a list page that each reader then filters and shapes for themselves. Callers
   * arriving while it is computed share the computation. The value is shared: it must not be changed.
   */
  async value<V>(key: string, topics: readonly CacheTopic[], compute: () => Promise<V>): Promise<V> {
    const stamp = await this.stamp(topics);
    const hit = this.values.get(key);
    if (hit?.stamp === stamp) {
      this.hits++;
      return hit.value as Promise<V>;
    }
    this.misses++;
    const value = compute();
    const entry = { stamp, value };
    this.values.delete(key);
    this.values.set(key, entry);
    if (this.values.size > MAX_ENTRIES) this.values.delete(this.values.keys().next().value ?? '');
    // A failed computation is not kept.
    value.catch(() => {
      if (this.values.get(key) === entry) this.values.delete(key);
    });
    return value;
  }

  /**
   * The cached answer for `key`, or `compute` run once (concurrent callers share it), checked against
   * `schema` and serialised. The counters are read before computing, so an answer is never labelled
   * with a version newer than the data it holds.
   */
  async get<T, V extends T = T>(key: string, topics: readonly CacheTopic[], schema: z.ZodType<T>, compute: () => Promise<V>, headersOf?: (value: V) => Record<string, string>): Promise<CachedBody> {
    const stamp = await this.stamp(topics);
    const hit = this.entries.get(key);
    if (hit?.stamp === stamp) {
      this.hits++;
      return hit;
    }
    const id = `${key}\n${stamp}`;
    let pending = this.computing.get(id);
    if (!pending) {
      this.misses++;
      pending = compute()
        .then((value) => {
          const entry: Entry = { stamp, body: JSON.stringify(schema.parse(value)), etag: `"${createHash('sha256').update(id).digest('base64url').slice(0, 27)}"`, ...(headersOf ? { headers: headersOf(value) } : {}) };
          this.entries.delete(key);
          this.entries.set(key, entry);
          if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value ?? '');
          return entry;
        })
        .finally(() => this.computing.delete(id));
      this.computing.set(id, pending);
    }
    return pending;
  }
}

/**
 * Sends a cached answer with its ETag: 304 when the browser already holds it. `shared` answers are the
 * same for everyone (a proxy may keep them); the others vary with the session cookie. Either way the
 * browser revalidates every time, so a change shows on the next load.
 */
export function sendCached(req: FastifyRequest, reply: FastifyReply, cached: CachedBody, shared: boolean): FastifyReply {
  reply.header('etag', cached.etag).header('cache-control', shared ? 'public, no-cache' : 'private, no-cache');
  if (cached.headers) reply.headers(cached.headers);
  if (!shared) reply.header('vary', 'cookie');
  const match = req.headers['if-none-match'];
  if (match && match.split(',').some((t) => t.trim() === cached.etag)) return reply.code(304).send();
  return reply.type('application/json; charset=utf-8').send(cached.body);
}

function isPglite(client: unknown): client is { listen(channel: string, cb: (payload: string) => void): Promise<unknown> } {
  return typeof client === 'object' && client !== null && 'listen' in client && typeof client.listen === 'function' && !('connect' in client);
}

const caches = new WeakMap<Db, ReadCache>();

/** The node's one read cache over this database; `log` hears of a lost listening connection. */
export function readCacheOf(db: Db, log?: { warn(msg: string): void }): ReadCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = new ReadCache(db);
    caches.set(db, cache);
  }
  if (log) cache.log = log;
  return cache;
}
