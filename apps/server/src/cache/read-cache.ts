import { createHash, randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
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
 * A new live figure that reads another table needs that table's trigger.
 */
export type CacheTopic = 'indicators' | 'datasets' | 'lists';

export interface CachedBody {
  /** The JSON text sent to the client, serialised once. */
  body: string;
  etag: string;
}

interface Entry extends CachedBody {
  stamp: string;
}

const BOOT = randomUUID();

/** Most answers kept per node; the oldest is dropped first. */
const MAX_ENTRIES = 500;

/**
 * Answers computed once and served until the data under them changes. On PostgreSQL every read asks the
 * database for the topic counters (one small query), so every node agrees the moment a write commits,
 * whichever node made it; the expensive part (the figures, the catalogue) runs only after a change.
 */
export class ReadCache {
  private readonly entries = new Map<string, Entry>();
  private readonly computing = new Map<string, Promise<Entry>>();
  hits = 0;
  misses = 0;

  /**
   * On the embedded database only this process writes, and PGlite delivers a commit's notifications
   * before the write returns: the cache counts them in memory and reads no counters per request.
   */
  private readonly local: Map<string, number> | null = null;
  private listening: Promise<unknown> | null = null;

  constructor(private readonly db: Db) {
    const client = (db as { $client?: unknown }).$client;
    if (isPglite(client)) {
      const local = new Map<string, number>();
      this.local = local;
      this.listening = client.listen('qiao_cache', (topic) => local.set(topic, (local.get(topic) ?? 0) + 1));
    }
  }

  /** The counters of these topics now, as one string. */
  async stamp(topics: readonly CacheTopic[]): Promise<string> {
    if (this.local) {
      await this.listening;
      // The process's own id keeps an ETag from before a restart from matching new counts.
      return `${BOOT}|${topics.map((t) => `${t}:${this.local?.get(t) ?? 0}`).join(',')}`;
    }
    const rows = await this.db.select().from(cacheTopics);
    const version = new Map(rows.map((r) => [r.topic, r.version]));
    return topics.map((t) => `${t}:${version.get(t) ?? 0}`).join(',');
  }

  /**
   * The cached answer for `key`, or `compute` run once (concurrent callers share it), checked against
   * `schema` and serialised. The counters are read before computing, so an answer is never labelled
   * with a version newer than the data it holds.
   */
  async get<T>(key: string, topics: readonly CacheTopic[], schema: z.ZodType<T>, compute: () => Promise<T>): Promise<CachedBody> {
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
          const entry: Entry = { stamp, body: JSON.stringify(schema.parse(value)), etag: `"${createHash('sha256').update(id).digest('base64url').slice(0, 27)}"` };
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
  if (!shared) reply.header('vary', 'cookie');
  const match = req.headers['if-none-match'];
  if (match && match.split(',').some((t) => t.trim() === cached.etag)) return reply.code(304).send();
  return reply.type('application/json; charset=utf-8').send(cached.body);
}

function isPglite(client: unknown): client is { listen(channel: string, cb: (payload: string) => void): Promise<unknown> } {
  return typeof client === 'object' && client !== null && 'listen' in client && typeof client.listen === 'function' && !('connect' in client);
}

const caches = new WeakMap<Db, ReadCache>();

/** The node's one read cache over this database. */
export function readCacheOf(db: Db): ReadCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = new ReadCache(db);
    caches.set(db, cache);
  }
  return cache;
}
