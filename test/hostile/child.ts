// `qiao serve` as a child process over a prepared data directory, for what only a whole process
// shows: its memory (RSS from /proc) under hostile bodies, and what it does at start.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Role } from '@qiao/contracts';
import { buildServices } from '../../apps/server/src/app.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { openDatabase } from '../../apps/server/src/db/client.ts';
import type { DbTarget } from '../../apps/server/src/testing/db.ts';
import { freshPostgresUrl, PASSWORD } from './live.ts';

const CLI = path.resolve(import.meta.dirname, '../../apps/cli/bin/qiao.js');

export interface Prepared {
  dataDir: string;
  env: Record<string, string>;
  user: { email: string; password: string };
}

/** A migrated database (a fresh PostgreSQL database, or PGlite in the data directory) with one user. */
export async function prepare(target: DbTarget, roles: Role[], side = 'CN'): Promise<Prepared> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'qiao-hostile-child-'));
  const env: Record<string, string> = { QIAO_DATA_DIR: dataDir, QIAO_DEMO: 'false', QIAO_LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: '0', QIAO_JOB_WORKER: 'false' };
  if (target.name === 'postgres') env.DATABASE_URL = await freshPostgresUrl();
  const config = loadConfig(env);
  const database = await openDatabase(config.database);
  try {
    await database.migrate();
    const services = buildServices(config, database, { now: () => new Date(), log: { info: () => undefined, warn: () => undefined } });
    const email = `child-${Date.now()}@test.example`;
    await services.users.create(null, { email, displayName: 'Child admin', side, roles: roles.map((role) => ({ role, side })), password: PASSWORD });
    return { dataDir, env, user: { email, password: PASSWORD } };
  } finally {
    await database.close();
  }
}

export interface ChildServer {
  url: string;
  pid: number;
  /** Resident memory of the server process, in bytes. */
  rss(): number;
  alive(): boolean;
  output(): string;
  stop(): Promise<void>;
}

export async function spawnServer(prepared: Prepared, env: Record<string, string> = {}): Promise<ChildServer> {
  const child: ChildProcess = spawn(process.execPath, [CLI, 'serve'], { env: { ...process.env, ...prepared.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`qiao serve did not start within 60 s:\n${out}`)), 60_000);
    const check = () => {
      const m = /Qiao is serving (http:\/\/[^\s]+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`qiao serve exited with ${code ?? 'a signal'}:\n${out}`));
    });
  });
  const pid = child.pid ?? 0;
  return {
    url,
    pid,
    rss() {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return Number(m?.[1] ?? 0) * 1024;
    },
    alive: () => child.exitCode === null && child.signalCode === null,
    output: () => out,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export function removeDataDir(prepared: Prepared): void {
  rmSync(prepared.dataDir, { recursive: true, force: true });
}
