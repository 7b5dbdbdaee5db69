import { ListFormatError } from '@qiao/screening';
import { describe, expect, it } from 'vitest';
import { parseBatchCsv } from './batch.csv.ts';
import { fixtureFiles } from './fixtures/fixtures.ts';
import { parseListFiles, stableJson } from './list-files.ts';

describe('reading list files into versions', () => {
  it('takes ids and metadata from the descriptor, keeps source details and hashes each record', () => {
    const { lists } = parseListFiles(fixtureFiles('v1'));
    const us = lists.find((l) => l.listId === 'test-us');
    expect(us).toMatchObject({ side: 'US', authority: 'US Department of Commerce (test fixture)', format: 'csl-csv', files: ['test-us.csv'] });
    const huawei = us?.records.find((r) => r.recordId === 'rec-huawei');
    expect(huawei).toMatchObject({ sourceUrl: expect.stringContaining('ecfr.gov') as unknown, details: { addresses: 'Bantian Huawei Base, Longgang District, Shenzhen, CN' } });
    const cn = lists.find((l) => l.listId === 'test-cn');
    expect(cn?.records.find((r) => r.recordId === 'cn-lockheed')?.chineseNames).toEqual(['洛克希德·马丁公司']);
  });

  it('changes the material hash for a new alias but not for a new address; the checksum ignores folders', () => {
    const v1 = parseListFiles(fixtureFiles('v1')).lists.find((l) => l.listId === 'test-us');
    const v2 = parseListFiles(fixtureFiles('v2')).lists.find((l) => l.listId === 'test-us');
    const pick = (l: typeof v1, id: string) => l?.records.find((r) => r.recordId === id);
    expect(pick(v1, 'rec-hit')?.materialHash).not.toBe(pick(v2, 'rec-hit')?.materialHash);
    expect(pick(v1, 'rec-beihang')?.materialHash).toBe(pick(v2, 'rec-beihang')?.materialHash);
    expect(pick(v1, 'rec-beihang')?.contentHash).not.toBe(pick(v2, 'rec-beihang')?.contentHash);
    const moved = parseListFiles(fixtureFiles('v1').map((f) => ({ ...f, path: `elsewhere/${f.path}` }))).lists.find((l) => l.listId === 'test-us');
    expect(moved?.checksum).toBe(v1?.checksum);
    expect(stableJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}');
  });

  it('throws the readers’ error, with file and line, for a malformed file', () => {
    expect(() => parseListFiles(fixtureFiles('bad'))).toThrow(ListFormatError);
    expect(() => parseListFiles(fixtureFiles('bad'))).toThrow(/test-us\.csv:3:/);
  });
});

describe('batch CSV', () => {
  it('reads any column order and case, and limits the row count', () => {
    expect(parseBatchCsv('Country,NAME,id\ncn,华为,7\n', 10)).toEqual([{ id: '7', name: '华为', type: null, country: 'CN' }]);
    expect(() => parseBatchCsv('name\na\nb\nc\n', 2)).toThrow(/bad line/);
  });
});
