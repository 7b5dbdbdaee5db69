import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { DeleteObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServices } from '../app.ts';
import { loadConfig, type Config } from '../config.ts';
import { seedDemo } from '../demo/seed.ts';
import { S3BlobStore, s3Client } from '../modules/datasets/dataset.storage.s3.ts';
import { createPostgresDatabase, dbTargets } from '../testing/db.ts';
import { startTestS3, type TestS3 } from '../testing/s3.ts';
import { ArchiveWriter, listArchive } from './backup-archive.ts';
import { BackupError, backupDatabase, backupEngineOf, restoreDatabase, type BackupSource } from './backup.ts';
import { openDatabase, type Database } from './client.ts';
import { DataDirInUseError } from './data-dir-lock.ts';
import { announceNode, nodeApplicationName } from './node-presence.ts';

interface Snapshot {
  counts: Record<string, number>;
  users: string[];
  organizations: unknown[];
  groups: string[];
}

const quiet = { info: () => undefined, warn: () => undefined };
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

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

/** Every blob in a local files directory, by name, with the SHA-256 of its bytes. */
function localBlobs(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  for (const sub of readdirSync(dir)) {
    if (sub === 'tmp') continue;
    for (const name of readdirSync(path.join(dir, sub))) out[name] = sha(readFileSync(path.join(dir, sub, name)));
  }
  return out;
}

/** Flips one byte in the middle of the archive member `name`. */
async function corruptMember(file: string, name: string): Promise<void> {
  const member = (await listArchive(file)).find((m) => m.name === name);
  if (!member) throw new Error(`no member ${name}`);
  const bytes = readFileSync(file);
  const at = member.offset + Math.floor(member.size / 2);
  bytes[at] = (bytes[at] ?? 0) ^ 0xff;
  writeFileSync(file, bytes);
}

function errorOf(err: unknown): BackupError {
  expect(err).toBeInstanceOf(BackupError);
  expect((err as Error).message).not.toContain('\n');
  return err as BackupError;
}

