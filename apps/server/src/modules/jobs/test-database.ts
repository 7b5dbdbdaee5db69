// Test helper: fresh migrated databases for DB suites, fast on PGlite (see openTestDatabase).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { MIGRATIONS_DIR, type Database } from '../../db/client.ts';
import * as schema from '../../db/schema.ts';
import type { DbTarget } from '../../testing/db.ts';

/** Where a migrated PGlite data directory is kept between test files, keyed by the migrations' content. */
function templateFile(): string {
  const h = createHash('sha256');
  for (const f of readdirSync(MIGRATIONS_DIR, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)).sort()) {
    h.update(f).update(readFileSync(f));
  }
  return path.join(tmpdir(), `qiao-pglite-migrated-${h.digest('hex').slice(0, 16)}.tar.gz`);
}

/**
 * A fresh, migrated database on the target. Migrating an empty PGlite costs tens of seconds on a busy
 * machine, so the first test file keeps a dump of its migrated data directory and later files start
 * from a copy of it (any change to the migrations makes a new dump). PostgreSQL is fast as it is.
 */
export async function openTestDatabase(target: DbTarget): Promise<Database> {
  if (target.name !== 'pglite') return target.open();
  const file = templateFile();
  if (!existsSync(file)) {
    const database = await target.open();
    const client = (database.db as unknown as { $client: PGlite }).$client;
    const dump = await client.dumpDataDir('gzip');
    const tmp = `${file}.${process.pid}`;
    writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    renameSync(tmp, file);
    return database;
  }
  const client = await PGlite.create({ loadDataDir: new Blob([readFileSync(file)], { type: 'application/x-gzip' }) });
  const db = drizzle(client, { schema });
  const database: Database = { db, kind: 'pglite', migrate: () => migrate(db, { migrationsFolder: MIGRATIONS_DIR }), close: () => client.close() };
  await database.migrate();
  return database;
}
