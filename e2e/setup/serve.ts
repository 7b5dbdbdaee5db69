// The real server (`qiao serve`) as a child process: the one the global setup starts for every spec,
// and the ones a spec starts of its own (a server that mails, two federated nodes). One place knows
// how to start it, wait for it to answer and stop it.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../apps/server/src/testing/net.ts';

export { freePort };

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The settings every browser-test server runs with, on `port` and `dataDir`, plus `extra`. The embedded
 * database unless `extra` names a DATABASE_URL (the PostgreSQL run is the DB suites' job).
 */
export function serveEnv(port: number, dataDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    QIAO_DATA_DIR: dataDir,
    QIAO_LOG_LEVEL: 'warn',
    // The specs sign the same demo accounts in many times within one 15-minute window; the limit
    // itself is exercised by sign-in-errors.spec.ts, which guesses until it is refused.
    QIAO_SIGNIN_LIMIT: '40',
  };
  delete env.DATABASE_URL;
  return { ...env, ...extra };
}

export interface ServeProcess {
  /** Origin the server answers on, e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  child: ChildProcess;
  /** The tail of its output, to explain a failure. */
  output: () => string;
  /** SIGTERM, SIGKILL after 10 s; resolves once it has exited. */
  stop: () => Promise<void>;
}

function stopChild(child: ChildProcess): Promise<void> {
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

/**
 * Starts `qiao serve` with `env` (see serveEnv) and waits until /api/health answers; a server that
 * exits or does not answer within `timeoutMs` is stopped and the start fails with its output.
 */
export async function startServe(env: NodeJS.ProcessEnv, opts: { timeoutMs?: number; label?: string } = {}): Promise<ServeProcess> {
  const label = opts.label ?? 'qiao serve';
  const baseUrl = `http://127.0.0.1:${env.PORT ?? ''}`;
  const child = spawn(process.execPath, ['apps/cli/bin/qiao.js', 'serve'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    // Keep the tail only: enough to explain a failed start without holding a whole run's log.
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const server: ServeProcess = { baseUrl, child, output: () => output, stop: () => stopChild(child) };
  const timeoutMs = opts.timeoutMs ?? 90_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${label} exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) return server;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`${label} did not answer /api/health within ${timeoutMs / 1000}s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
