import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/**
 * PGlite is PostgreSQL in single-user mode and takes no lock of its own (its postmaster.pid holds a
 * placeholder pid): two processes on one data directory both start, each sees only its own writes,
 * and the directory keeps whichever wrote last. This lock makes the second opener refuse instead.
 *
 * The lock is a file beside the PGlite directory (`<dir>.lock`), created atomically, naming its holder.
 * It is stale only when its holder is provably gone: same host and the pid is not alive. A live holder
 * is never overridden, however old its lock; a lock from another host is never judged at all.
 */

const HolderSchema = z.object({ pid: z.number().int().positive(), host: z.string(), command: z.string(), startedAt: z.string() });
export type LockHolder = z.infer<typeof HolderSchema>;

/** A second opener of a data directory; the message is one line a person can act on. */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder | null,
    lockFile: string,
  ) {
    super(
      holder
        ? `the data directory ${dataDir} is in use by process ${holder.pid} (${holder.command}, started ${holder.startedAt}${holder.host === hostname() ? '' : ` on host ${holder.host}`}); stop it first, or set DATABASE_URL to use PostgreSQL`
        : `the data directory ${dataDir} is in use (its lock file ${lockFile} cannot be read); if no Qiao process uses it, remove that file, or set DATABASE_URL to use PostgreSQL`,
    );
    this.name = 'DataDirInUseError';
  }
}

export interface DataDirLock {
  readonly file: string;
  /** Removes the lock file if it is still this process's; safe to call twice. */
  release(): void;
}

export const lockFileOf = (dataDir: string): string => `${path.resolve(dataDir)}.lock`;

/** Lock files this process holds, with their exact contents (a release only removes its own). */
const held = new Map<string, string>();
/** A takeover guard older than this was left by a process that died in the middle of one. */
const GUARD_STALE_MS = 10_000;

/** "qiao serve", "qiao users create": the words of the command line before its first option. */
function commandLabel(argv: readonly string[] = process.argv): string {
  const program = path.basename(argv[1] ?? 'node').replace(/\.[cm]?[jt]s$/, '');
  const words = [];
  for (const a of argv.slice(2)) {
    if (a.startsWith('-') || words.length === 3) break;
    words.push(a);
  }
  return [program, ...words].join(' ');
}

function readHolder(file: string): { raw: string; holder: LockHolder | null } | undefined {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (err: unknown) {
    if (errCode(err) === 'ENOENT') return undefined;
    throw err;
  }
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(raw);
  } catch {
    // An unreadable lock is treated as held: better refuse than risk two writers.
  }
  const holder = HolderSchema.safeParse(parsed);
  return { raw, holder: holder.success ? holder.data : null };
}

const errCode = (err: unknown): string | undefined => (err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : undefined);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err: unknown) {
    // EPERM: the process exists but belongs to another user.
    return errCode(err) !== 'ESRCH';
  }
}

/** Provably gone: on this host, and either not running or this very pid (a previous run, e.g. pid 1 in a restarted container). */
function isStale(file: string, holder: LockHolder): boolean {
  if (holder.host !== hostname()) return false;
  if (holder.pid === process.pid) return !held.has(file);
  return !alive(holder.pid);
}

/** Creates the file only if it does not exist; false when it does. */
function createExclusive(file: string, contents: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o644);
  } catch (err: unknown) {
    if (errCode(err) === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, contents);
  } finally {
    closeSync(fd);
  }
  return true;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Removes a stale lock, unless another opener replaced it meanwhile: two openers that both found the
 * same stale lock must not remove each other's fresh one, so the check and the removal happen under
 * a short-lived guard file.
 */
async function removeStale(file: string, staleRaw: string): Promise<void> {
  const guard = `${file}.takeover`;
  for (let i = 0; i < 50; i++) {
    if (createExclusive(guard, String(process.pid))) {
      try {
        if (readHolder(file)?.raw === staleRaw) unlinkSync(file);
      } finally {
        unlinkSync(guard);
      }
      return;
    }
    try {
      if (Date.now() - statSync(guard).mtimeMs > GUARD_STALE_MS) unlinkSync(guard);
    } catch (err: unknown) {
      if (errCode(err) !== 'ENOENT') throw err;
    }
    await sleep(20);
  }
}

function releaseFile(file: string): void {
  const mine = held.get(file);
  if (mine === undefined) return;
  held.delete(file);
  try {
    if (readFileSync(file, 'utf8') === mine) unlinkSync(file);
  } catch {
    // Already gone: nothing to release.
  }
  if (held.size === 0) uninstallHandlers();
}

function releaseAll(): void {
  for (const file of [...held.keys()]) releaseFile(file);
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let installed = false;

/**
 * A signal ends the process without an 'exit' event unless someone listens. When the program has its
 * own handler (`qiao serve` closes the database and so releases the lock), this one stays out of the
 * way; otherwise it releases the lock and lets the signal do what it would have done.
 */
function onSignal(signal: NodeJS.Signals): void {
  if (process.listenerCount(signal) > 1) return;
  releaseAll();
  uninstallHandlers();
  process.kill(process.pid, signal);
}

function installHandlers(): void {
  if (installed) return;
  installed = true;
  process.on('exit', releaseAll);
  for (const s of SIGNALS) process.on(s, onSignal);
}

function uninstallHandlers(): void {
  if (!installed) return;
  installed = false;
  process.off('exit', releaseAll);
  for (const s of SIGNALS) process.off(s, onSignal);
}

/**
 * Takes the data directory for this process or throws DataDirInUseError naming the holder. `log`
 * receives the line saying a stale lock was taken over.
 */
export async function lockDataDir(dataDir: string, log: (line: string) => void = () => {}): Promise<DataDirLock> {
  const file = lockFileOf(dataDir);
  const me: LockHolder = { pid: process.pid, host: hostname(), command: commandLabel(), startedAt: new Date().toISOString() };
  const contents = `${JSON.stringify(me)}\n`;
  // PGlite cannot be opened twice in one process either.
  if (held.has(file)) throw new DataDirInUseError(dataDir, readHolder(file)?.holder ?? null, file);
  let tookOver: LockHolder | undefined;
  for (let attempt = 0; attempt < 5; attempt++) {
    if (createExclusive(file, contents)) {
      held.set(file, contents);
      installHandlers();
      if (tookOver) log(`took over the data directory ${dataDir} from process ${tookOver.pid} (${tookOver.command}, started ${tookOver.startedAt}), which is no longer running`);
      return { file, release: () => releaseFile(file) };
    }
    const existing = readHolder(file);
    // Released between the two looks: try again.
    if (!existing) continue;
    if (!existing.holder || !isStale(file, existing.holder)) throw new DataDirInUseError(dataDir, existing.holder, file);
    await removeStale(file, existing.raw);
    tookOver = existing.holder;
  }
  throw new DataDirInUseError(dataDir, readHolder(file)?.holder ?? null, file);
}
