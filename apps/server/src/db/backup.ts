import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, createReadStream, createWriteStream, existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, open, readFile, rename, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { z } from 'zod';
import type { Config } from '../config.ts';
import { openContentStore } from '../modules/datasets/dataset.storage.open.ts';
import { S3BlobStore } from '../modules/datasets/dataset.storage.s3.ts';
import { verifyingSha256, type ContentStore, type StagedBlob } from '../modules/datasets/dataset.storage.ts';
import { ArchiveFormatError, ArchiveWriter, listArchive, looksLikeArchive, readMember, type ArchiveMember } from './backup-archive.ts';
import type { DbTarget } from './client.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { runningNodes } from './node-presence.ts';

/**
 * `qiao db backup FILE` and `qiao db restore FILE` for both engines, dataset files included.
 *
 * A backup is a tar file (format 2, see backup-archive.ts) of, in order: `qiao-backup.json` (the
 * manifest: engine, the database member's size and SHA-256, every dataset file the database refers
 * to with its size and SHA-256), the database, and the dataset files themselves under
 * `files/<sha256>`. The database and the list of files it refers to are read from one snapshot:
 * PGlite under its data directory's lock (refused while a server holds it), PostgreSQL through
 * `pg_dump --snapshot` of a read-only transaction that listed the files.
 *
 * Dataset files: with the local store they are always in the backup (streamed, checked against
 * their SHA-256 as they are read). With an S3 bucket the backup lists them (key, size, SHA-256) and
 * copies them in only with `withFiles`: a bucket usually has its own versioning or replication, and
 * copying it whole on every backup is rarely what an operator wants.
 *
 * A restore checks everything before it changes anything: the archive is whole, every member hashes
 * to its manifest entry, and the configured store holds (or the backup brings) every file the
 * restored database refers to. Files are then added to the store (never removed: the store is
 * content-addressed, an extra file harms nothing), then the database is replaced: PGlite by swapping
 * in a new data directory, keeping the old one beside it; PostgreSQL by `pg_restore --clean
 * --if-exists` in one transaction, refused while any app node is connected (node-presence.ts).
 *
 * Format 1, written before dataset files were in backups, is the bare database dump (PGlite's gzipped
 * data directory or a pg_dump custom-format file); it is still restored, with no file check.
 */

export type BackupErrorId =
  | 'pg_tools_missing'
  | 'pg_tool_failed'
  | 'backup_wrong_engine'
  | 'backup_unreadable'
  | 'backup_corrupted'
  | 'backup_no_database'
  | 'backup_files_missing'
  | 'backup_store_corrupted'
  | 'restore_files_missing'
  | 'restore_nodes_running';

/** A backup or restore that cannot go ahead; one line naming what to do, ending with its stable id. */
export class BackupError extends Error {
  constructor(
    readonly id: BackupErrorId,
    message: string,
  ) {
    super(`${message} [${id}]`);
    this.name = 'BackupError';
  }
}

export type BackupEngine = 'pglite' | 'postgres';

/** What is backed up and restored: the configured database and dataset file store. */
export interface BackupSource {
  database: DbTarget;
  storage: Config['storage'];
}

export interface BackupOptions {
  /** Where pg_dump and pg_restore are looked for; default PATH, then the newest /usr/lib/postgresql/<v>/bin. */
  pgBinDirs?: readonly string[];
  /** Receives the line saying a stale lock of the data directory was taken over. */
  log?: (line: string) => void;
  /** S3 store: copy the files into the backup too (the local store's files always are). */
  withFiles?: boolean;
}

export interface RestoreOptions extends Omit<BackupOptions, 'withFiles'> {
  /** Restore even though the store lacks files the database refers to; they are listed in the result. */
  allowMissingFiles?: boolean;
}

export interface BackupFiles {
  /** Distinct files the database refers to. */
  count: number;
  bytes: number;
  /** Whether their bytes are in the backup (otherwise only listed, with their SHA-256). */
  included: boolean;
  store: 'local' | 's3';
}

