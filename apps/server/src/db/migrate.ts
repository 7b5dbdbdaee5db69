import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { MIGRATIONS_DIR, type Database } from './client.ts';

export interface MigrationState {
  applied: number;
  expected: number;
  upToDate: boolean;
}

/** Compares the migrations recorded in the database with the journal shipped in the repository. */
export async function migrationState(database: Database): Promise<MigrationState> {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as { entries: unknown[] };
  const expected = journal.entries.length;
  let applied = 0;
  try {
    // Both drivers return `{ rows }`; the shared PgDatabase type leaves the result shape open.
    const raw: unknown = await database.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    const result = raw as { rows: { n: number }[] };
    applied = Number(result.rows[0]?.n ?? 0);
  } catch {
    // No migrations table yet: nothing applied.
  }
  return { applied, expected, upToDate: applied === expected };
}
