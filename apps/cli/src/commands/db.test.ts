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
      expect(out.trim()).toMatch(new RegExp(`^${target.name}: backed up .+ to ${file.replace(/[.\\]/g, '\\$&')} \\(\\d+ bytes\\)$`));
      expect(await createUser('dropped@test.example'), err).toBe(0);
      expect(await emails()).toEqual(['dropped@test.example', 'kept@test.example']);

      expect(await qiao('db', 'restore', file), err).toBe(0);
      const lines = out.trim().split('\n');
      expect(lines[0]).toMatch(new RegExp(`^${target.name}: restored .+ into `));
      if (target.name === 'pglite') expect(lines[1]).toMatch(/^the database it replaced is in .+db\.replaced-.+; remove it once you have checked the restore$/);
      expect(lines.at(-1)).toMatch(/^(\d+)\/\1 migrations applied$/);
      expect(await emails()).toEqual(['kept@test.example']);
    }, 180_000);

    it('says in one line what is wrong with a missing or foreign file, and wants the file named', async () => {
      expect(await qiao('db', 'restore', path.join(dir, 'missing.backup'))).toBe(1);
      expect(err).toMatch(/^qiao: cannot read .+missing\.backup: .+ \[backup_unreadable\]\n$/);
      expect(await qiao('db', 'restore', path.join(repoRoot, 'package.json'))).toBe(1);
      expect(err).toMatch(/^qiao: .+package\.json is neither a Qiao embedded-database backup nor a pg_dump custom-format file \[backup_unreadable\]\n$/);
      expect(await qiao('db', 'backup')).toBe(2);
      expect(await emails()).toEqual(['kept@test.example']);
    });

    if (target.name === 'pglite') {
      it('refuses to back up or restore while a server holds the embedded database', async () => {
        const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', QIAO_DEMO: 'false', QIAO_LOG_LEVEL: 'warn' };
        const server = spawn(process.execPath, ['apps/cli/bin/qiao.js', 'serve'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        server.stdout.on('data', (c: Buffer) => (output += c.toString()));
        server.stderr.on('data', (c: Buffer) => (output += c.toString()));
        const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
        try {
          const deadline = Date.now() + 120_000;
          while (!output.includes('Qiao is serving') && server.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
          expect(output).toContain('Qiao is serving');
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
