import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../..');
const fixtures = 'packages/screening/test/fixtures';
const lists = `${fixtures}/lists`;
const empty = mkdtempSync(join(tmpdir(), 'qiao-cli-'));
afterAll(() => rmSync(empty, { recursive: true, force: true }));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(args: readonly string[]): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['apps/cli/bin/qiao.js', ...args], { cwd: repoRoot, env: { ...process.env, QIAO_DATA_DIR: empty } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

// Every command starts together (each spawn pays the CLI start-up); the tests then read the results.
const COMMANDS = {
  single: ['screen', '华为技术有限公司', '--list', lists, '--json'],
  csvBatch: ['screen', '--batch', `${fixtures}/batch.csv`, '--list', lists, '--list', `${fixtures}/cons`, '--json'],
  jsonlBatch: ['screen', '--batch', `${fixtures}/batch.jsonl`, '--list', lists, '--json'],
  badHeader: ['screen', '--batch', `${fixtures}/batch-bad-header.csv`, '--list', lists],
  badList: ['screen', 'x', '--list', `${fixtures}/bad/truncated.ftm.json`],
  noList: ['screen', 'x'],
  badThreshold: ['screen', 'x', '--list', lists, '--threshold', '2'],
  compare: ['compare', 'Quanguo Chen', 'CHEN, Quanguo', '--type', 'person', '--json'],
  pairs: ['compare', '--pairs', `${fixtures}/pairs.csv`, '--json'],
} as const;
const results = new Map<keyof typeof COMMANDS, Run>();
beforeAll(async () => {
  const entries = Object.entries(COMMANDS) as [keyof typeof COMMANDS, readonly string[]][];
  const runs = await Promise.all(entries.map(([, args]) => run(args)));
  entries.forEach(([name], i) => results.set(name, runs[i] as Run));
}, 120_000);

function qiao(name: keyof typeof COMMANDS): Run {
  const r = results.get(name);
  if (!r) throw new Error(`no result for ${name}`);
  return r;
}

const jsonLines = (s: string): Record<string, unknown>[] =>
  s
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

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

  it('runs a CSV batch in input order, with error rows and the rest still screened', () => {
    const r = qiao('csvBatch');
    expect(r.status).toBe(0);
    const rows = jsonLines(r.stdout);
    expect(rows.map((x) => x.id)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r6']);
    expect(rows[1]).toEqual({ id: 'r2', name: '', error: { id: 'invalid_row', message: 'name: name is empty' } });
    expect(rows[4]?.error).toMatchObject({ id: 'invalid_row' });
    expect((rows[0]?.matches as { recordId: string }[])[0]?.recordId).toBe('a1');
    expect((rows[2]?.matches as { recordId: string }[])[0]?.recordId).toBe('a4');
    expect(rows[3]?.matches).toEqual([]);
    expect((rows[5]?.matches as { recordId: string }[])[0]?.recordId).toBe('a1');
  });

  it('runs a JSON-lines batch; a line that is not JSON becomes an error row', () => {
    const r = qiao('jsonlBatch');
    const rows = jsonLines(r.stdout);
    expect(rows.map((x) => x.id)).toEqual(['j1', 'j2', 'line-3', 'j4']);
    expect((rows[0]?.matches as { recordId: string }[])[0]?.recordId).toBe('a5');
    expect(rows[2]?.error).toMatchObject({ id: 'invalid_json' });
  });

  it('exits 2 when the batch CSV has no name column', () => {
    const r = qiao('badHeader');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/qiao: .*must have a "name" column/);
  });

  it('exits 1 naming file and line for a malformed list', () => {
    const bad = qiao('badList');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/truncated\.ftm\.json:2: invalid JSON/);
  });

  it('exits 2 without lists and for a bad option', () => {
    const none = qiao('noList');
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/pass --list PATH/);
    const threshold = qiao('badThreshold');
    expect(threshold.status).toBe(2);
    expect(threshold.stderr).toMatch(/--threshold/);
  });
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
