import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, openDatabase } from '@qiao/server';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPostgresDatabase, dbTargets } from '../../../server/src/testing/db.ts';
import { main } from '../main.ts';

const repoRoot = fileURLToPath(new URL('../../../..', import.meta.url));
const PASSWORD = 'a sturdy bridge over the river';

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`qiao db backup and restore on ${target.name}`, () => {
    let dir: string;
    let out: string;
    let err: string;
    const saved = { dataDir: process.env.QIAO_DATA_DIR, databaseUrl: process.env.DATABASE_URL, logLevel: process.env.QIAO_LOG_LEVEL };
    beforeAll(async () => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'qiao-db-cli-'));
      process.env.QIAO_DATA_DIR = path.join(dir, 'data');
      process.env.QIAO_LOG_LEVEL = 'silent';
      if (target.name === 'postgres') process.env.DATABASE_URL = await createPostgresDatabase();
      else delete process.env.DATABASE_URL;
    });
    afterAll(() => {
      for (const [key, value] of [
        ['QIAO_DATA_DIR', saved.dataDir],
        ['DATABASE_URL', saved.databaseUrl],
        ['QIAO_LOG_LEVEL', saved.logLevel],
      ] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      rmSync(dir, { recursive: true, force: true });
    });
    afterEach(() => vi.restoreAllMocks());

    async function qiao(...args: string[]): Promise<number> {
      out = '';
      err = '';
      vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out += String(s)).length > 0);
      vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err += String(s)).length > 0);
      const code = await main(['node', 'qiao', ...args]);
      vi.restoreAllMocks();
      return code;
    }
    const createUser = (email: string) => qiao('users', 'create', '--email', email, '--name', 'Backup test', '--side', 'US', '--password', PASSWORD);
    async function emails(): Promise<string[]> {
      const database = await openDatabase(loadConfig().database);
      try {
        const res: unknown = await database.db.execute(sql`select email from users order by email`);
        return (res as { rows: { email: string }[] }).rows.map((r) => r.email);
      } finally {
        await database.close();
      }
    }

    // The embedded database is migrated from nothing by the first command, which takes a while.
    it('backs up to a file and restores it, dropping what was written in between', async () => {
      expect(await createUser('kept@test.example'), err).toBe(0);
      const file = path.join(dir, 'qiao.backup');
      expect(await qiao('db', 'backup', file), err).toBe(0);
      const made = out.trim().split('\n');
      expect(made[0]).toMatch(new RegExp(`^${target.name}: backed up .+ to ${file.replace(/[.\\]/g, '\\$&')} \\(\\d+ bytes\\)$`));
      expect(made[1]).toBe('0 dataset file(s), 0 bytes, in the backup');
      expect(await createUser('dropped@test.example'), err).toBe(0);
      expect(await emails()).toEqual(['dropped@test.example', 'kept@test.example']);

      expect(await qiao('db', 'restore', file), err).toBe(0);
      const lines = out.trim().split('\n');
      expect(lines[0]).toMatch(new RegExp(`^${target.name}: restored .+ into `));
      if (target.name === 'pglite') expect(lines[1]).toMatch(/^the database it replaced is in .+db\.replaced-.+; remove it once you have checked the restore$/);
      expect(lines.at(-1)).toMatch(/^(\d+)\/\1 migrations applied$/);
      expect(lines.at(-2)).toBe('0 dataset file(s), 0 bytes, in the backup: 0 added to the store, the others already there');
      expect(await emails()).toEqual(['kept@test.example']);
    }, 180_000);

    it('says in one line what is wrong with a missing or foreign file, and wants the file named', async () => {
      expect(await qiao('db', 'restore', path.join(dir, 'missing.backup'))).toBe(1);
      expect(err).toMatch(/^qiao: cannot read .+missing\.backup: .+ \[backup_unreadable\]\n$/);
      expect(await qiao('db', 'restore', path.join(repoRoot, 'package.json'))).toBe(1);
      expect(err).toMatch(/^qiao: .+package\.json is neither a Qiao backup nor a pg_dump custom-format file \[backup_unreadable\]\n$/);
      expect(await qiao('db', 'backup')).toBe(2);
      expect(await emails()).toEqual(['kept@test.example']);
    });

    /** `qiao serve` as a child process, once it is serving. */
    async function startNode(extra: NodeJS.ProcessEnv = {}) {
      const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', QIAO_DEMO: 'false', QIAO_LOG_LEVEL: 'warn', ...extra };
      const server = spawn(process.execPath, ['apps/cli/bin/qiao.js', 'serve'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      server.stdout.on('data', (c: Buffer) => (output += c.toString()));
      server.stderr.on('data', (c: Buffer) => (output += c.toString()));
      const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
      const deadline = Date.now() + 120_000;
      while (!output.includes('Qiao is serving') && server.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      return { server, exited, output: () => output };
    }

    if (target.name === 'postgres') {
      it('refuses to restore while a node runs on the database, naming it, and restores once the node is gone, even killed', async () => {
        const file = path.join(dir, 'qiao.backup');
        const { server, exited, output } = await startNode({ QIAO_NODE_ID: 'restore-test-node' });
        try {
          expect(output()).toContain('Qiao is serving');
          expect(await createUser('while-running@test.example'), err).toBe(0);
          expect(await qiao('db', 'restore', file)).toBe(1);
          expect(err).toMatch(
            new RegExp(`^qiao: 1 Qiao node\\(s\\) are running on this database \\(qiao node restore-test-node pid ${server.pid ?? 0}( from [0-9a-f.:]+)? since [^)]+\\); stop every node before restoring, nothing was changed \\[restore_nodes_running\\]\\n$`),
          );
          expect(out).toBe('');
          expect(await emails()).toEqual(['kept@test.example', 'while-running@test.example']);
          // A backup while the node runs is fine: it reads one snapshot.
          expect(await qiao('db', 'backup', path.join(dir, 'while-running.backup')), err).toBe(0);
        } finally {
          // Killed outright: PostgreSQL drops its connection with the process, so nothing is left to wait for.
          server.kill('SIGKILL');
          await exited;
        }
        let code = await qiao('db', 'restore', file);
        const deadline = Date.now() + 10_000;
        while (code !== 0 && err.includes('[restore_nodes_running]') && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 200));
          code = await qiao('db', 'restore', file);
        }
        expect(code, err).toBe(0);
        expect(await emails()).toEqual(['kept@test.example']);
      }, 180_000);
    }

    if (target.name === 'pglite') {
      it('refuses to back up or restore while a server holds the embedded database', async () => {
        const { server, exited, output } = await startNode();
        try {
          expect(output()).toContain('Qiao is serving');
          const holder = new RegExp(`^qiao: the data directory .+ is in use by process ${server.pid ?? 0} \\(qiao serve, started [^)]+\\); stop it first, or set DATABASE_URL to use PostgreSQL\\n$`);
          const file = path.join(dir, 'while-serving.backup');
          expect(await qiao('db', 'backup', file)).toBe(1);
          expect(err).toMatch(holder);
          expect(existsSync(file)).toBe(false);
          expect(await qiao('db', 'restore', path.join(dir, 'qiao.backup'))).toBe(1);
          expect(err).toMatch(holder);
        } finally {
          server.kill('SIGTERM');
          const force = setTimeout(() => server.kill('SIGKILL'), 20_000);
          await exited;
          clearTimeout(force);
        }
      }, 180_000);
    }
  });
}
