import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../db/client.ts';
import './provided.ts';

export interface DbTarget {
  name: 'pglite' | 'postgres';
  /** Why this target is skipped on this machine, or null when it runs. */
  skip: string | null;
  /** A fresh, migrated database of its own. */
  open(): Promise<Database>;
}

/** A new, empty database of its own on the run's PostgreSQL cluster; its URL (not migrated). */
export async function createPostgresDatabase(adminUrl: string = inject('pgAdminUrl')): Promise<string> {
  const name = `qiao_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function freshPostgres(adminUrl: string): Promise<Database> {
  const db = await openDatabase({ kind: 'postgres', url: await createPostgresDatabase(adminUrl) });
  await db.migrate();
  return db;
}

/** The same DB suite runs on every target: embedded PGlite always, PostgreSQL where the run has one. */
export function dbTargets(): DbTarget[] {
  const pgUrl = inject('pgAdminUrl');
  return [
    {
      name: 'pglite',
      skip: null,
      open: async () => {
        const db = await openDatabase({ kind: 'pglite', dataDir: null });
        await db.migrate();
        return db;
      },
    },
    { name: 'postgres', skip: pgUrl ? null : inject('pgSkipReason'), open: () => freshPostgres(pgUrl) },
  ];
}
