import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { contentHashOf, entryHashOf, GENESIS_HASH, RECORD_CANONICALIZATION, RECORD_FORMULA, type RecordEntry, type RecordExport } from '@qiao/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '@qiao/server';
import { main } from '../main.ts';
import { formatReport, verifyDatabase } from './record.ts';

/** Builds a valid export the way the server does, from the documented formula alone. */
async function buildExport(): Promise<RecordExport> {
  const entries: RecordEntry[] = [];
  let prevHash = GENESIS_HASH;
  const contents = [{ minutesId: 'm1', body: { en: 'Both sides met.', zh: '双方会面。' } }, { decisionId: 'd1', text: { en: 'Share data', zh: '共享数据' } }, { decisionId: 'd2', text: { en: 'Meet in spring' } }];
  for (const [i, content] of contents.entries()) {
    const seq = i + 1;
    const recordedAt = `2026-05-0${seq}T09:00:00.000Z`;
    const contentHash = await contentHashOf(content);
    const hash = await entryHashOf(prevHash, contentHash, seq, recordedAt);
    entries.push({ seq, groupId: 'g1', kind: i === 0 ? 'minutes' : 'decision', entityId: `e${seq}`, recordedAt, content, contentHash, prevHash, hash });
    prevHash = hash;
  }
  const last = entries.at(-1);
  return { format: 'qiao-record', formatVersion: 1, exportedAt: '2026-05-04T00:00:00.000Z', hashAlgorithm: 'sha256', formula: RECORD_FORMULA, canonicalization: RECORD_CANONICALIZATION, head: last ? { seq: last.seq, hash: last.hash } : null, entries };
}

describe('qiao record verify', () => {
  let dir: string;
  let out: string[];
  let err: string[];
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'qiao-record-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  async function run(file: object | string | null, ...flags: string[]): Promise<number> {
    out = [];
    err = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => out.push(String(s)) > 0);
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => err.push(String(s)) > 0);
    const args = ['node', 'qiao', 'record', 'verify', ...flags];
    if (file !== null) {
      const p = path.join(dir, `export-${Math.random().toString(36).slice(2)}.json`);
      await writeFile(p, typeof file === 'string' ? file : JSON.stringify(file));
      args.push('--file', p);
    }
    const code = await main(args);
    vi.restoreAllMocks();
    return code;
  }

  it('exits 0 on an intact export and prints the head', async () => {
    const file = await buildExport();
    expect(await run(file)).toBe(0);
    expect(out.join('')).toMatch(/^record intact: 3 entries verified/);
    expect(await run(file, '--json')).toBe(0);
    expect(JSON.parse(out.join(''))).toMatchObject({ ok: true, entries: 3, head: { seq: 3, hash: file.head?.hash } });
  });

  it('exits 1 and names the first break for an edited, deleted or reordered entry', async () => {
    const edited = await buildExport();
    (edited.entries[1]?.content as { text: { en: string } }).text.en = 'Share nothing';
    expect(await run(edited)).toBe(1);
    expect(out.join('')).toMatch(/first break at entry 2 \(position 1\): content_hash_mismatch/);
    expect(err.join('')).toMatch(/record verification failed at entry 2/);

    const deleted = await buildExport();
    deleted.entries.splice(1, 1);
    expect(await run(deleted, '--json')).toBe(1);
    expect(JSON.parse(out.join(''))).toMatchObject({ ok: false, firstBreak: { seq: 3, index: 1, reason: 'seq_gap' } });

    const reordered = await buildExport();
    reordered.entries.reverse();
    expect(await run(reordered, '--json')).toBe(1);
    expect(JSON.parse(out.join(''))).toMatchObject({ ok: false, firstBreak: { index: 0, reason: 'seq_order' } });

    const truncated = await buildExport();
    truncated.entries.pop();
    expect(await run(truncated, '--json')).toBe(1);
    expect(JSON.parse(out.join(''))).toMatchObject({ firstBreak: { reason: 'head_mismatch' } });
  });

  it('refuses a file that is not an export with a clear message', async () => {
    expect(await run('not json')).toBe(1);
    expect(err.join('')).toMatch(/not JSON/);
    expect(await run({ format: 'something-else', entries: [] })).toBe(1);
    expect(err.join('')).toMatch(/not a Qiao record export \(format: /);
  });

  it('verifies the platform database when no file is given', async () => {
    const result = await verifyDatabase(() => openDatabase({ kind: 'pglite', dataDir: null }));
    expect(result).toMatchObject({ source: 'pglite database', report: { ok: true, entries: 0 } });
    expect(formatReport(result, false)).toBe('record intact: 0 entries verified (pglite database)');
  }, 60_000);
});
