import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ListVersion } from '@qiao/contracts';
import { openDatabase } from '@qiao/server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../main.ts';

// The server's list fixtures: v2 of test-us drops one of v1's five records (20%).
const FIXTURES = fileURLToPath(new URL('../../../server/src/modules/screening/fixtures', import.meta.url));

describe('qiao lists import --allow-shrink', () => {
  let dir: string;
  let out: string[];
  let err: string[];
  const saved = { dataDir: process.env.QIAO_DATA_DIR, databaseUrl: process.env.DATABASE_URL };
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'qiao-lists-'));
    // The command's own embedded database, in a folder of this test's.
    process.env.QIAO_DATA_DIR = dir;
    delete process.env.DATABASE_URL;
  });
  afterAll(async () => {
    if (saved.dataDir === undefined) delete process.env.QIAO_DATA_DIR;
    else process.env.QIAO_DATA_DIR = saved.dataDir;
    if (saved.databaseUrl !== undefined) process.env.DATABASE_URL = saved.databaseUrl;
    await rm(dir, { recursive: true, force: true });
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  async function run(...args: string[]): Promise<number> {
    out = [];
    err = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => out.push(String(s)) > 0);
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => err.push(String(s)) > 0);
    const code = await main(['node', 'qiao', 'lists', ...args]);
    vi.restoreAllMocks();
    return code;
  }
  const testUs = async () => {
    expect(await run('--json')).toBe(0);
    return (JSON.parse(out.join('')) as { items: ListVersion[] }).items.find((v) => v.listId === 'test-us');
  };

  it('refuses a shrinking import without the flag, changes nothing, and imports it with the flag (audited)', async () => {
    expect(await run('import', path.join(FIXTURES, 'v1'))).toBe(0);
    expect(out.join('')).toContain('test-us: imported version 1 (5 records');

    expect(await run('import', path.join(FIXTURES, 'v2'))).toBe(1);
    expect(err.join('')).toMatch(/^qiao: test-us: would remove 1 of 5 records; nothing was imported\..*--allow-shrink/);
    expect(await testUs()).toMatchObject({ version: 1, recordCount: 5 });

    expect(await run('import', path.join(FIXTURES, 'v2'), '--allow-shrink')).toBe(0);
    expect(out.join('')).toContain('test-us: imported version 2 (5 records; +1 added, −1 removed');
    expect(await testUs()).toMatchObject({ version: 2 });

    const database = await openDatabase({ kind: 'pglite', dataDir: path.join(dir, 'db') });
    try {
      const audit = await database.db.query.auditLog.findMany({ where: (a, { eq }) => eq(a.action, 'screening_list.import') });
      expect(audit.map((a) => (a.after as { shrink?: unknown }).shrink).filter(Boolean)).toEqual([{ confirmed: true, removed: 1, total: 5 }]);
    } finally {
      await database.close();
    }
  }, 240_000);

  it('takes --allow-shrink on update too, and bounds diff versions', async () => {
    expect(await run('update', '--help')).toBe(0);
    expect(out.join('')).toContain('--allow-shrink');
    expect(await run('diff', 'test-us', '--from', '99999999999')).toBe(2);
    expect(err.join('')).toMatch(/--from: /);
  }, 120_000);
});
