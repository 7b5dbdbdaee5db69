import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSyntheticFtm } from '../../bench/synthetic-ftm.ts';
import type { ListRecord } from '../types.ts';
import { ListFormatError } from '../types.ts';
import { loadListFiles, streamListFiles } from './load.ts';
import { streamLines, type ListStream } from './stream.ts';

const dir = mkdtempSync(join(tmpdir(), 'qiao-scale-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A file read through a small reused buffer, as the CLI reads list files. */
function fileStream(path: string, size = 64 * 1024): ListStream {
  return {
    path,
    *chunks() {
      const fd = openSync(path, 'r');
      const buf = new Uint8Array(size);
      try {
        for (;;) {
          const n = readSync(fd, buf, 0, size, null);
          if (n === 0) return;
          yield buf.subarray(0, n);
        }
      } finally {
        closeSync(fd);
      }
    },
  };
}

const bytes = (s: string) => new TextEncoder().encode(s);
const chunked = (s: string, size: number): ListStream => ({
  path: 'x.ftm.json',
  *chunks() {
    const b = bytes(s);
    for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
  },
});

describe('large FollowTheMoney exports', () => {
  it('loads 400,000 entities from one file, whole or streamed, to the same records', () => {
    const path = join(dir, 'big.ftm.json');
    const fd = openSync(path, 'w');
    const summary = writeSyntheticFtm((chunk) => writeSync(fd, chunk), 400_000);
    closeSync(fd);
    const whole = loadListFiles([{ path, contents: readFileSync(path) }]);
    expect(whole.lists).toEqual([{ listId: 'big', file: path, format: 'ftm', records: 400_000 }]);
    expect(whole.records.length).toBe(400_000);
    expect(whole.records.reduce((n, r) => n + 1 + r.aliases.length, 0)).toBe(summary.names);
    const streamed: ListRecord[] = [];
    const result = streamListFiles([fileStream(path)], (r) => streamed.push(r));
    expect(result.lists).toEqual(whole.lists);
    expect(streamed.length).toBe(400_000);
    for (const i of [0, 1, 12_345, 399_999]) expect(streamed[i]).toEqual(whole.records[i]);
  }, 120_000);
});

describe('streamed lines', () => {
  const text = '\ufeff{"a":1}\r\n\r\n{"b":"日本語"}\n{"c":3}\u001a\n';
  it.each([1, 2, 3, 7, 1024])('splits lines across chunk borders (chunks of %i bytes), numbering them and dropping BOM, CR and Ctrl-Z', (size) => {
    expect([...streamLines('x', chunked(text, size).chunks())]).toEqual([
      { line: 1, text: '{"a":1}' },
      { line: 3, text: '{"b":"日本語"}' },
      { line: 4, text: '{"c":3}' },
    ]);
  });

  it('names the file and line of a truncated entity in a streamed file', () => {
    const good = JSON.stringify({ id: 'e1', schema: 'Person', caption: 'Ivan Petrov', properties: { name: ['Ivan Petrov'] } });
    const path = join(dir, 'truncated.ftm.json');
    writeFileSync(path, `${good}\n${good.replace('e1', 'e2')}\n${good.slice(0, 30)}\n`);
    let err: unknown;
    try {
      streamListFiles([fileStream(path, 16)], () => {});
    } catch (e: unknown) {
      err = e;
    }
    expect(err).toBeInstanceOf(ListFormatError);
    expect((err as ListFormatError).line).toBe(3);
  });

  it('reads a streamed file that is not JSON lines whole, by its content', () => {
    const csv = '_id,source,name,alt_names\nc1,Entity List (EL) - Bureau of Industry and Security,Example Trading Ltd.,ETL\n';
    const records: ListRecord[] = [];
    const result = streamListFiles([{ ...chunked(csv, 5), path: 'csl.csv' }], (r) => records.push(r));
    expect(result.lists[0]?.format).toBe('csl-csv');
    expect(records.map((r) => [r.recordId, r.name, r.aliases])).toEqual([['c1', 'Example Trading Ltd.', ['ETL']]]);
  });
});
