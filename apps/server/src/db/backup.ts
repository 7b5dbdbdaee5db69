import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { DbTarget } from './client.ts';
import { lockDataDir } from './data-dir-lock.ts';

/**
 * `qiao db backup FILE` and `qiao db restore FILE` for both engines.
 *
 * Embedded PGlite: the backup is PGlite's own dump of its data directory (a gzipped tarball), taken
 * under the data directory's lock, so it refuses while a server holds it. A restore unpacks the dump
 * into a new directory beside the old one and swaps the two; the old one is kept, renamed, until the
 * operator removes it.
 *
 * PostgreSQL: `pg_dump` custom format and `pg_restore --clean --if-exists` in one transaction, run
 * with the password in the environment rather than on the command line.
 *
 * Dataset files are not in either: they live in `QIAO_DATA_DIR/files` or the S3 bucket, written once
 * under their SHA-256 and never changed, so they are copied or synced on their own.
 */

export type BackupErrorId = 'pg_tools_missing' | 'pg_tool_failed' | 'backup_wrong_engine' | 'backup_unreadable' | 'backup_no_database';

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

export interface BackupOptions {
  /** Where pg_dump and pg_restore are looked for; default PATH, then the newest /usr/lib/postgresql/<v>/bin. */
  pgBinDirs?: readonly string[];
  /** Receives the line saying a stale lock of the data directory was taken over. */
  log?: (line: string) => void;
}

export interface BackupResult {
  engine: BackupEngine;
  file: string;
  bytes: number;
}

export interface RestoreResult extends BackupResult {
  /** PGlite: where the database that was replaced now is, or null when there was none. */
  replaced: string | null;
}

const GZIP = Buffer.from([0x1f, 0x8b]);
const PG_CUSTOM = Buffer.from('PGDMP');

async function head(file: string): Promise<Buffer> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (err: unknown) {
    throw new BackupError('backup_unreadable', `cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    const buf = Buffer.alloc(8);
    const { bytesRead } = await handle.read(buf, 0, 8, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Which engine a backup file is for, from its first bytes. */
export async function backupEngineOf(file: string): Promise<BackupEngine> {
  const first = await head(file);
  if (first.subarray(0, PG_CUSTOM.length).equals(PG_CUSTOM)) return 'postgres';
  if (first.subarray(0, GZIP.length).equals(GZIP)) return 'pglite';
  throw new BackupError('backup_unreadable', `${file} is neither a Qiao embedded-database backup nor a pg_dump custom-format file`);
}

async function expectEngine(file: string, engine: BackupEngine): Promise<void> {
  const found = await backupEngineOf(file);
  if (found === engine) return;
  throw new BackupError(
    'backup_wrong_engine',
    found === 'postgres'
      ? `${file} is a PostgreSQL backup (pg_dump custom format); set DATABASE_URL to restore it into PostgreSQL`
      : `${file} is an embedded-database (PGlite) backup; unset DATABASE_URL to restore it into QIAO_DATA_DIR`,
  );
}

/** Writes beside the target and renames, so a cut-off backup never leaves a file that looks whole. */
async function writeAtomically(file: string, write: (tmp: string) => Promise<void>): Promise<number> {
  const target = path.resolve(file);
  await mkdir(path.dirname(target), { recursive: true });
  const tmp = `${target}.partial-${process.pid}`;
  try {
    await write(tmp);
    await rename(tmp, target);
  } catch (err: unknown) {
    await rm(tmp, { force: true });
    throw err;
  }
  return (await stat(target)).size;
}

// ---- Embedded PGlite -------------------------------------------------------------------------------

function pgliteDir(target: DbTarget): string {
  if (target.kind !== 'pglite' || !target.dataDir) throw new Error('an in-memory database has nothing to back up');
  return path.resolve(target.dataDir);
}

async function backupPglite(dataDir: string, file: string, opts: BackupOptions): Promise<BackupResult> {
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) throw new BackupError('backup_no_database', `there is no embedded database in ${dataDir} to back up`);
  const lock = await lockDataDir(dataDir, opts.log);
  try {
    const client = await PGlite.create(dataDir);
    let dump: Blob;
    try {
      dump = await client.dumpDataDir('gzip');
    } finally {
      await client.close();
    }
    const bytes = await writeAtomically(file, async (tmp) => writeFile(tmp, Buffer.from(await dump.arrayBuffer()), { mode: 0o600 }));
    return { engine: 'pglite', file: path.resolve(file), bytes };
  } finally {
    lock.release();
  }
}

async function restorePglite(dataDir: string, file: string, opts: BackupOptions): Promise<RestoreResult> {
  await expectEngine(file, 'pglite');
  const contents = await readFile(file);
  await mkdir(path.dirname(dataDir), { recursive: true });
  const lock = await lockDataDir(dataDir, opts.log);
  const incoming = `${dataDir}.restoring-${process.pid}`;
  try {
    await rm(incoming, { recursive: true, force: true });
    try {
      const client = await PGlite.create(incoming, { loadDataDir: new Blob([contents], { type: 'application/x-gzip' }) });
      await client.query('select 1');
      await client.close();
    } catch (err: unknown) {
      throw new BackupError('backup_unreadable', `${file} could not be opened as an embedded database: ${err instanceof Error ? err.message : String(err)}`);
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
    return { engine: 'pglite', file: path.resolve(file), bytes: contents.length, replaced };
  } finally {
    await rm(incoming, { recursive: true, force: true });
    lock.release();
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

async function backupPostgres(url: string, file: string, opts: BackupOptions): Promise<BackupResult> {
  const pgDump = findPgTool('pg_dump', opts.pgBinDirs ?? defaultPgBinDirs());
  const { dbname, env } = connection(url);
  const bytes = await writeAtomically(file, async (tmp) => {
    await runPgTool(pgDump, ['--format=custom', `--file=${tmp}`, `--dbname=${dbname}`], env);
  });
  return { engine: 'postgres', file: path.resolve(file), bytes };
}

async function restorePostgres(url: string, file: string, opts: BackupOptions): Promise<RestoreResult> {
  const pgRestore = findPgTool('pg_restore', opts.pgBinDirs ?? defaultPgBinDirs());
  await expectEngine(file, 'postgres');
  const { dbname, env } = connection(url);
  // One transaction: a restore that fails part-way leaves the database as it was.
  await runPgTool(pgRestore, ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${dbname}`, path.resolve(file)], env);
  return { engine: 'postgres', file: path.resolve(file), bytes: (await stat(file)).size, replaced: null };
}

// ---- Entry points ----------------------------------------------------------------------------------

/** Backs up the configured database into `file` (replaced whole, or left untouched on failure). */
export function backupDatabase(target: DbTarget, file: string, opts: BackupOptions = {}): Promise<BackupResult> {
  return target.kind === 'postgres' ? backupPostgres(target.url, file, opts) : backupPglite(pgliteDir(target), file, opts);
}

/** Replaces the configured database with the backup in `file`; stop every server using it first. */
export function restoreDatabase(target: DbTarget, file: string, opts: BackupOptions = {}): Promise<RestoreResult> {
  return target.kind === 'postgres' ? restorePostgres(target.url, file, opts) : restorePglite(pgliteDir(target), file, opts);
}