export interface BackupResult {
  engine: BackupEngine;
  file: string;
  bytes: number;
  /** 2 for a backup with its dataset files listed; 1 for a bare database dump of earlier versions. */
  format: 1 | 2;
  /** Null for a format-1 backup, which knows nothing of dataset files. */
  files: BackupFiles | null;
}

export interface RestoreResult extends BackupResult {
  /** PGlite: where the database that was replaced now is, or null when there was none. */
  replaced: string | null;
  /** Files the backup brought that the store did not have. */
  filesAdded: number;
  /** SHA-256 of files the database refers to that neither the store nor the backup has (only with allowMissingFiles). */
  filesMissing: string[];
}

const MANIFEST = 'qiao-backup.json';
const MANIFEST_MAX_BYTES = 256 * 1024 ** 2;
const GZIP = Buffer.from([0x1f, 0x8b]);
const PG_CUSTOM = Buffer.from('PGDMP');
const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

const manifestSchema = z.object({
  format: z.literal('qiao-backup'),
  version: z.literal(2),
  createdAt: z.string(),
  engine: z.enum(['pglite', 'postgres']),
  database: z.object({ member: z.string().min(1), size: z.number().int().nonnegative(), sha256: hex64 }),
  storage: z.object({ kind: z.enum(['local', 's3']), bucket: z.string().nullable(), filesIncluded: z.boolean() }),
  files: z.array(z.object({ sha256: hex64, size: z.number().int().nonnegative(), key: z.string().optional() })),
});
type Manifest = z.infer<typeof manifestSchema>;
interface FileRef {
  sha256: string;
  size: number;
}

