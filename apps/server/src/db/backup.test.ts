import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServices } from '../app.ts';
import { loadConfig } from '../config.ts';
import { seedDemo } from '../demo/seed.ts';
import { createPostgresDatabase, dbTargets } from '../testing/db.ts';
import { BackupError, backupDatabase, backupEngineOf, restoreDatabase } from './backup.ts';
import { openDatabase, type Database } from './client.ts';
import { DataDirInUseError } from './data-dir-lock.ts';

interface Snapshot {
  counts: Record<string, number>;
  users: string[];
  organizations: unknown[];
  groups: string[];
}

async function rows<T>(database: Database, query: string): Promise<T[]> {
  // Both drivers answer a raw query with `{ rows }`.
  const res: unknown = await database.db.execute(sql.raw(query));
  return (res as { rows: T[] }).rows;
}

/** Row counts of every table (migrations included) and a few objects in full. */
async function snapshot(database: Database): Promise<Snapshot> {
  const tables = await rows<{ schema: string; name: string }>(
    database,
    `select table_schema as schema, table_name as name from information_schema.tables where table_schema in ('public', 'drizzle') and table_type = 'BASE TABLE' order by 1, 2`,
  );
  const counts: Record<string, number> = {};
  for (const t of tables) counts[`${t.schema}.${t.name}`] = (await rows<{ n: number }>(database, `select count(*)::int as n from "${t.schema}"."${t.name}"`))[0]?.n ?? -1;
  return {
    counts,
    users: (await rows<{ email: string; password_hash: string }>(database, 'select email, password_hash from users order by email')).map((u) => `${u.email} ${u.password_hash}`),
    organizations: await rows(database, 'select id, names, side, version from organizations order by id'),
    groups: (await rows<{ id: string; name: unknown }>(database, 'select id, name from working_groups order by id')).map((g) => `${g.id} ${JSON.stringify(g.name)}`),
  };
}

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`qiao db backup and restore on ${target.name}`, () => {
    let dir: string;
    let env: Record<string, string>;
    const open = () => openDatabase(loadConfig(env).database);
    async function withDatabase<T>(fn: (database: Database) => Promise<T>): Promise<T> {
      const database = await open();
      try {
        return await fn(database);
      } finally {
        await database.close();
      }
    }
    const targetOf = () => loadConfig(env).database;

    beforeAll(async () => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'qiao-backup-'));
      env = { QIAO_DATA_DIR: path.join(dir, 'data'), QIAO_WEB_DIST: '/nonexistent/web', QIAO_LOG_LEVEL: 'silent' };
      if (target.name === 'postgres') env.DATABASE_URL = await createPostgresDatabase();
      await withDatabase(async (database) => {
        await database.migrate();
        const services = buildServices(loadConfig(env), database, { now: () => new Date(), log: { info: () => undefined, warn: () => undefined } });
        await services.indicators.ensureSeed();
        expect(await seedDemo(services)).toBe(true);
      });
    }, 180_000);
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('round-trips the demo: a backup restored over a changed database brings back every row', async () => {
      const before = await withDatabase(snapshot);
      expect(before.counts['public.organizations']).toBeGreaterThan(0);
      expect(before.users.length).toBeGreaterThan(1);
      expect(before.groups.length).toBeGreaterThan(0);

      const file = path.join(dir, 'backups', `qiao.${target.name}.backup`);
      const made = await backupDatabase(targetOf(), file);
      expect(made).toMatchObject({ engine: target.name, file });
      expect(made.bytes).toBeGreaterThan(1000);
      expect(await backupEngineOf(file)).toBe(target.name);

      // Wipe and change: people gone, an organisation renamed, a user added.
      await withDatabase(async (database) => {
        await database.db.execute(sql.raw('delete from people'));
        await database.db.execute(sql.raw(`update organizations set names = '[{"value":"Renamed","script":"latin"}]'::jsonb, version = version + 1`));
        const services = buildServices(loadConfig(env), database, { now: () => new Date(), log: { info: () => undefined, warn: () => undefined } });
        await services.users.create(null, { email: 'after-backup@test.example', displayName: 'After', side: 'US', roles: [], password: 'correct-horse-battery' });
        const changed = await snapshot(database);
        expect(changed.counts['public.people']).toBe(0);
        expect(changed.organizations).not.toEqual(before.organizations);
        expect(changed.users.length).toBe(before.users.length + 1);
      });

      const restored = await restoreDatabase(targetOf(), file);
      expect(restored).toMatchObject({ engine: target.name, file });
      const after = await withDatabase(snapshot);
      expect(after).toEqual(before);
      if (target.name === 'pglite') {
        // The database it replaced is kept beside it, renamed, until the operator removes it.
        expect(restored.replaced).toMatch(/data[\\/]db\.replaced-/);
        expect(readdirSync(path.join(dir, 'data')).filter((f) => f.startsWith('db.'))).toEqual([path.basename(restored.replaced ?? '')]);
      }
      // The restored database is one a server starts on: migrations are all there.
      await withDatabase(async (database) => {
        await database.migrate();
        expect((await snapshot(database)).counts).toEqual(before.counts);
      });
    }, 180_000);

    it('refuses a backup of the other engine, and a file that is no backup, changing nothing', async () => {
      const other = path.join(dir, 'other.backup');
      writeFileSync(other, target.name === 'pglite' ? Buffer.from('PGDMP\x01\x0e\x00') : Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]));
      const wrong = await restoreDatabase(targetOf(), other).catch((err: unknown) => err);
      expect(wrong).toBeInstanceOf(BackupError);
      expect((wrong as BackupError).id).toBe('backup_wrong_engine');
      writeFileSync(other, 'not a backup at all');
      const junk = await restoreDatabase(targetOf(), other).catch((err: unknown) => err);
      expect((junk as BackupError).id).toBe('backup_unreadable');
      expect((junk as Error).message).not.toContain('\n');
      expect((await withDatabase(snapshot)).counts['public.organizations']).toBeGreaterThan(0);
    });

    if (target.name === 'pglite') {
      it('refuses to back up or restore while a server holds the data directory', async () => {
        const file = path.join(dir, 'held.backup');
        const database = await open();
        try {
          await expect(backupDatabase(targetOf(), file)).rejects.toBeInstanceOf(DataDirInUseError);
          await expect(restoreDatabase(targetOf(), path.join(dir, 'backups', 'qiao.pglite.backup'))).rejects.toBeInstanceOf(DataDirInUseError);
        } finally {
          await database.close();
        }
        expect(readdirSync(dir)).not.toContain('held.backup');
      });
    }
  });
}

describe('qiao db backup on PostgreSQL without the client tools', () => {
  it('says in one line, with a stable id, that pg_dump and pg_restore are needed', async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'qiao-no-pg-'));
    try {
      const target = { kind: 'postgres', url: 'postgres://qiao:secret@127.0.0.1:1/qiao' } as const;
      for (const run of [() => backupDatabase(target, path.join(empty, 'x.backup'), { pgBinDirs: [empty] }), () => restoreDatabase(target, path.join(empty, 'x.backup'), { pgBinDirs: [empty] })]) {
        const err = await run().catch((e: unknown) => e);
        expect(err).toBeInstanceOf(BackupError);
        expect((err as BackupError).id).toBe('pg_tools_missing');
        expect((err as Error).message).toMatch(/^pg_(dump|restore) was not found on PATH .*\[pg_tools_missing\]$/);
        expect((err as Error).message).not.toContain('\n');
      }
      expect(readdirSync(empty)).toEqual([]);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
