import { PGlite } from '@electric-sql/pglite';
import { LiveEventSchema, type LiveEvent } from '@qiao/contracts';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { Database, DbOrTx } from '../../db/client.ts';

/** The one PostgreSQL notification channel every node listens on. */
const PG_CHANNEL = 'qiao_live';

/**
 * Announces that something changed, inside the caller's transaction: PostgreSQL (and PGlite) deliver
 * a NOTIFY only when the transaction commits, and never when it rolls back, so listeners hear of
 * exactly the writes that landed. On PostgreSQL every node listening on the database hears it.
 */
export async function publish(tx: DbOrTx, channel: string, type: string): Promise<void> {
  const event: LiveEvent = { channel, type };
  await tx.execute(sql`select pg_notify(${PG_CHANNEL}, ${JSON.stringify(event)})`);
}

/** Channel names: a user's own notices, or an object that changed. */
export const userChannel = (userId: string) => `user:${userId}`;
export const objectChannel = (type: 'round' | 'project' | 'dataset', id: string) => `${type}:${id}`;

type Listener = (event: LiveEvent) => void;

/**
 * Delivers committed events to this node's subscribers (the open event streams). On PostgreSQL it
 * holds one connection of its own with LISTEN, reconnecting when it drops; on the embedded database
 * it listens on the PGlite instance itself, in process.
 */
export class EventBus {
  private readonly listeners = new Map<string, Set<Listener>>();
  private stopListening: (() => Promise<void>) | undefined;
  private closed = false;

  constructor(
    private readonly database: Database,
    private readonly log: { warn(msg: string): void },
  ) {}

  subscribe(channels: readonly string[], listener: Listener): () => void {
    for (const c of channels) {
      let set = this.listeners.get(c);
      if (!set) this.listeners.set(c, (set = new Set()));
      set.add(listener);
    }
    return () => {
      for (const c of channels) {
        const set = this.listeners.get(c);
        set?.delete(listener);
        if (set?.size === 0) this.listeners.delete(c);
      }
    };
  }

  async start(): Promise<void> {
    if (this.stopListening || this.closed) return;
    const client: unknown = Reflect.get(this.database.db, '$client');
    if (client instanceof PGlite) {
      this.stopListening = await client.listen(PG_CHANNEL, (payload) => this.deliver(payload));
      return;
    }
    if (client instanceof pg.Pool) await this.listenPostgres(client);
  }

  /** Holds one pooled connection with LISTEN; when it drops, takes another after a second. */
  private async listenPostgres(pool: pg.Pool): Promise<void> {
    const conn = await pool.connect();
    let ended = false;
    const retry = (err?: Error) => {
      if (ended) return;
      ended = true;
      this.stopListening = undefined;
      conn.release(err ?? true);
      if (this.closed) return;
      const timer = setTimeout(() => void this.start().catch((e: unknown) => this.onListenError(e, () => {})), 1000);
      timer.unref();
    };
    conn.on('error', (err) => this.onListenError(err, () => retry(err)));
    conn.on('end', () => retry());
    conn.on('notification', (msg) => {
      if (msg.channel === PG_CHANNEL && msg.payload) this.deliver(msg.payload);
    });
    this.stopListening = async () => {
      if (ended) return;
      ended = true;
      await conn.query(`UNLISTEN ${PG_CHANNEL}`).catch(() => {});
      conn.release();
    };
    await conn.query(`LISTEN ${PG_CHANNEL}`);
  }

  private onListenError(err: unknown, retry: () => void): void {
    this.log.warn(`live events: listening connection failed (${err instanceof Error ? err.message : String(err)}); reconnecting`);
    retry();
  }

  private deliver(payload: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload);
    } catch {
      return;
    }
    const event = LiveEventSchema.safeParse(parsed);
    if (!event.success) return;
    for (const l of this.listeners.get(event.data.channel) ?? []) l(event.data);
  }

  async close(): Promise<void> {
    this.closed = true;
    const stop = this.stopListening;
    this.stopListening = undefined;
    await stop?.().catch(() => {});
  }
}