const fileMember = (sha256: string) => `files/${sha256}`;
const message = (err: unknown) => (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';

async function head(file: string): Promise<Buffer> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (err: unknown) {
    throw new BackupError('backup_unreadable', `cannot read ${file}: ${message(err)}`);
  }
  try {
    const buf = Buffer.alloc(512);
    const { bytesRead } = await handle.read(buf, 0, 512, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

interface Opened {
  engine: BackupEngine;
  format: 1 | 2;
  /** Format 2 only. */
  manifest: Manifest | null;
  members: Map<string, ArchiveMember>;
}

/** Reads a backup's format and, for format 2, its manifest and the members' places, checking the archive is whole. */
async function openBackup(file: string): Promise<Opened> {
  const first = await head(file);
  if (first.subarray(0, PG_CUSTOM.length).equals(PG_CUSTOM)) return { engine: 'postgres', format: 1, manifest: null, members: new Map() };
  if (first.subarray(0, GZIP.length).equals(GZIP)) return { engine: 'pglite', format: 1, manifest: null, members: new Map() };
  if (!looksLikeArchive(first)) throw new BackupError('backup_unreadable', `${file} is neither a Qiao backup nor a pg_dump custom-format file`);
  let list: ArchiveMember[];
  try {
    list = await listArchive(file);
  } catch (err: unknown) {
    if (err instanceof ArchiveFormatError) throw new BackupError('backup_corrupted', `${file} is ${err.truncated ? 'cut short' : 'damaged'}: ${err.message}; nothing was changed`);
    throw err;
  }
  const first_ = list[0];
  if (first_?.name !== MANIFEST || first_.size > MANIFEST_MAX_BYTES) throw new BackupError('backup_unreadable', `${file} is a tar file but not a Qiao backup (it does not start with ${MANIFEST})`);
  const chunks: Buffer[] = [];
  for await (const c of readMember(file, first_)) chunks.push(c as Buffer);
  let manifest: Manifest;
  try {
    manifest = manifestSchema.parse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
  } catch (err: unknown) {
    const newer = /"version"\s*:\s*(\d+)/.exec(Buffer.concat(chunks).toString('utf8'));
    if (newer && Number(newer[1]) > 2) throw new BackupError('backup_unreadable', `${file} is a format ${newer[1]} backup, written by a newer Qiao; restore it with that version`);
    throw new BackupError('backup_corrupted', `${file} has a damaged manifest (${message(err).slice(0, 200)}); nothing was changed`);
  }
  const members = new Map(list.map((m) => [m.name, m]));
  const db = members.get(manifest.database.member);
  if (!db || db.size !== manifest.database.size) throw new BackupError('backup_corrupted', `${file} lacks its database (${manifest.database.member}) or it has the wrong size; nothing was changed`);
  if (manifest.storage.filesIncluded) {
    for (const f of manifest.files) {
      const m = members.get(fileMember(f.sha256));
      if (!m || m.size !== f.size) throw new BackupError('backup_corrupted', `${file} lacks dataset file ${f.sha256} or it has the wrong size; nothing was changed`);
    }
  }
  return { engine: manifest.engine, format: 2, manifest, members };
}

/** Which engine a backup file is for. */
export async function backupEngineOf(file: string): Promise<BackupEngine> {
  return (await openBackup(file)).engine;
}

function expectEngine(file: string, found: BackupEngine, engine: BackupEngine): void {
  if (found === engine) return;
  throw new BackupError(
    'backup_wrong_engine',
    found === 'postgres'
      ? `${file} is a PostgreSQL backup; set DATABASE_URL to restore it into PostgreSQL`
      : `${file} is an embedded-database (PGlite) backup; unset DATABASE_URL to restore it into QIAO_DATA_DIR`,
  );
}

/** Writes beside the target and renames, so a cut-off backup never leaves a file that looks whole. */
async function writeAtomically(file: string, write: (tmp: string) => Promise<void>): Promise<number> {
  const target = path.resolve(file);
  await mkdir(path.dirname(target), { recursive: true });
  const tmp = `${target}.partial-${process.pid}`;
  try {
    await rm(tmp, { force: true });
    await write(tmp);
    await rename(tmp, target);
  } catch (err: unknown) {
    await rm(tmp, { force: true });
    throw err;
  }
  return (await stat(target)).size;
}

/** Hashes a stream without keeping it. */
async function sha256Of(body: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const c of body) hash.update(c as Buffer);
  return hash.digest('hex');
}

/** Runs `fn` over `items`, `limit` at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

const listFew = (shas: readonly string[]) => `${shas.slice(0, 5).join(', ')}${shas.length > 5 ? ` and ${shas.length - 5} more` : ''}`;

// ---- Dataset files ---------------------------------------------------------------------------------

/** Every distinct dataset file the database refers to, read in the snapshot the dump is taken from. */
const FILES_QUERY = `select sha256, max(size)::float8 as size from dataset_files group by sha256 order by sha256`;
const HAS_FILES_TABLE = `select to_regclass('public.dataset_files') is not null as present`;

/**
 * Reading the files the backup copies. The local store is read by path (opening a BlobStore would
 * clear a running node's uploads in progress); a bucket through the S3 store, which checks each object
 * against its address as it streams.
 */
function fileReader(storage: Config['storage']): { exists(sha256: string): Promise<boolean>; read(sha256: string): Readable } {
  if (storage.kind === 's3') return new S3BlobStore(storage.s3);
  const pathOf = (sha256: string) => path.join(storage.dir, sha256.slice(0, 2), sha256);
  return {
    exists: (sha256) =>
      stat(pathOf(sha256)).then(
        (s) => s.isFile(),
        () => false,
      ),
    read: (sha256) => {
      const out = verifyingSha256(sha256);
      pipeline(createReadStream(pathOf(sha256)), out).catch(() => {
        // pipeline has already destroyed `out` with the error.
      });
      return out;
    },
  };
}

async function missingFrom(store: { exists(sha256: string): Promise<boolean> }, files: readonly FileRef[]): Promise<string[]> {
  const missing: string[] = [];
  await eachLimited(files, 16, async (f) => {
    if (!(await store.exists(f.sha256))) missing.push(f.sha256);
  });
  return missing.sort();
}

function manifestOf(engine: BackupEngine, dbMember: string, db: { size: number; sha256: string }, storage: Config['storage'], files: FileRef[], included: boolean): Manifest {
  const s3 = storage.kind === 's3' ? new S3BlobStore(storage.s3) : null;
  return {
    format: 'qiao-backup',
    version: 2,
    createdAt: new Date().toISOString(),
    engine,
    database: { member: dbMember, size: db.size, sha256: db.sha256 },
    storage: { kind: storage.kind, bucket: storage.kind === 's3' ? storage.s3.bucket : null, filesIncluded: included },
    files: files.map((f) => ({ sha256: f.sha256, size: f.size, ...(s3 ? { key: s3.keyOf(f.sha256) } : {}) })),
  };
}

/** Writes the archive: manifest, database (streamed from `dbBody`), then each file streamed from the store. */
async function writeBackup(
  file: string,
  manifest: Manifest,
  dbBody: () => Readable | Buffer,
  storage: Config['storage'],
): Promise<number> {
  const reader = fileReader(storage);
  return writeAtomically(file, async (tmp) => {
    const out = await ArchiveWriter.create(tmp);
    try {
      const text = Buffer.from(`${JSON.stringify(manifest, null, 1)}\n`);
      await out.add(MANIFEST, text.length, text);
      await out.add(manifest.database.member, manifest.database.size, dbBody());
      if (manifest.storage.filesIncluded) {
        for (const f of manifest.files) {
          try {
            await out.add(fileMember(f.sha256), f.size, reader.read(f.sha256));
          } catch (err: unknown) {
            throw new BackupError('backup_store_corrupted', `dataset file ${f.sha256} could not be copied whole from the store: ${message(err)}; no backup was written`);
          }
        }
      }
      await out.finish();
    } catch (err: unknown) {
      await out.abandon();
      throw err;
    }
  });
}

async function checkStoreHolds(storage: Config['storage'], files: FileRef[]): Promise<void> {
  const missing = await missingFrom(fileReader(storage), files);
  if (missing.length === 0) return;
  const where = storage.kind === 's3' ? `the bucket ${storage.s3.bucket}` : storage.dir;
  throw new BackupError('backup_files_missing', `${missing.length} dataset file(s) the database refers to are not in ${where}: ${listFew(missing)}; no backup was written`);
}

function summary(manifest: Manifest): BackupFiles {
  return { count: manifest.files.length, bytes: manifest.files.reduce((n, f) => n + f.size, 0), included: manifest.storage.filesIncluded, store: manifest.storage.kind };
}

// ---- Embedded PGlite -------------------------------------------------------------------------------

function pgliteDir(target: DbTarget): string {
  if (target.kind !== 'pglite' || !target.dataDir) throw new Error('an in-memory database has nothing to back up');
  return path.resolve(target.dataDir);
}

async function backupPglite(dataDir: string, source: BackupSource, file: string, opts: BackupOptions): Promise<BackupResult> {
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) throw new BackupError('backup_no_database', `there is no embedded database in ${dataDir} to back up`);
  const lock = await lockDataDir(dataDir, opts.log);
  try {
    const client = await PGlite.create(dataDir);
    let dump: Buffer;
    let files: FileRef[] = [];
    try {
      if ((await client.query<{ present: boolean }>(HAS_FILES_TABLE)).rows[0]?.present) files = (await client.query<FileRef>(FILES_QUERY)).rows;
      dump = Buffer.from(await (await client.dumpDataDir('gzip')).arrayBuffer());
    } finally {
      await client.close();
    }
    // The lock is held throughout: no server can add or refer to a file meanwhile.
    const included = source.storage.kind === 'local' || Boolean(opts.withFiles);
    await checkStoreHolds(source.storage, files);
    const manifest = manifestOf('pglite', 'database.pglite.tar.gz', { size: dump.length, sha256: createHash('sha256').update(dump).digest('hex') }, source.storage, files, included);
    const bytes = await writeBackup(file, manifest, () => dump, source.storage);
    return { engine: 'pglite', file: path.resolve(file), bytes, format: 2, files: summary(manifest) };
  } finally {
    lock.release();
  }
}

/** Replaces the data directory with the dump in `contents`; the caller holds the lock. */
async function swapPgliteDir(dataDir: string, file: string, contents: Buffer): Promise<string | null> {
  const incoming = `${dataDir}.restoring-${process.pid}`;
  try {
    await rm(incoming, { recursive: true, force: true });
    try {
      const client = await PGlite.create(incoming, { loadDataDir: new Blob([contents], { type: 'application/x-gzip' }) });
      await client.query('select 1');
      await client.close();
    } catch (err: unknown) {
      throw new BackupError('backup_unreadable', `${file} could not be opened as an embedded database: ${message(err)}`);
    }
    let replaced: string | null = null;
    if (existsSync(dataDir)) {
      replaced = `${dataDir}.replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      await rename(dataDir, replaced);
    }
    try {
      await rename(incoming, dataDir);
    } catch (err: unknown) {
      // Put the old database back rather than leave none.
      if (replaced) await rename(replaced, dataDir);
      throw err;
    }
    return replaced;
  } finally {
    await rm(incoming, { recursive: true, force: true });
  }
}

// ---- PostgreSQL ------------------------------------------------------------------------------------

function defaultPgBinDirs(): string[] {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    for (const v of readdirSync(root).sort((x, y) => Number(y) - Number(x))) dirs.push(path.join(root, v, 'bin'));
  }
  return dirs;
}

function findPgTool(name: 'pg_dump' | 'pg_restore', dirs: readonly string[]): string {
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here: keep looking.
    }
  }
  throw new BackupError(
    'pg_tools_missing',
    `${name} was not found on PATH or in /usr/lib/postgresql/*/bin; install the PostgreSQL client tools of the server's major version or newer (Debian and Ubuntu: apt-get install postgresql-client)`,
  );
}

/** The connection string without its password, and the password for PGPASSWORD, so neither shows in `ps`. */
function connection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

function runPgTool(tool: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', (err) => reject(new BackupError('pg_tool_failed', `${path.basename(tool)} could not start: ${err.message}`)));
    child.once('close', (code) => {
      if (code === 0) return resolve();
      const line = stderr.split('\n').find((l) => /error|fatal/i.test(l)) ?? stderr.split('\n')[0] ?? '';
      reject(new BackupError('pg_tool_failed', `${path.basename(tool)} failed (exit ${code ?? 'signal'}): ${line.trim() || 'no message'}`));
    });
  });
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Refuses while any app node is connected to the database (each holds a named connection while it runs). */
async function refuseWhileNodesRun(url: string): Promise<void> {
  const nodes = await withClient(url, runningNodes);
  if (nodes.length === 0) return;
  const named = nodes.map((n) => `${n.name}${n.address ? ` from ${n.address}` : ''}${n.since ? ` since ${n.since.toISOString()}` : ''}`).join('; ');
  throw new BackupError('restore_nodes_running', `${nodes.length} Qiao node(s) are running on this database (${named}); stop every node before restoring, nothing was changed`);
}

async function backupPostgres(url: string, source: BackupSource, file: string, opts: BackupOptions): Promise<BackupResult> {
  const pgDump = findPgTool('pg_dump', opts.pgBinDirs ?? defaultPgBinDirs());
  const { dbname, env } = connection(url);
  const target = path.resolve(file);
  await mkdir(path.dirname(target), { recursive: true });
  const dumpFile = `${target}.dump-${process.pid}`;
  try {
    // The file list and the dump come from one snapshot: a file uploaded meanwhile is in neither.
    const files = await withClient(url, async (client) => {
      await client.query('begin isolation level repeatable read read only');
      try {
        const snapshot = (await client.query<{ id: string }>('select pg_export_snapshot() as id')).rows[0]?.id ?? '';
        const present = (await client.query<{ present: boolean }>(HAS_FILES_TABLE)).rows[0]?.present;
        const listed = present ? (await client.query<FileRef>(FILES_QUERY)).rows : [];
        await rm(dumpFile, { force: true });
        await runPgTool(pgDump, ['--format=custom', `--snapshot=${snapshot}`, `--file=${dumpFile}`, `--dbname=${dbname}`], env);
        return listed;
      } finally {
        await client.query('commit').catch(() => undefined);
      }
    });
    const included = source.storage.kind === 'local' || Boolean(opts.withFiles);
    await checkStoreHolds(source.storage, files);
    const db = { size: (await stat(dumpFile)).size, sha256: await sha256Of(createReadStream(dumpFile)) };
    const manifest = manifestOf('postgres', 'database.pgdump', db, source.storage, files, included);
    const bytes = await writeBackup(file, manifest, () => createReadStream(dumpFile), source.storage);
    return { engine: 'postgres', file: target, bytes, format: 2, files: summary(manifest) };
  } finally {
    await rm(dumpFile, { force: true });
  }
}

async function pgRestore(url: string, dumpFile: string, opts: RestoreOptions): Promise<void> {
  const tool = findPgTool('pg_restore', opts.pgBinDirs ?? defaultPgBinDirs());
  const { dbname, env } = connection(url);
  // One transaction: a restore that fails part-way leaves the database as it was.
  await runPgTool(tool, ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${dbname}`, dumpFile], env);
}

// ---- Restore ---------------------------------------------------------------------------------------

/** Copies a member out to `to`, failing unless it hashes to `sha256`. */
async function extractVerified(file: string, member: ArchiveMember, sha256: string, to: string): Promise<void> {
  const hash = createHash('sha256');
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  await pipeline(readMember(file, member), tap, createWriteStream(to, { flags: 'wx', mode: 0o600 }));
  if (hash.digest('hex') !== sha256) throw new BackupError('backup_corrupted', `the database in ${file} does not match its recorded SHA-256; nothing was changed`);
}

/**
 * Checks the files the backup brings and stages the ones the store lacks; then checks the store holds
 * the rest. Nothing is visible in the store until the returned blobs are committed.
 */
async function stageFiles(file: string, opened: Opened, store: ContentStore, opts: RestoreOptions): Promise<{ staged: StagedBlob[]; missing: string[] }> {
  const manifest = opened.manifest as Manifest;
  const staged: StagedBlob[] = [];
  const notBrought: FileRef[] = [];
  try {
    for (const f of manifest.files) {
      const member = manifest.storage.filesIncluded ? opened.members.get(fileMember(f.sha256)) : undefined;
      if (!member) {
        notBrought.push(f);
        continue;
      }
      if (await store.exists(f.sha256)) {
        if ((await sha256Of(readMember(file, member))) !== f.sha256) throw corrupted(file, f.sha256);
        continue;
      }
      const blob = await store.stage(readMember(file, member), f.size);
      staged.push(blob);
      if (blob.sha256 !== f.sha256 || blob.size !== f.size) throw corrupted(file, f.sha256);
    }
    const missing = await missingFrom(store, notBrought);
    if (missing.length > 0 && !opts.allowMissingFiles) {
      const where = store.kind === 's3' ? 'the configured bucket' : 'the files directory';
      const hint = manifest.storage.kind === 's3' && !manifest.storage.filesIncluded ? ' (this backup lists them without their bytes: restore the bucket, or back up with --with-files)' : '';
      throw new BackupError(
        'restore_files_missing',
        `${missing.length} dataset file(s) the backup's database refers to are not in ${where}${hint}: ${listFew(missing)}; nothing was changed (--allow-missing-files restores anyway)`,
      );
    }
    return { staged, missing };
  } catch (err: unknown) {
    for (const blob of staged) await blob.discard();
    throw err;
  }
}

function corrupted(file: string, sha256: string): BackupError {
  return new BackupError('backup_corrupted', `dataset file ${sha256} in ${file} does not match its SHA-256; nothing was changed`);
}

async function restoreArchive(source: BackupSource, file: string, opened: Opened, opts: RestoreOptions): Promise<RestoreResult> {
  const manifest = opened.manifest as Manifest;
  const dbMember = opened.members.get(manifest.database.member) as ArchiveMember;
  const base = { engine: opened.engine, file: path.resolve(file), bytes: (await stat(file)).size, format: 2 as const, files: summary(manifest) };
  const work = await mkdtemp(path.join(os.tmpdir(), 'qiao-restore-'));
  let staged: StagedBlob[] = [];
  try {
    const dbFile = path.join(work, 'database');
    await extractVerified(file, dbMember, manifest.database.sha256, dbFile);
    const store = openContentStore(source.storage);
    const checked = await stageFiles(file, opened, store, opts);
    staged = checked.staged;
    let replaced: string | null = null;
    if (source.database.kind === 'postgres') {
      await refuseWhileNodesRun(source.database.url);
      for (const blob of staged) await blob.commit();
      await pgRestore(source.database.url, dbFile, opts);
    } else {
      const contents = await readFile(dbFile);
      for (const blob of staged) await blob.commit();
      replaced = await swapPgliteDir(pgliteDir(source.database), file, contents);
    }
    return { ...base, replaced, filesAdded: staged.length, filesMissing: checked.missing };
  } finally {
    for (const blob of staged) await blob.discard();
    await rm(work, { recursive: true, force: true });
  }
}

async function restore(source: BackupSource, file: string, opts: RestoreOptions): Promise<RestoreResult> {
  const target = source.database;
  if (target.kind === 'postgres') findPgTool('pg_restore', opts.pgBinDirs ?? defaultPgBinDirs());
  const opened = await openBackup(file);
  expectEngine(file, opened.engine, target.kind);
  if (target.kind === 'postgres') {
    await refuseWhileNodesRun(target.url);
    if (opened.format === 2) return restoreArchive(source, file, opened, opts);
    await pgRestore(target.url, path.resolve(file), opts);
    return { engine: 'postgres', file: path.resolve(file), bytes: (await stat(file)).size, format: 1, files: null, replaced: null, filesAdded: 0, filesMissing: [] };
  }
  const dataDir = pgliteDir(target);
  await mkdir(path.dirname(dataDir), { recursive: true });
  // The lock keeps servers off the database and the local files directory until the restore is done.
  const lock = await lockDataDir(dataDir, opts.log);
  try {
    if (opened.format === 2) return await restoreArchive(source, file, opened, opts);
    const contents = await readFile(file);
    const replaced = await swapPgliteDir(dataDir, file, contents);
    return { engine: 'pglite', file: path.resolve(file), bytes: contents.length, format: 1, files: null, replaced, filesAdded: 0, filesMissing: [] };
  } finally {
    lock.release();
  }
}

// ---- Entry points ----------------------------------------------------------------------------------

/** Backs up the configured database and its dataset files into `file` (replaced whole, or left untouched on failure). */
export function backupDatabase(source: BackupSource, file: string, opts: BackupOptions = {}): Promise<BackupResult> {
  const target = source.database;
  return target.kind === 'postgres' ? backupPostgres(target.url, source, file, opts) : backupPglite(pgliteDir(target), source, file, opts);
}

/**
 * Replaces the configured database with the backup in `file` and adds the dataset files it brings to
 * the store. Refused, changing nothing, while a node runs on the database, and when the backup is
 * damaged or the store would lack a file the restored database refers to.
 */
export function restoreDatabase(source: BackupSource, file: string, opts: RestoreOptions = {}): Promise<RestoreResult> {
  return restore(source, file, opts);
}
