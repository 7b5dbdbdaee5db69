import type { Db } from '../db/client.ts';

/**
 * Counts the writes made to an embedded (PGlite) database, so an answer kept in memory can tell whether
 * anything at all may have changed since it was read. The data directory is locked to one process
 * (data-dir-lock.ts), and every statement of that process goes through this one client, so the count
 * is complete. Every transaction counts (at its start and at its end), and every statement outside one
 * that is not a plain read. Counting at the start and at the end means an answer read while a write was
 * under way never matches a count taken before it began nor one taken after it ended. `exec` (several
 * statements in one text) always counts.
 *
 * PostgreSQL has no such count: other nodes, and anyone with psql, write to the same database.
 */
export interface LocalWrites {
  /** Changes whenever a write begins or ends. */
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

function watchWrites(client: PgliteLike): LocalWrites {
  const state = { count: 0 };
  const query = client.query.bind(client);
  const exec = client.exec.bind(client);
  const transaction = client.transaction.bind(client);
  const counting = async <T>(writes: boolean, run: () => Promise<T>): Promise<T> => {
    if (!writes) return run();
    state.count++;
    try {
      return await run();
    } finally {
      state.count++;
    }
  };
  client.query = (text: unknown, ...rest: unknown[]) => counting(!READ_ONLY.test(String(text)), () => query(text, ...rest));
  client.exec = (...args: unknown[]) => counting(true, () => exec(...args));
  client.transaction = (...args: unknown[]) => counting(true, () => transaction(...args));
  return state;
}

function isPglite(client: unknown): client is PgliteLike {
  return (
    typeof client === 'object' &&
    client !== null &&
    !('connect' in client) &&
    ['query', 'exec', 'transaction', 'listen'].every((m) => typeof (client as Record<string, unknown>)[m] === 'function')
  );
}