/** A fresh data directory (and database on PostgreSQL) with the demo seeded, plus one 3 MiB file. */
async function seeded(target: { name: string }, dir: string, extraEnv: Record<string, string> = {}): Promise<{ env: Record<string, string>; big: string }> {
  const env: Record<string, string> = { QIAO_DATA_DIR: path.join(dir, 'data'), QIAO_WEB_DIST: '/nonexistent/web', QIAO_LOG_LEVEL: 'silent', ...extraEnv };
  if (target.name === 'postgres') env.DATABASE_URL = await createPostgresDatabase();
  const database = await openDatabase(loadConfig(env).database);
  try {
    await database.migrate();
    const services = buildServices(loadConfig(env), database, { now: () => new Date(), log: quiet });
    await services.indicators.ensureSeed();
    expect(await seedDemo(services)).toBe(true);
    // A file large enough to arrive in many chunks, in a new draft of a demo dataset.
    const steward = (await services.users.list()).find((u) => u.email === 'us.steward@demo.qiao.example');
    if (!steward) throw new Error('no demo steward');
    const dataset = (await services.datasets.list(steward, {})).find((d) => d.side === 'US');
    if (!dataset) throw new Error('no demo dataset');
    const versions = await services.datasets.newVersion(steward, dataset.id, 'larger extract');
    const big = randomBytes(3 * 1024 * 1024 + 123);
    await services.datasets.upload(steward, dataset.id, Math.max(...versions.map((v) => v.number)), 'extract.bin', 'application/octet-stream', Readable.from([big.subarray(0, 1_000_000), big.subarray(1_000_000)]));
    return { env, big: sha(big) };
  } finally {
    await database.close();
  }
}

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`qiao db backup and restore on ${target.name}, local file store`, () => {
    let dir: string;
    let env: Record<string, string>;
    let bigFile: string;
    let filesDir: string;
    const open = () => openDatabase(loadConfig(env).database);
    async function withDatabase<T>(fn: (database: Database) => Promise<T>): Promise<T> {
      const database = await open();
      try {
        return await fn(database);
      } finally {
        await database.close();
      }
    }
    const source = (): BackupSource => loadConfig(env);
    const file = () => path.join(dir, 'backups', `qiao.${target.name}.backup`);

    beforeAll(async () => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'qiao-backup-'));
      ({ env, big: bigFile } = await seeded(target, dir));
      filesDir = path.join(dir, 'data', 'files');
    }, 180_000);
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('round-trips the demo and its dataset files: a backup restored over a changed database and a lost files directory brings back every row and file', async () => {
      const before = await withDatabase(snapshot);
      const blobs = localBlobs(filesDir);
      expect(before.counts['public.organizations']).toBeGreaterThan(0);
      expect(before.users.length).toBeGreaterThan(1);
      expect(before.groups.length).toBeGreaterThan(0);
      expect(Object.keys(blobs)).toContain(bigFile);
      expect(Object.keys(blobs).length).toBeGreaterThanOrEqual(3);

      const made = await backupDatabase(source(), file());
      expect(made).toMatchObject({ engine: target.name, file: file(), format: 2, files: { count: Object.keys(blobs).length, included: true, store: 'local' } });
      expect(made.bytes).toBeGreaterThan(3 * 1024 * 1024);
      expect(await backupEngineOf(file())).toBe(target.name);
      // A plain tar file: the manifest first, then the database, then each file under its SHA-256.
      const listing = spawnSync('tar', ['-tf', file()], { encoding: 'utf8' });
      expect(listing.status, listing.stderr).toBe(0);
      const names = listing.stdout.trim().split('\n');
      expect(names.slice(0, 2)).toEqual(['qiao-backup.json', target.name === 'postgres' ? 'database.pgdump' : 'database.pglite.tar.gz']);
      expect(names.slice(2).sort()).toEqual(Object.keys(blobs).map((s) => `files/${s}`).sort());

      // Wipe and change: people gone, an organisation renamed, a user added, every dataset file lost.
      await withDatabase(async (database) => {
        await database.db.execute(sql.raw('delete from people'));
        await database.db.execute(sql.raw(`update organizations set names = '[{"value":"Renamed","script":"latin"}]'::jsonb, version = version + 1`));
        const services = buildServices(loadConfig(env), database, { now: () => new Date(), log: quiet });
        await services.users.create(null, { email: 'after-backup@test.example', displayName: 'After', side: 'US', roles: [], password: 'correct-horse-battery' });
        const changed = await snapshot(database);
        expect(changed.counts['public.people']).toBe(0);
        expect(changed.users.length).toBe(before.users.length + 1);
      });
      rmSync(filesDir, { recursive: true, force: true });

      const restored = await restoreDatabase(source(), file());
      expect(restored).toMatchObject({ engine: target.name, file: file(), format: 2, filesAdded: Object.keys(blobs).length, filesMissing: [] });
      expect(await withDatabase(snapshot)).toEqual(before);
      expect(localBlobs(filesDir)).toEqual(blobs);
      for (const [name, hash] of Object.entries(localBlobs(filesDir))) expect(hash).toBe(name);
      if (target.name === 'pglite') {
        // The database it replaced is kept beside it, renamed, until the operator removes it.
        expect(restored.replaced).toMatch(/data[\\/]db\.replaced-/);
        expect(readdirSync(path.join(dir, 'data')).filter((f) => f.startsWith('db.'))).toEqual([path.basename(restored.replaced ?? '')]);
      }
      // The restored database is one a server starts on, and serves the restored file.
      await withDatabase(async (database) => {
        await database.migrate();
        expect((await snapshot(database)).counts).toEqual(before.counts);
        const services = buildServices(loadConfig(env), database, { now: () => new Date(), log: quiet });
        const steward = (await services.users.list()).find((u) => u.email === 'us.steward@demo.qiao.example');
        const dataset = (await services.datasets.list(steward ?? null, {})).find((d) => d.side === 'US');
        const versions = await services.datasets.versions(steward ?? null, dataset?.id ?? '');
        expect(versions.flatMap((v) => v.files.map((f) => f.sha256))).toContain(bigFile);
      });
      // Restoring again adds nothing: the files are there already (and are checked against the backup).
      expect((await restoreDatabase(source(), file())).filesAdded).toBe(0);
    }, 180_000);

    /** Runs a restore that must be refused and checks that neither the database nor the files changed. */
    async function refusedWithoutChange(backup: string, id: string, pattern: RegExp): Promise<void> {
      // A change the restore would undo, and a lost file it would bring back.
      await withDatabase((database) => database.db.execute(sql.raw(`update organizations set version = version + 1`)));
      rmSync(path.join(filesDir, bigFile.slice(0, 2), bigFile));
      const dbBefore = await withDatabase(snapshot);
      const filesBefore = localBlobs(filesDir);
      const err = errorOf(await restoreDatabase(source(), backup).catch((e: unknown) => e));
      expect(err.id).toBe(id);
      expect(err.message).toMatch(pattern);
      expect(await withDatabase(snapshot)).toEqual(dbBefore);
      expect(localBlobs(filesDir)).toEqual(filesBefore);
      expect(existsSync(path.join(filesDir, 'tmp')) ? readdirSync(path.join(filesDir, 'tmp')) : []).toEqual([]);
      expect(readdirSync(path.join(dir, 'data')).filter((f) => f.includes('restoring'))).toEqual([]);
      // Put the file back for the next case.
      expect((await restoreDatabase(source(), file())).filesAdded).toBe(1);
    }

    it('refuses a backup whose dataset file is corrupted, changing neither the database nor the files', async () => {
      const bad = path.join(dir, 'corrupted-file.backup');
      writeFileSync(bad, readFileSync(file()));
      await corruptMember(bad, `files/${bigFile}`);
      await refusedWithoutChange(bad, 'backup_corrupted', new RegExp(`dataset file ${bigFile} in .+ does not match its SHA-256; nothing was changed`));
      // Also when the store already has that file and the restore only checks it.
      const err = errorOf(await restoreDatabase(source(), bad).catch((e: unknown) => e));
      expect(err.id).toBe('backup_corrupted');
    }, 120_000);

    it('refuses a backup whose database is corrupted, or that is cut short, changing nothing', async () => {
      const badDb = path.join(dir, 'corrupted-db.backup');
      writeFileSync(badDb, readFileSync(file()));
      await corruptMember(badDb, target.name === 'postgres' ? 'database.pgdump' : 'database.pglite.tar.gz');
      await refusedWithoutChange(badDb, 'backup_corrupted', /the database in .+ does not match its recorded SHA-256; nothing was changed/);

      const cut = path.join(dir, 'cut.backup');
      writeFileSync(cut, readFileSync(file()));
      const big = (await listArchive(cut)).find((m) => m.name === `files/${bigFile}`);
      truncateSync(cut, (big?.offset ?? 0) + 1000);
      await refusedWithoutChange(cut, 'backup_corrupted', /cut\.backup is cut short: it ends after \d+ bytes, inside files\/[0-9a-f]{64}; nothing was changed/);
      // Cut at the very end: only the end marker missing.
      writeFileSync(cut, readFileSync(file()).subarray(0, statSync(file()).size - 1024));
      await refusedWithoutChange(cut, 'backup_corrupted', /cut short: it ends after \d+ bytes, before its end marker/);
    }, 120_000);

    it('refuses a backup of the other engine, and a file that is no backup, changing nothing', async () => {
      const other = path.join(dir, 'other.backup');
      writeFileSync(other, target.name === 'pglite' ? Buffer.from('PGDMP\x01\x0e\x00') : Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]));
      expect(errorOf(await restoreDatabase(source(), other).catch((e: unknown) => e)).id).toBe('backup_wrong_engine');
      // A format-2 backup of the other engine: its manifest names the engine.
      const dump = Buffer.from('a database dump');
      const manifest = {
        format: 'qiao-backup',
        version: 2,
        createdAt: new Date().toISOString(),
        engine: target.name === 'pglite' ? 'postgres' : 'pglite',
        database: { member: 'database', size: dump.length, sha256: sha(dump) },
        storage: { kind: 'local', bucket: null, filesIncluded: true },
        files: [],
      };
      rmSync(other);
      const archive = await ArchiveWriter.create(other);
      const text = Buffer.from(JSON.stringify(manifest));
      await archive.add('qiao-backup.json', text.length, text);
      await archive.add('database', dump.length, dump);
      await archive.finish();
      expect(errorOf(await restoreDatabase(source(), other).catch((e: unknown) => e)).id).toBe('backup_wrong_engine');
      // A manifest of a later format is named as such.
      rmSync(other);
      const later = await ArchiveWriter.create(other);
      const text3 = Buffer.from(JSON.stringify({ ...manifest, version: 3 }));
      await later.add('qiao-backup.json', text3.length, text3);
      await later.finish();
      expect(errorOf(await restoreDatabase(source(), other).catch((e: unknown) => e)).message).toMatch(/is a format 3 backup, written by a newer Qiao; restore it with that version \[backup_unreadable\]$/);
      writeFileSync(other, 'not a backup at all');
      const junk = errorOf(await restoreDatabase(source(), other).catch((e: unknown) => e));
      expect(junk.id).toBe('backup_unreadable');
      const tarball = path.join(dir, 'some.tar');
      spawnSync('tar', ['-cf', tarball, '-C', dir, 'other.backup']);
      expect(errorOf(await restoreDatabase(source(), tarball).catch((e: unknown) => e)).message).toMatch(/is a tar file but not a Qiao backup .+\[backup_unreadable\]$/);
      expect((await withDatabase(snapshot)).counts['public.organizations']).toBeGreaterThan(0);
    });

    it('still restores a backup written before backups held dataset files (the bare database dump)', async () => {
      const old = path.join(dir, 'format-1.backup');
      const before = await withDatabase(snapshot);
      if (target.name === 'pglite') {
        const client = await PGlite.create(path.join(dir, 'data', 'db'));
        writeFileSync(old, Buffer.from(await (await client.dumpDataDir('gzip')).arrayBuffer()));
        await client.close();
      } else {
        const dumped = spawnSync('pg_dump', ['--format=custom', `--file=${old}`, `--dbname=${env.DATABASE_URL ?? ''}`], { encoding: 'utf8' });
        expect(dumped.status, dumped.stderr).toBe(0);
      }
      await withDatabase((database) => database.db.execute(sql.raw('delete from people')));
      const restored = await restoreDatabase(source(), old);
      expect(restored).toMatchObject({ engine: target.name, format: 1, files: null, filesAdded: 0 });
      expect(await withDatabase(snapshot)).toEqual(before);
    }, 120_000);

    it('refuses to back up when the store has lost a file the database refers to, writing nothing', async () => {
      const lost = path.join(filesDir, bigFile.slice(0, 2), bigFile);
      const bytes = readFileSync(lost);
      rmSync(lost);
      const out = path.join(dir, 'incomplete.backup');
      try {
        const err = errorOf(await backupDatabase(source(), out).catch((e: unknown) => e));
        expect(err.id).toBe('backup_files_missing');
        expect(err.message).toContain(bigFile);
        expect(existsSync(out)).toBe(false);
        // A stored file whose bytes changed is refused too, and no backup is left behind.
        writeFileSync(lost, Buffer.concat([bytes.subarray(0, 100), Buffer.from([(bytes[100] ?? 0) ^ 0xff]), bytes.subarray(101)]));
        const bad = errorOf(await backupDatabase(source(), out).catch((e: unknown) => e));
        expect(bad.id).toBe('backup_store_corrupted');
        expect(readdirSync(dir).filter((f) => f.startsWith('incomplete'))).toEqual([]);
      } finally {
        writeFileSync(lost, bytes);
      }
    }, 120_000);

    if (target.name === 'pglite') {
      it('refuses to back up or restore while a server holds the data directory', async () => {
        const held = path.join(dir, 'held.backup');
        const database = await open();
        try {
          await expect(backupDatabase(source(), held)).rejects.toBeInstanceOf(DataDirInUseError);
          await expect(restoreDatabase(source(), file())).rejects.toBeInstanceOf(DataDirInUseError);
        } finally {
          await database.close();
        }
        expect(readdirSync(dir)).not.toContain('held.backup');
      });
    } else {
      it('streams the files both ways: an 80 MiB file goes in and out without its bytes held in memory', async () => {
        const mib = 1024 * 1024;
        const database = await open();
        let large: string;
        try {
          const services = buildServices(loadConfig(env), database, { now: () => new Date(), log: quiet });
          const steward = (await services.users.list()).find((u) => u.email === 'us.steward@demo.qiao.example');
          const dataset = (await services.datasets.list(steward ?? null, {})).find((d) => d.side === 'US');
          if (!steward || !dataset) throw new Error('no demo steward or dataset');
          // The draft the suite's setup added its 3 MiB file to.
          const versions = await services.datasets.versions(steward, dataset.id);
          const hash = createHash('sha256');
          const body = Readable.from(
            (function* () {
              for (let i = 0; i < 80; i++) {
                const chunk = Buffer.alloc(mib, i);
                hash.update(chunk);
                yield chunk;
              }
            })(),
          );
          await services.datasets.upload(steward, dataset.id, Math.max(...versions.map((v) => v.number)), 'full.bin', 'application/octet-stream', body);
          large = hash.digest('hex');
        } finally {
          await database.close();
        }
        /** The most memory in buffers (garbage not yet collected included) beyond the start's, while `run` runs: well under the file's 80 MiB. */
        async function peakBuffers(run: () => Promise<unknown>): Promise<number> {
          const start = process.memoryUsage().arrayBuffers;
          let peak = start;
          const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().arrayBuffers)), 5);
          try {
            await run();
          } finally {
            clearInterval(timer);
          }
          return Math.max(peak, process.memoryUsage().arrayBuffers) - start;
        }
        const big = path.join(dir, 'large.backup');
        expect(await peakBuffers(() => backupDatabase(source(), big))).toBeLessThan(40 * mib);
        expect((await listArchive(big)).find((m) => m.name === `files/${large}`)?.size).toBe(80 * mib);
        rmSync(path.join(filesDir, large.slice(0, 2), large));
        let added = 0;
        expect(await peakBuffers(async () => (added = (await restoreDatabase(source(), big)).filesAdded))).toBeLessThan(40 * mib);
        expect(added).toBe(1);
        expect(statSync(path.join(filesDir, large.slice(0, 2), large)).size).toBe(80 * mib);
        rmSync(big);
      }, 180_000);

      it('refuses to restore while a node is connected, naming it, and restores once it has gone', async () => {
        const url = env.DATABASE_URL ?? '';
        const node = await announceNode(url, nodeApplicationName('backup-test-node'), () => undefined);
        await withDatabase((database) => database.db.execute(sql.raw(`update organizations set version = version + 1`)));
        const before = await withDatabase(snapshot);
        try {
          const err = errorOf(await restoreDatabase(source(), file()).catch((e: unknown) => e));
          expect(err.id).toBe('restore_nodes_running');
          expect(err.message).toMatch(new RegExp(`^1 Qiao node\\(s\\) are running on this database \\(qiao node backup-test-node pid ${process.pid}.*\\); stop every node before restoring, nothing was changed \\[restore_nodes_running\\]$`));
          expect(await withDatabase(snapshot)).toEqual(before);
        } finally {
          await node.stop();
        }
        await restoreDatabase(source(), file());
        expect(await withDatabase(snapshot)).not.toEqual(before);
      }, 120_000);
    }
  });

  describe.skipIf(target.skip)(`qiao db backup and restore on ${target.name}, S3 file store`, () => {
    let dir: string;
    let s3: TestS3;
    let env: Record<string, string>;
    let bigFile: string;
    const source = (over: Record<string, string> = {}): Config => loadConfig({ ...env, ...over });
    async function withDatabase<T>(fn: (database: Database) => Promise<T>): Promise<T> {
      const database = await openDatabase(source().database);
      try {
        return await fn(database);
      } finally {
        await database.close();
      }
    }
    async function keys(cfg: TestS3['config']): Promise<string[]> {
      const client = s3Client(cfg);
      try {
        const res = await client.send(new ListObjectsV2Command({ Bucket: cfg.bucket, Prefix: 'blobs/' }));
        return (res.Contents ?? []).map((o) => o.Key ?? '').sort();
      } finally {
        client.destroy();
      }
    }

    beforeAll(async () => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'qiao-backup-s3-'));
      s3 = await startTestS3();
      ({ env, big: bigFile } = await seeded(target, dir, s3.env));
    }, 180_000);
    afterAll(async () => {
      await s3.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('lists the bucket objects in the backup; a restore checks the bucket holds each, refusing without change when one is gone', async () => {
      const objects = await keys(s3.config);
      expect(objects).toContain(`blobs/${bigFile.slice(0, 2)}/${bigFile}`);
      const file = path.join(dir, 'listed.backup');
      const made = await backupDatabase(source(), file);
      expect(made.files).toEqual({ count: objects.length, bytes: expect.any(Number) as number, included: false, store: 's3' });
      const members = (await listArchive(file)).map((m) => m.name);
      expect(members.filter((n) => n.startsWith('files/'))).toEqual([]);
      const manifest = JSON.parse(spawnSync('tar', ['-xOf', file, 'qiao-backup.json'], { encoding: 'utf8' }).stdout) as { storage: unknown; files: { key: string; sha256: string; size: number }[] };
      expect(manifest.storage).toEqual({ kind: 's3', bucket: s3.config.bucket, filesIncluded: false });
      expect(manifest.files.map((f) => f.key).sort()).toEqual(objects);
      expect(manifest.files.find((f) => f.sha256 === bigFile)?.size).toBe(3 * 1024 * 1024 + 123);

      // The bucket is whole: the restore goes ahead and adds nothing.
      await withDatabase((database) => database.db.execute(sql.raw('delete from people')));
      const restored = await restoreDatabase(source(), file);
      expect(restored).toMatchObject({ format: 2, filesAdded: 0, filesMissing: [] });
      const before = await withDatabase(snapshot);
      expect(before.counts['public.people']).toBeGreaterThan(0);

      // An object lost from the bucket: refused, naming it, and nothing changes.
      const client = s3Client(s3.config);
      await client.send(new DeleteObjectCommand({ Bucket: s3.config.bucket, Key: `blobs/${bigFile.slice(0, 2)}/${bigFile}` }));
      client.destroy();
      await withDatabase((database) => database.db.execute(sql.raw('delete from people')));
      const changed = await withDatabase(snapshot);
      const err = errorOf(await restoreDatabase(source(), file).catch((e: unknown) => e));
      expect(err.id).toBe('restore_files_missing');
      expect(err.message).toMatch(new RegExp(`^1 dataset file\\(s\\) the backup's database refers to are not in the configured bucket \\(this backup lists them without their bytes: restore the bucket, or back up with --with-files\\): ${bigFile}; nothing was changed`));
      expect(await withDatabase(snapshot)).toEqual(changed);

      // The operator may restore anyway; the missing file is listed.
      const anyway = await restoreDatabase(source(), file, { allowMissingFiles: true });
      expect(anyway.filesMissing).toEqual([bigFile]);
      expect(await withDatabase(snapshot)).toEqual(before);
      // And a backup of a database whose bucket lost a file is refused, naming it.
      const refused = errorOf(await backupDatabase(source(), path.join(dir, 'lost.backup')).catch((e: unknown) => e));
      expect(refused.id).toBe('backup_files_missing');
      expect(refused.message).toContain(bigFile);
      expect(existsSync(path.join(dir, 'lost.backup'))).toBe(false);
    }, 180_000);

    it('with --with-files copies the objects into the backup, and a restore fills an empty bucket with them, verified', async () => {
      // The bucket still lacks the object the first case removed: a backup with the files is refused too.
      const complete = path.join(dir, 'complete.backup');
      const lostAgain = errorOf(await backupDatabase(source(), complete, { withFiles: true }).catch((e: unknown) => e));
      expect(lostAgain.id).toBe('backup_files_missing');
      // Remove the reference to the lost file, then back up with the files.
      await withDatabase((database) => database.db.execute(sql.raw(`delete from dataset_files where sha256 = '${bigFile}'`)));
      const made = await backupDatabase(source(), complete, { withFiles: true });
      expect(made.files?.included).toBe(true);
      const objects = await keys(s3.config);
      expect((await listArchive(complete)).filter((m) => m.name.startsWith('files/')).map((m) => `blobs/${m.name.slice(6, 8)}/${m.name.slice(6)}`).sort()).toEqual(objects);

      // A second, empty bucket stands for a new site.
      const other = await startTestS3('qiao-other');
      try {
        const into = source(other.env);
        expect(await keys(other.config)).toEqual([]);
        const restored = await restoreDatabase(into, complete);
        expect(restored).toMatchObject({ filesAdded: objects.length, filesMissing: [] });
        expect(await keys(other.config)).toEqual(objects);
        const store = new S3BlobStore(other.config);
        for (const key of objects) {
          const parts: Buffer[] = [];
          for await (const c of store.read(path.basename(key))) parts.push(c as Buffer);
          expect(sha(Buffer.concat(parts))).toBe(path.basename(key));
        }
        // An object whose bytes changed in the bucket stops a backup with the files; none is left behind.
        const changedKey = objects[0] ?? '';
        const client = s3Client(other.config);
        await client.send(new PutObjectCommand({ Bucket: other.config.bucket, Key: changedKey, Body: Buffer.from('not what was uploaded') }));
        client.destroy();
        const fromChanged = path.join(dir, 'from-changed.backup');
        const storeErr = errorOf(await backupDatabase(into, fromChanged, { withFiles: true }).catch((e: unknown) => e));
        expect(storeErr.id).toBe('backup_store_corrupted');
        expect(storeErr.message).toContain(path.basename(changedKey));
        expect(readdirSync(dir).filter((f) => f.startsWith('from-changed'))).toEqual([]);

        // A corrupted object in the backup: refused, and the bucket gets no object, not even a temp one.
        const bad = path.join(dir, 'complete-bad.backup');
        writeFileSync(bad, readFileSync(complete));
        const target0 = (await listArchive(bad)).find((m) => m.name.startsWith('files/'));
        await corruptMember(bad, target0?.name ?? '');
        const third = await startTestS3('qiao-third');
        try {
          const err = errorOf(await restoreDatabase(source(third.env), bad).catch((e: unknown) => e));
          expect(err.id).toBe('backup_corrupted');
          const client = s3Client(third.config);
          const all = await client.send(new ListObjectsV2Command({ Bucket: third.config.bucket }));
          client.destroy();
          expect((all.Contents ?? []).map((o) => o.Key)).toEqual([]);
          expect(third.openUploads()).toEqual([]);
        } finally {
          await third.close();
        }
      } finally {
        await other.close();
      }
    }, 180_000);
  });
}

describe('qiao db backup on PostgreSQL without the client tools', () => {
  it('says in one line, with a stable id, that pg_dump and pg_restore are needed', async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'qiao-no-pg-'));
    try {
      const source: BackupSource = { database: { kind: 'postgres', url: 'postgres://qiao:secret@127.0.0.1:1/qiao' }, storage: { kind: 'local', dir: path.join(empty, 'files') } };
      for (const run of [() => backupDatabase(source, path.join(empty, 'x.backup'), { pgBinDirs: [empty] }), () => restoreDatabase(source, path.join(empty, 'x.backup'), { pgBinDirs: [empty] })]) {
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
