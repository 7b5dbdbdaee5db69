import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from './client.ts';
import { DataDirInUseError, lockDataDir, lockFileOf, type LockHolder } from './data-dir-lock.ts';

/** A pid that was alive a moment ago and is not any more. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

const holderOf = (dir: string) => JSON.parse(readFileSync(lockFileOf(dir), 'utf8')) as LockHolder;
const writeLock = (dir: string, holder: LockHolder) => writeFileSync(lockFileOf(dir), JSON.stringify(holder));

describe('the data directory lock', () => {
  let root: string;
  let dir: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'qiao-lock-'));
    dir = path.join(root, 'db');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('names this process as the holder and lets go on release', async () => {
    const lock = await lockDataDir(dir);
    expect(holderOf(dir)).toMatchObject({ pid: process.pid, host: hostname() });
    lock.release();
    expect(existsSync(lockFileOf(dir))).toBe(false);
    lock.release();
    (await lockDataDir(dir)).release();
  });

  it('refuses a live holder, even an old one, and leaves its lock alone', async () => {
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      const holder = { pid: sleeper.pid ?? 0, host: hostname(), command: 'qiao serve', startedAt: '2020-01-01T00:00:00.000Z' };
      writeLock(dir, holder);
      const err = await lockDataDir(dir).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DataDirInUseError);
      expect((err as Error).message).toBe(`the data directory ${dir} is in use by process ${holder.pid} (qiao serve, started 2020-01-01T00:00:00.000Z); stop it first, or set DATABASE_URL to use PostgreSQL`);
      expect(holderOf(dir)).toEqual(holder);
    } finally {
      sleeper.kill();
    }
  });

  it('takes over a stale lock (its process is gone) and says so', async () => {
    const pid = deadPid();
    writeLock(dir, { pid, host: hostname(), command: 'qiao serve', startedAt: '2020-01-01T00:00:00.000Z' });
    const lines: string[] = [];
    const lock = await lockDataDir(dir, (l) => lines.push(l));
    expect(holderOf(dir).pid).toBe(process.pid);
    expect(lines).toEqual([`took over the data directory ${dir} from process ${pid} (qiao serve, started 2020-01-01T00:00:00.000Z), which is no longer running`]);
    lock.release();
  });

  it("takes over a lock bearing this process's own pid that this process does not hold (a restarted container)", async () => {
    writeLock(dir, { pid: process.pid, host: hostname(), command: 'qiao serve', startedAt: '2020-01-01T00:00:00.000Z' });
    (await lockDataDir(dir)).release();
  });

  it('never judges a lock from another host, nor an unreadable one', async () => {
    writeLock(dir, { pid: deadPid(), host: 'elsewhere.example', command: 'qiao serve', startedAt: '2020-01-01T00:00:00.000Z' });
    await expect(lockDataDir(dir)).rejects.toThrow(/is in use by process \d+ \(qiao serve, started 2020-01-01T00:00:00\.000Z on host elsewhere\.example\)/);
    writeFileSync(lockFileOf(dir), '');
    await expect(lockDataDir(dir)).rejects.toThrow(`the data directory ${dir} is in use (its lock file ${lockFileOf(dir)} cannot be read)`);
    expect(readFileSync(lockFileOf(dir), 'utf8')).toBe('');
  });

  it('refuses a second open in the same process', async () => {
    const lock = await lockDataDir(dir);
    await expect(lockDataDir(dir)).rejects.toBeInstanceOf(DataDirInUseError);
    lock.release();
  });

  it('lets exactly one of several openers racing for a stale lock win', async () => {
    writeLock(dir, { pid: deadPid(), host: hostname(), command: 'qiao serve', startedAt: '2020-01-01T00:00:00.000Z' });
    // The winner holds on until it is told to stop, so a slow-starting racer cannot find the lock free.
    const script = `import { lockDataDir } from ${JSON.stringify(path.join(import.meta.dirname, 'data-dir-lock.ts'))};
      lockDataDir(${JSON.stringify(dir)}).then(() => { process.stdout.write('won'); setTimeout(() => {}, 60000); }, (e) => process.stdout.write(e.name));`;
    const racers = [1, 2, 3, 4].map(() => spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: import.meta.dirname }));
    const outcomes = await Promise.all(racers.map((child) => new Promise<string>((resolve) => child.stdout.once('data', (c: Buffer) => resolve(c.toString())))));
    expect(outcomes.filter((o) => o === 'won')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'DataDirInUseError')).toHaveLength(3);
    await Promise.all(racers.map((child) => new Promise((resolve) => (child.exitCode === null ? (child.once('exit', resolve), child.kill('SIGTERM')) : resolve(null)))));
    // The winner's lock went with it.
    expect(existsSync(lockFileOf(dir))).toBe(false);
  });

  it('releases when the process exits without closing, and when a signal ends it', async () => {
    const script = (signal: string) => `import { lockDataDir } from ${JSON.stringify(path.join(import.meta.dirname, 'data-dir-lock.ts'))};
      await lockDataDir(${JSON.stringify(dir)}); process.stdout.write('locked'); ${signal ? 'setTimeout(() => {}, 60000);' : ''}`;
    const run = (signal: NodeJS.Signals | '') =>
      new Promise<{ code: number | null; signal: NodeJS.Signals | null; heldWhileRunning: boolean }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script(signal)], { cwd: import.meta.dirname });
        let heldWhileRunning = false;
        child.stdout.on('data', () => {
          // Without a signal the child may already be gone by now; with one it waits to be killed.
          if (!signal) return;
          heldWhileRunning = existsSync(lockFileOf(dir));
          child.kill(signal);
        });
        child.once('exit', (code, sig) => resolve({ code, signal: sig, heldWhileRunning }));
      });
    expect(await run('')).toMatchObject({ code: 0, signal: null });
    expect(existsSync(lockFileOf(dir))).toBe(false);
    // The signal still ends the process as it would have; only the lock is let go on the way.
    expect(await run('SIGTERM')).toEqual({ code: null, signal: 'SIGTERM', heldWhileRunning: true });
    expect(existsSync(lockFileOf(dir))).toBe(false);
    expect(await run('SIGINT')).toEqual({ code: null, signal: 'SIGINT', heldWhileRunning: true });
    expect(existsSync(lockFileOf(dir))).toBe(false);
  });

  it('is taken by openDatabase on a PGlite directory and given back by close; in-memory PGlite takes none', async () => {
    const first = await openDatabase({ kind: 'pglite', dataDir: dir });
    try {
      await expect(openDatabase({ kind: 'pglite', dataDir: dir })).rejects.toBeInstanceOf(DataDirInUseError);
      await first.db.execute(sql`select 1`);
    } finally {
      await first.close();
    }
    expect(existsSync(lockFileOf(dir))).toBe(false);
    const memory = await openDatabase({ kind: 'pglite', dataDir: null });
    await memory.close();
  }, 60_000);
});
