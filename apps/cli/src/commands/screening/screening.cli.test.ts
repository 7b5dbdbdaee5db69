import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '@qiao/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HOSTILE_BATCHES } from '../../../../../packages/screening/test/batch-hostile.ts';
import { main } from '../../main.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../..');
const fixtures = 'packages/screening/test/fixtures';
const lists = `${fixtures}/lists`;
const empty = mkdtempSync(join(tmpdir(), 'qiao-cli-'));
const imported = mkdtempSync(join(tmpdir(), 'qiao-cli-db-'));
const hostileDir = mkdtempSync(join(tmpdir(), 'qiao-cli-batch-'));
afterAll(() => {
  for (const d of [empty, imported, hostileDir]) rmSync(d, { recursive: true, force: true });
});

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(args: readonly string[], dataDir = empty): Promise<Run> {
  return new Promise((done) => {
    const env: NodeJS.ProcessEnv = { ...process.env, QIAO_DATA_DIR: dataDir, QIAO_DEMO: 'false', QIAO_LOG_LEVEL: 'warn' };
    // The embedded database and its one-process lock are the subject of the database cases.
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, ['apps/cli/bin/qiao.js', ...args], { cwd: repoRoot, env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

const hostileFile = (i: number) => join(hostileDir, `hostile-${i}.${HOSTILE_BATCHES[i]?.text.trimStart().startsWith('{') ? 'jsonl' : 'csv'}`);
HOSTILE_BATCHES.forEach((h, i) => writeFileSync(hostileFile(i), h.text));

// Every command starts together (each spawn pays the CLI start-up); the tests then read the results.
const COMMANDS = {
  single: ['screen', '华为技术有限公司', '--list', lists, '--json'],
  csvBatch: ['screen', '--batch', `${fixtures}/batch.csv`, '--list', lists, '--list', `${fixtures}/cons`, '--json'],
  jsonlBatch: ['screen', '--batch', `${fixtures}/batch.jsonl`, '--list', lists, '--json'],
  badList: ['screen', 'x', '--list', `${fixtures}/bad/truncated.ftm.json`],
  noList: ['screen', 'x'],
  badThreshold: ['screen', 'x', '--list', lists, '--threshold', '2'],
  compare: ['compare', 'Quanguo Chen', 'CHEN, Quanguo', '--type', 'person', '--json'],
  pairs: ['compare', '--pairs', `${fixtures}/pairs.csv`, '--json'],
  importLists: ['lists', 'import', lists],
} as const;
const results = new Map<string, Run>();
beforeAll(async () => {
  const entries = Object.entries(COMMANDS) as [keyof typeof COMMANDS, readonly string[]][];
  const runs = await Promise.all(entries.map(([name, args]) => run(args, name === 'importLists' ? imported : empty)));
  entries.forEach(([name], i) => results.set(name, runs[i] as Run));
  // Screening the imported lists (no --list) needs the import done first, and one process at a time.
  results.set('dbSingle', await run(['screen', '华为技术有限公司', '--json'], imported));
  results.set('dbBatch', await run(['screen', '--batch', `${fixtures}/batch.csv`, '--json'], imported));
}, 240_000);

function qiao(name: string): Run {
  const r = results.get(name);
  if (!r) throw new Error(`no result for ${name}`);
  return r;
}

const jsonLines = (s: string): Record<string, unknown>[] =>
  s
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

const firstRecord = (row: Record<string, unknown> | undefined) => (row?.matches as { recordId: string }[] | undefined)?.[0]?.recordId;

describe('qiao screen', () => {
  it('screens one name and prints the JSON contract, warning about the descriptor on stderr', () => {
    const r = qiao('single');
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('index.json: skipped');
    const [row] = jsonLines(r.stdout);
    const matches = row?.matches as Record<string, unknown>[];
    expect(matches[0]).toMatchObject({ listId: 'fixture-csl', recordId: 'a1', name: 'Huawei Technologies Co. Ltd.', entityName: 'Huawei Technologies Co. Ltd.' });
    expect(Object.keys(matches[0] ?? {}).slice(0, 6)).toEqual(['listId', 'recordId', 'name', 'entityName', 'score', 'explanation']);
    expect(matches[0]?.records).toEqual([
      { listId: 'fixture-csl', recordId: 'a1', programs: ['Entity List (EL) - Bureau of Industry and Security'] },
      { listId: 'fixture-csl', recordId: 'a2', programs: ['Military End User (MEU) List - Bureau of Industry and Security'] },
    ]);
  });

  it('runs a CSV batch in input order', () => {
    const r = qiao('csvBatch');
    expect(r.status).toBe(0);
    const rows = jsonLines(r.stdout);
    expect(rows.map((x) => x.id)).toEqual(['r1', 'r3', 'r4', 'r6']);
    expect(firstRecord(rows[0])).toBe('a1');
    expect(firstRecord(rows[1])).toBe('a4');
    expect(rows[2]?.matches).toEqual([]);
    expect(firstRecord(rows[3])).toBe('a1');
  });

  it('runs a JSON-lines batch; rows without an id are named by their line', () => {
    const r = qiao('jsonlBatch');
    expect(r.status).toBe(0);
    const rows = jsonLines(r.stdout);
    expect(rows.map((x) => x.id)).toEqual(['j1', 'j2', '4']);
    expect(firstRecord(rows[0])).toBe('a5');
  });

  // The same files the server's batch upload refuses (batch.csv.test.ts), with the same lines.
  // In this process: the file is refused before any list is read, so no start-up is worth a spawn.
  it.each(HOSTILE_BATCHES.map((h, i) => [h.name, i] as const))('refuses a batch with %s: exit 2, every bad line named, nothing screened', async (_name, i) => {
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((x) => out.push(String(x)) > 0);
    vi.spyOn(process.stderr, 'write').mockImplementation((x) => err.push(String(x)) > 0);
    let status: number;
    try {
      status = await main(['node', 'qiao', 'screen', '--batch', hostileFile(i), '--list', lists]);
    } finally {
      vi.restoreAllMocks();
    }
    const r = { status, stdout: out.join(''), stderr: err.join('') };
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('nothing was screened');
    for (const l of HOSTILE_BATCHES[i]?.lines ?? []) expect(r.stderr).toContain(`${hostileFile(i)}:${l.line}: ${l.message}`);
  });

  it('exits 1 naming file and line for a malformed list', () => {
    const bad = qiao('badList');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/truncated\.ftm\.json:2: invalid JSON/);
  });

  it('exits 2 without imported lists or --list, creating no database, and for a bad option', () => {
    const none = qiao('noList');
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/no lists to screen against: import them with `qiao lists import/);
    const threshold = qiao('badThreshold');
    expect(threshold.status).toBe(2);
    expect(threshold.stderr).toMatch(/--threshold/);
  });
});

describe('qiao screen against the imported lists', () => {
  it('reads the list versions in force from the platform database, as the server does', () => {
    expect(qiao('importLists').status).toBe(0);
    const single = qiao('dbSingle');
    expect(single.status, single.stderr).toBe(0);
    const matches = jsonLines(single.stdout)[0]?.matches as Record<string, unknown>[];
    expect(matches[0]).toMatchObject({ listId: 'fixture-csl', recordId: 'a1', name: 'Huawei Technologies Co. Ltd.' });
    const batch = qiao('dbBatch');
    expect(batch.status).toBe(0);
    expect(jsonLines(batch.stdout).map(firstRecord)).toEqual(['a1', 'a4', undefined, 'a1']);
  });

  it('refuses while another process holds the embedded database, as every database command does', async () => {
    const held = await openDatabase({ kind: 'pglite', dataDir: join(imported, 'db') }, { log: () => {} });
    try {
      const r = await run(['screen', '华为技术有限公司'], imported);
      expect(r.status).toBe(1);
      expect(r.stderr.trim()).toMatch(new RegExp(`^qiao: the data directory .+ is in use by process ${process.pid} .*stop it first, or set DATABASE_URL to use PostgreSQL$`));
      expect(r.stdout).toBe('');
    } finally {
      await held.close();
    }
  }, 60_000);
});

describe('qiao compare', () => {
  it('compares two names and a pairs file', () => {
    const one = qiao('compare');
    expect(one.status).toBe(0);
    expect(jsonLines(one.stdout)[0]).toMatchObject({ score: 1, match: true });
    const pairs = jsonLines(qiao('pairs').stdout);
    expect(pairs.map((p) => p.match)).toEqual([true, true, false, undefined]);
    expect(pairs[3]?.error).toMatchObject({ id: 'invalid_row' });
  });
});
