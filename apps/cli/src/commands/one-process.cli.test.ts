// Two real processes on one embedded database: the second must refuse, and the first one's confirmed
// writes must survive its restart. PGlite is single-process; two openers of one data directory each
// see only their own writes and the directory keeps whichever wrote last.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../..', import.meta.url));
const NEW_PASSWORD = 'a sturdy bridge over the river';

interface Proc {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

function qiao(dataDir: string, args: string[]): Proc {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', QIAO_DATA_DIR: dataDir, QIAO_DEMO: 'false', QIAO_LOG_LEVEL: 'warn' };
  // The embedded database is the subject here, whatever the run uses for the DB suites.
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['apps/cli/bin/qiao.js', ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Resolves with the server's URL once it serves, or with null when the process ends first. */
async function serving(p: Proc, timeoutMs = 120_000): Promise<string | null> {
  const deadline = Date.now() + timeoutMs;
  let ended = false;
  void p.exited.then(() => (ended = true));
  while (Date.now() < deadline) {
    const url = /Qiao is serving (http:\/\/\S+)/.exec(p.output())?.[1];
    if (url) return url;
    if (ended) return null;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no answer within ${timeoutMs / 1000}s:\n${p.output()}`);
}

/** SIGTERM, then SIGKILL if the server has not closed within 20 s, so no server outlives the test. */
async function stop(p: Proc): Promise<number | null> {
  if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGTERM');
  const force = setTimeout(() => p.child.kill('SIGKILL'), 20_000);
  const code = await p.exited;
  clearTimeout(force);
  return code;
}

/** Every request of the test gives up after 20 s instead of hanging the run. */
const fetch = (url: string, init: RequestInit = {}) => globalThis.fetch(url, { ...init, signal: AbortSignal.timeout(20_000) });

async function signIn(url: string, email: string, password: string): Promise<{ status: number; headers: Record<string, string> }> {
  const res = await fetch(`${url}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  const cookie = /qiao_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  const body = (await res.json()) as { csrfToken?: string };
  return { status: res.status, headers: { cookie: `qiao_session=${cookie ?? ''}`, 'x-csrf-token': body.csrfToken ?? '', 'content-type': 'application/json' } };
}

describe('one process per embedded database', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'qiao-one-process-'));
  const started: Proc[] = [];
  const run = (args: string[]) => {
    const p = qiao(dataDir, args);
    started.push(p);
    return p;
  };
  afterAll(async () => {
    await Promise.all(started.map(stop));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("refuses a second server and every database command while the first serves, keeps every confirmed write, and takes over a killed server's lock", async () => {
    const first = run(['serve']);
    const url = await serving(first);
    expect(url, first.output()).toBeTruthy();
    const oneTime = /One-time password[^:]*: (\S+)/.exec(first.output())?.[1] ?? '';
    const initial = await signIn(url ?? '', 'admin@qiao.local', oneTime);
    expect(initial.status).toBe(200);
    const changed = await fetch(`${url}/api/auth/password`, { method: 'POST', headers: initial.headers, body: JSON.stringify({ currentPassword: oneTime, newPassword: NEW_PASSWORD }) });
    expect(changed.status).toBe(200);
    const admin = await signIn(url ?? '', 'admin@qiao.local', NEW_PASSWORD);
    const ids: string[] = [];
    for (let i = 1; i <= 10; i++) {
      const res = await fetch(`${url}/api/organizations`, { method: 'POST', headers: admin.headers, body: JSON.stringify({ names: [{ lang: 'en', value: `Institute ${i}` }], side: 'US', country: 'US', kind: 'university' }) });
      expect(res.status).toBe(201);
      ids.push(((await res.json()) as { id: string }).id);
    }

    const holder = new RegExp(`the data directory .+ is in use by process ${first.child.pid ?? 0} \\(qiao serve, started [^)]+\\); stop it first, or set DATABASE_URL to use PostgreSQL`);
    const second = run(['serve']);
    expect(await serving(second), 'a second server started beside the first').toBeNull();
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(holder);
    expect(second.output()).not.toMatch(/\n\s+at /);

    const create = run(['users', 'create', '--email', 'late@qiao.local', '--name', 'Late', '--side', 'US', '--password', NEW_PASSWORD]);
    expect(await create.exited).toBe(1);
    expect(create.output().trim()).toMatch(new RegExp(`^qiao: ${holder.source}$`));

    // Every other command that opens the embedded database refuses the same way, readers included.
    for (const args of [['lists', 'import', 'apps/server/src/modules/screening/fixtures/v1'], ['lists', 'show'], ['record', 'verify'], ['db', 'migrate']]) {
      const other = run(args);
      expect(await other.exited, args.join(' ')).toBe(1);
      expect(other.output().trim()).toMatch(new RegExp(`^qiao: ${holder.source}$`));
    }

    expect(await stop(first)).toBe(0);
    expect(existsSync(path.join(dataDir, 'db.lock'))).toBe(false);

    const again = run(['serve']);
    const url2 = (await serving(again)) ?? '';
    expect(url2, again.output()).toBeTruthy();
    const back = await signIn(url2, 'admin@qiao.local', NEW_PASSWORD);
    expect(back.status).toBe(200);
    for (const id of ids) expect((await fetch(`${url2}/api/organizations/${id}`, { headers: back.headers })).status).toBe(200);
    // The refused command wrote nothing.
    expect((await signIn(url2, 'late@qiao.local', NEW_PASSWORD)).status).toBe(401);

    // Killed outright, the server leaves its lock behind; the next start sees its process is gone.
    again.child.kill('SIGKILL');
    await again.exited;
    expect(existsSync(path.join(dataDir, 'db.lock'))).toBe(true);
    const third = run(['serve']);
    const url3 = (await serving(third)) ?? '';
    expect(url3, third.output()).toBeTruthy();
    expect(third.output()).toContain(`from process ${again.child.pid ?? 0} (qiao serve, started `);
    const last = await signIn(url3, 'admin@qiao.local', NEW_PASSWORD);
    for (const id of ids) expect((await fetch(`${url3}/api/organizations/${id}`, { headers: last.headers })).status).toBe(200);
    expect(await stop(third)).toBe(0);
  }, 300_000);
});
