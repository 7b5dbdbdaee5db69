import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import * as schema from './schema.ts';

type Schema = typeof schema;
/** The one database type the services see, whether PGlite or PostgreSQL is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Repositories take either the database or a transaction, so a service can group writes. */
export type DbOrTx = Db | Tx;
export type DbKind = 'pglite' | 'postgres';
export type DbTarget = { kind: 'pglite'; dataDir: string | null } | { kind: 'postgres'; url: string };

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../drizzle');

export interface Database {
  db: Db;
  kind: DbKind;
  /** Applies every pending migration; the same SQL files serve PGlite and PostgreSQL. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Receives the line saying a stale lock of the data directory was taken over; default stderr. */
  log?: (line: string) => void;
  /** Hears the SQL of every query (query counts in tests, metrics). */
  onQuery?: (sql: string) => void;
}

/**
 * `dataDir: null` opens an in-memory PGlite, used by tests. A PGlite data directory is locked for this
 * process until close (see data-dir-lock.ts): a second opener gets DataDirInUseError.
 */
export async function openDatabase(target: DbTarget, opts: OpenOptions = {}): Promise<Database> {
  const options = { migrationsFolder: MIGRATIONS_DIR };
  const logger = opts.onQuery ? { logQuery: opts.onQuery } : false;
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: 10 });
    // Fail at start, with the server's own message, rather than on the first request.
    const probe = await pool.connect();
    probe.release();
    const db = drizzlePg(pool, { schema, logger });
    return { db, kind: 'postgres', migrate: () => migratePg(db, options), close: () => pool.end() };
  }
  if (!target.dataDir) {
    const client = await PGlite.create();
    const db = drizzlePglite(client, { schema, logger });
    return { db, kind: 'pglite', migrate: () => migratePglite(db, options), close: () => client.close() };
  }
  await mkdir(target.dataDir, { recursive: true });
  const lock = await lockDataDir(target.dataDir, opts.log ?? ((line) => process.stderr.write(`qiao: ${line}\n`)));
  let client: PGlite;
  try {
    client = await PGlite.create(target.dataDir);
  } catch (err: unknown) {
    lock.release();
    throw err;
  }
  const db = drizzlePglite(client, { schema, logger });
  return {
    db,
    kind: 'pglite',
    migrate: () => migratePglite(db, options),
    async close() {
      try {
        await client.close();
      } finally {
        lock.release();
      }
    },
  };
}
