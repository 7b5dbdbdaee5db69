import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_LIMIT, DEFAULT_THRESHOLD, type Match, type Matcher, type Query } from '@qiao/screening';
import { afterAll, describe, expect, it } from 'vitest';
import { readBatch } from './batch-input.ts';
import { matcherFromFiles } from './list-source.ts';
import { rowJson, screenRow, screenRows, type RowResult } from './screen.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../..');
const lists = 'packages/screening/test/fixtures/lists';
const dir = mkdtempSync(join(tmpdir(), 'qiao-cli-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Listed names, near misses and names listed nowhere; every fifth row repeats an earlier party.
const NAMES = ['Huawei Technologies', 'HUAWEI TECHNOLOGIES CO LTD', '华为技术有限公司', 'CHEN Quanguo', 'Quanguo Chen', 'Nobody Known Here', 'Hauwei Technologies', 'Zhongxing Trading'];
function batchFile(rows: number): string {
  const lines = ['id,name,type,country'];
  for (let i = 0; i < rows; i++) {
    const base = NAMES[i % NAMES.length] ?? '';
    const name = i % 5 === 4 ? base : `${base} ${i}`;
    lines.push(`r${i},"${name}",${i % 3 === 0 ? 'organization' : ''},${i % 7 === 0 ? 'CN' : ''}`);
  }
  const file = join(dir, `batch-${rows}.csv`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

function qiao(args: readonly string[], onStdout?: (child: ReturnType<typeof spawn>) => void): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['apps/cli/bin/qiao.js', ...args], { cwd: repoRoot });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      onStdout?.(child);
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

describe('qiao screen --batch output', () => {
  it('prints, byte for byte, what the engine answers for each row screened on its own', async () => {
    const file = batchFile(1500);
    const run = await qiao(['screen', '--batch', file, '--list', lists, '--json']);
    expect(run.status).toBe(0);
    // Each row screened on its own, with no reuse of a repeated party and no chunked printing.
    const matcher = matcherFromFiles([lists]);
    const expected = readBatch(file).map((row) => rowJson(screenRow(matcher, row, DEFAULT_THRESHOLD, DEFAULT_LIMIT)));
    expect(expected.some((l) => l.includes('"matches":[]'))).toBe(true);
    expect(expected.some((l) => l.includes('"recordId":"a1"'))).toBe(true);
    expect(run.stdout).toBe(`${expected.join('\n')}\n`);
  }, 120_000);

  it('stops quietly when the reader closes the pipe early (qiao screen --batch … | head)', async () => {
    const file = batchFile(6000);
    let closed = false;
    const run = await qiao(['screen', '--batch', file, '--list', lists, '--json'], (child) => {
      if (closed) return;
      closed = true;
      child.stdout?.destroy();
    });
    expect(closed).toBe(true);
    expect(run.stderr).not.toMatch(/EPIPE|unexpected error|Unhandled/);
    expect(run.status).toBe(0);
  }, 120_000);
});

describe('screenRows', () => {
  it('screens a recurring party once, hands every row over in order under its own id, and holds no result past its last row', () => {
    const matcher = matcherFromFiles([lists]);
    const queried: Query[] = [];
    const counting: Matcher = { size: matcher.size, add: () => {}, build: () => {}, match: (q, o) => (queried.push(q), matcher.match(q, o)) };
    const rows = [
      { id: 'a', name: 'Huawei Technologies' },
      { id: 'b', name: 'CHEN Quanguo', type: 'person' as const },
      { id: 'c', name: 'Huawei Technologies' },
      { id: 'd', name: 'Huawei Technologies', country: 'cn' },
      { id: 'e', name: 'Huawei Technologies' },
    ];
    const out: RowResult[] = [];
    screenRows(counting, rows, { threshold: DEFAULT_THRESHOLD, limit: DEFAULT_LIMIT }, (r, i) => {
      expect(i).toBe(out.length);
      out.push(r);
    });
    expect(out.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    // Another country is another party: three distinct parties, three queries.
    expect(queried.map((q) => `${q.name}/${q.country ?? ''}`)).toEqual(['Huawei Technologies/', 'CHEN Quanguo/', 'Huawei Technologies/cn']);
    const first = out[0]?.matches as Match[];
    expect(first[0]?.recordId).toBe('a1');
    expect(out[2]?.matches).toBe(first);
    expect(out[4]?.matches).toBe(first);
    // The default type applies to rows without one and is part of the party.
    queried.length = 0;
    screenRows(counting, [rows[0] as (typeof rows)[0], rows[0] as (typeof rows)[0]], { type: 'person', threshold: DEFAULT_THRESHOLD, limit: DEFAULT_LIMIT }, () => {});
    expect(queried).toEqual([{ name: 'Huawei Technologies', type: 'person', country: undefined }]);
  });
});
