// Starts the real server (`qiao serve`) on a free port with a fresh data directory, so the specs see
// the seeded demo data and nothing else; stops it and removes the directory afterwards.
// Set QIAO_E2E_BASE_URL to run the specs against a server that is already running instead.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import './provided.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const STARTUP_TIMEOUT_MS = 90_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The server serves apps/web/dist; build it once if this run starts from a clean tree. */
function ensureWebBuilt(): void {
  if (existsSync(path.join(repoRoot, 'apps/web/dist/index.html'))) return;
  const build = spawnSync('npm', ['run', 'build', '-w', '@qiao/web'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('building apps/web failed; run `npm run build:web` to see why');
}

async function waitForHealth(baseUrl: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`qiao serve exited with ${child.exitCode}:\n${log()}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`qiao serve did not answer /api/health within ${STARTUP_TIMEOUT_MS / 1000}s:\n${log()}`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.QIAO_E2E_BASE_URL;
  if (external) {
    project.provide('baseUrl', external.replace(/\/$/, ''));
    return () => Promise.resolve();
  }

  ensureWebBuilt();
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'qiao-e2e-data-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = '';
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    QIAO_DATA_DIR: dataDir,
    QIAO_LOG_LEVEL: 'warn',
    // The specs sign the same demo accounts in many times within one 15-minute window; the limit
    // itself is exercised by sign-in-errors.spec.ts, which guesses until it is refused.
    QIAO_SIGNIN_LIMIT: '40',
  };
  // The browser suite runs on the embedded database; the PostgreSQL run is the DB suites' job.
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['apps/cli/bin/qiao.js', 'serve'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk: Buffer) => {
    // Keep the tail only: enough to explain a failed start without holding a whole run's log.
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  try {
    await waitForHealth(baseUrl, child, () => output);
  } catch (error) {
    await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  project.provide('baseUrl', baseUrl);

  return async () => {
    await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
  };
}
