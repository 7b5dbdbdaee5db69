import type { Db } from '../db/client.ts';
import { readCacheOf, type CacheTopic, type ReadCache } from './read-cache.ts';

/**
 * Counts the writes made to an embedded (PGlite) database, so an answer kept in memory can tell whether
 * anything at all may have changed since it was read. The data directory is locked to one process
 * (data-dir-lock.ts), and every statement of that process goes through this one client, so the count
 * is complete. PGlite runs one statement at a time, so a read never overlaps a write inside the
 * database. What counts:
 * - every transaction, at its start and at its end, whatever it did;
 * - every statement outside one that is not a plain `select`, once it is done; an insert, update or
 *   delete that changed no row (a job queue polled while empty) does not count (no trigger here runs
 *   once per statement, so a statement that touched no row changed nothing);
 * - every `exec` (several statements in one text).
 * The count moves before the writer's own call returns, so a request that starts after a write has
 * returned always sees a newer count than any answer read before it.
 *
 * PostgreSQL has no such count: other nodes, and anyone with psql, write to the same database; there the
 * read cache's counters tell what changed (read-cache.ts).
 */
export interface LocalWrites {
  /** Changes whenever a write may have changed something. */
  readonly count: number;
}

interface PgliteLike {
  query(...args: unknown[]): Promise<unknown>;
  exec(...args: unknown[]): Promise<unknown>;
  transaction(...args: unknown[]): Promise<unknown>;
  listen(...args: unknown[]): Promise<unknown>;
}

/** A query that reads only: one statement (the extended protocol takes no more) that is a plain select. */
const READ_ONLY = /^\s*select\b/i;

const watches = new WeakMap<object, LocalWrites>();

/** The write count of this database's embedded client; null on PostgreSQL. */
export function localWritesOf(db: Db): LocalWrites | null {
  const client = (db as { $client?: unknown }).$client;
  if (!isPglite(client)) return null;
  let watch = watches.get(client);
  if (!watch) {
    watch = watchWrites(client);
    watches.set(client, watch);
  }
  return watch;
}

const DML = /^\s*(insert|update|delete)\b/i;

function watchWrites(client: PgliteLike): LocalWrites {
  const state = { count: 0 };
  const query = client.query.bind(client);
  const exec = client.exec.bind(client);
  const transaction = client.transaction.bind(client);
  client.query = async (text: unknown, ...rest: unknown[]) => {
    const statement = String(text);
    if (READ_ONLY.test(statement)) return query(text, ...rest);
    let changed = true;
    try {
      const result = await query(text, ...rest);
      changed = !(DML.test(statement) && (result as { affectedRows?: number }).affectedRows === 0);
      return result;
    } finally {
      if (changed) state.count++;
    }
  };
  client.exec = async (...args: unknown[]) => {
    try {
      return await exec(...args);
    } finally {
      state.count++;
    }
  };
  client.transaction = async (...args: unknown[]) => {
    state.count++;
    try {
      return await transaction(...args);
    } finally {
      state.count++;
    }
  };
  return state;
}

/**
 * Answers kept in memory by key until what they read may have changed. Callers that ask for the same
 * key while it is being computed share the one computation. Kept answers are shared by every caller and
 * must not be changed.
 * - On the embedded database: until the next write of any kind (see LocalWrites). An answer whose
 *   computation overlapped a write is handed to its callers but not kept.
 * - On PostgreSQL, given the topics whose counters cover every table the answers read: until one of
 *   those counters moves, as the read cache tells it before each answer (ReadCache.stamp). That check
 *   hears every commit that returned before the request, on any node or from psql, or, while the cache
 *   is not listening, reads the counters themselves; so a request never gets an answer older than a
 *   write that returned before it. Without topics every call computes.
 */
export class UntilWrite<V> {
  private readonly writes: LocalWrites | null;
  private readonly cache: ReadCache | null;
  private readonly entries = new Map<string, V>();
  private readonly pending = new Map<string, Promise<V>>();
  private at: number | string = -1;

  constructor(
    db: Db,
    /** Most answers kept; the oldest is dropped first. */
    private readonly max = 1000,
    /** PostgreSQL: the counters that move when anything the answers read changes. */
    private readonly topics: readonly CacheTopic[] = [],
  ) {
    this.writes = localWritesOf(db);
    this.cache = !this.writes && topics.length > 0 ? readCacheOf(db) : null;
  }

  get(key: string, compute: () => Promise<V>): Promise<V> {
    const writes = this.writes;
    if (writes) return this.kept(key, writes.count, compute, () => writes.count);
    const cache = this.cache;
    if (!cache) return compute();
    return cache.stamp(this.topics).then((stamp) => this.kept(key, stamp, compute, () => stamp));
  }

  /**
   * The answer kept under `at`, or `compute` run and kept if `now()` is still `at` once it is done. On
   * PostgreSQL an answer read after the counters were checked holds at least what they count, so it is
   * kept under them: a later request with the same counters has heard of no commit since.
   */
  private kept(key: string, at: number | string, compute: () => Promise<V>, now: () => number | string): Promise<V> {
    if (this.at !== at) {
      this.entries.clear();
      this.pending.clear();
      this.at = at;
    }
    if (this.entries.has(key)) return Promise.resolve(this.entries.get(key) as V);
    let pending = this.pending.get(key);
    if (!pending) {
      const run = compute().then(
        (value) => {
          if (this.pending.get(key) === run) this.pending.delete(key);
          if (now() === at && this.at === at) {
            this.entries.set(key, value);
            if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value ?? '');
          }
          return value;
        },
        (err: unknown) => {
          if (this.pending.get(key) === run) this.pending.delete(key);
          throw err;
        },
      );
      pending = run;
      this.pending.set(key, pending);
    }
    return pending;
  }
}

function isPglite(client: unknown): client is PgliteLike {
  return (
    typeof client === 'object' &&
    client !== null &&
    !('connect' in client) &&
    ['query', 'exec', 'transaction', 'listen'].every((m) => typeof (client as Record<string, unknown>)[m] === 'function')
  );
}
