// Starts the real server (`qiao serve`) on a free port with a fresh data directory, so the specs see
// the seeded demo data and nothing else; stops it and removes the directory afterwards.
// Set QIAO_E2E_BASE_URL to run the specs against a server that is already running instead.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort, repoRoot, serveEnv, startServe } from './serve.ts';
import './provided.ts';

/** The server serves apps/web/dist; build it once if this run starts from a clean tree. */
function ensureWebBuilt(): void {
  if (existsSync(path.join(repoRoot, 'apps/web/dist/index.html'))) return;
  const build = spawnSync('npm', ['run', 'build', '-w', '@qiao/web'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('building apps/web failed; run `npm run build:web` to see why');
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.QIAO_E2E_BASE_URL;
  if (external) {
    project.provide('baseUrl', external.replace(/\/$/, ''));
    return () => Promise.resolve();
  }

  ensureWebBuilt();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'qiao-e2e-data-'));
  let server;
  try {
    server = await startServe(serveEnv(await freePort(), dataDir));
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  project.provide('baseUrl', server.baseUrl);

  return async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
