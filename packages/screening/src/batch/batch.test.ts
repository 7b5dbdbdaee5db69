import { describe, expect, it } from 'vitest';
import { GOOD_BATCH, HOSTILE_BATCHES } from '../../test/batch-hostile.ts';
import { BatchFileError, parseBatch } from './batch.ts';

function refusal(text: string, maxRows?: number): BatchFileError {
  try {
    parseBatch(text, { maxRows });
  } catch (err: unknown) {
    if (err instanceof BatchFileError) return err;
    throw err;
  }
  throw new Error('expected a BatchFileError');
}

describe('parseBatch', () => {
  it('reads CSV with BOM, CRLF, any column order and case, quoted commas and blank cells', () => {
    expect(parseBatch(GOOD_BATCH)).toEqual({
      format: 'csv',
      rows: [
        { line: 2, id: 'r1', name: '华为技术有限公司', type: 'organization', country: 'CN' },
        { line: 3, id: 'r2', name: 'Doe, Jane', type: null, country: null },
      ],
    });
  });

  it('reads JSON lines with numeric ids, skipping blank lines and keeping line numbers', () => {
    expect(parseBatch('{"id":7,"name":"ZTE","type":"Organization","country":"cn"}\r\n\r\n{"name":"Jane Doe","type":null}\n').rows).toEqual([
      { line: 1, id: '7', name: 'ZTE', type: 'organization', country: 'CN' },
      { line: 3, id: null, name: 'Jane Doe', type: null, country: null },
    ]);
  });

  it.each(HOSTILE_BATCHES.map((h) => [h.name, h] as const))('refuses the whole file for %s, naming every bad line', (_name, h) => {
    expect(refusal(h.text).lines).toEqual(h.lines);
  });

  it('counts a name in characters, not UTF-16 units, and refuses more rows than allowed', () => {
    expect(parseBatch(`name\n${'𠀀'.repeat(300)}\n`).rows[0]?.name).toHaveLength(600);
    expect(refusal('name\na\nb\nc\n', 2).lines).toEqual([{ line: 4, message: 'at most 2 rows per batch; split the file' }]);
  });
});
