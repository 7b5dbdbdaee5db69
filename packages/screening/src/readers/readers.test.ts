import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fixturesDir, sharedListsDir } from '../../test/paths.ts';
import { ListFormatError, type ListFile } from '../types.ts';
import { parseChineseNumeral } from '../normalize/numerals.ts';
import { detectFormat } from './detect.ts';
import { loadListFiles, deriveListId } from './load.ts';
import { decodeText } from './text.ts';

function fixture(path: string): ListFile {
  return { path, contents: readFileSync(join(fixturesDir, path)) };
}

/** Every file under a folder, as the CLI would hand them to loadListFiles. */
function folder(dir: string, base = dir): ListFile[] {
  const out: ListFile[] = [];
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...folder(p, base));
    else out.push({ path: relative(base, p).split('\\').join('/'), contents: readFileSync(p) });
  }
  return out;
}

/**
 * A small OFAC legacy set written here (names invented): Windows-1252 bytes, the programs' `] [`
 * separator and the Ctrl-Z end mark that the published files carry. The published set itself is read
 * from ../shared when it is there.
 */
const OWN_SDN = Buffer.from(
  '9001,"BLUE HERON SHIPPING LTD.",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n' +
    '9002,"EXAMPLE, Person","individual","DPRK",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1960."\r\n' +
    '9000,"SOCI\u00c9T\u00c9 G\u00c9N\u00c9RALE DU COMMERCE",-0- ,"SDGT] [IRGC",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\u001a',
  'latin1',
);
const OWN_ALT = Buffer.from('9001,1,"aka","BLUE HERON LINE",-0- \r\n', 'latin1');
const OWN_ADD = Buffer.from('9001,1,-0- ,"Havana","Cuba",-0- \r\n', 'latin1');
const ownOfac = (): ListFile[] => [
  { path: 'ofac/sdn.csv', contents: OWN_SDN },
  { path: 'ofac/alt.csv', contents: OWN_ALT },
  { path: 'ofac/add.csv', contents: OWN_ADD },
];
const publishedSdn = join(sharedListsDir, 'ofac-sdn');

function loadError(files: Parameters<typeof loadListFiles>[0]): ListFormatError {
  try {
    loadListFiles(files);
  } catch (err: unknown) {
    if (err instanceof ListFormatError) return err;
    throw err;
  }
  throw new Error('expected a ListFormatError');
}

describe('format detection', () => {
  it('recognises every supported format from content alone', () => {
    const text = (p: string): string => decodeText(fixture(p).contents);
    expect(detectFormat(text('lists/csl-sample.csv')).kind).toBe('csl-csv');
    expect(detectFormat(text('csl-results.json')).kind).toBe('csl-json');
    expect(detectFormat(text('csl-array.json')).kind).toBe('csl-json');
    expect(detectFormat(text('lists/cn-sample.ftm.json')).kind).toBe('ftm');
    expect(detectFormat(decodeText(OWN_SDN))).toEqual({ kind: 'ofac', part: 'primary' });
    expect(detectFormat(decodeText(OWN_ALT))).toEqual({ kind: 'ofac', part: 'alt' });
    expect(detectFormat(decodeText(OWN_ADD))).toEqual({ kind: 'ofac', part: 'add' });
    expect(detectFormat(text('cons/cons_comments.csv'))).toEqual({ kind: 'ofac', part: 'comments' });
    expect(detectFormat(text('lists/index.json')).kind).toBe('descriptor');
    expect(detectFormat('hello,world\n1,2\n').kind).toBe('unsupported');
    expect(detectFormat('').kind).toBe('unsupported');
  });
});

describe('CSL readers', () => {
  it('reads the trade.gov CSV layout with aliases and programmes', () => {
    const { records } = loadListFiles([fixture('lists/csl-sample.csv')]);
    expect(records).toHaveLength(6);
    const first = records[0];
    expect(first).toMatchObject({ listId: 'csl-sample', recordId: 'a1', type: 'organization', name: 'Huawei Technologies Co. Ltd.' });
    expect(first?.aliases).toEqual(['Huawei Technologies', '华为技术有限公司']);
    expect(first?.programs).toEqual(['Entity List (EL) - Bureau of Industry and Security']);
    expect(records.find((r) => r.recordId === 'a4')?.type).toBe('person');
  });

  it('gives rows without _id a stable id: entity_number, else a content hash', () => {
    const a = loadListFiles([fixture('csl-no-id.csv')]).records;
    const b = loadListFiles([fixture('csl-no-id.csv')]).records;
    expect(a[0]?.recordId).toBe('entity-number-1234');
    expect(a[1]?.recordId).toMatch(/^csl-hash-[0-9a-f]{8}$/);
    expect(b[1]?.recordId).toBe(a[1]?.recordId);
  });

  it('reads the data.trade.gov JSON, as {results} or a bare array', () => {
    const { records } = loadListFiles([fixture('csl-results.json'), fixture('csl-array.json')]);
    expect(records.map((r) => r.recordId)).toEqual(['j1', 'j2', 'k1']);
    expect(records[0]?.aliases).toEqual(['DJI', 'Da-Jiang Innovations']);
    expect(records[1]?.programs).toEqual(['Specially Designated Nationals (SDN) - Treasury Department', 'CUBA']);
  });

  it('rejects an unclosed quote and a short row with file and line', () => {
    const e1 = loadError([fixture('bad/csl-unclosed.csv')]);
    expect(e1.file).toBe('bad/csl-unclosed.csv');
    expect(e1.line).toBe(2);
    expect(e1.message).toMatch(/never closed/);
    const e2 = loadError([fixture('bad/csl-short-row.csv')]);
    expect(e2.message).toBe('bad/csl-short-row.csv:3: expected 29 fields, found 6 (truncated or malformed row)');
  });
});

describe('OFAC legacy readers', () => {
  it('reads sdn.csv with alt.csv and add.csv beside it, Windows-1252 and the Ctrl-Z end mark', () => {
    const { records, warnings } = loadListFiles(ownOfac());
    expect(warnings).toEqual([]);
    expect(records.map((r) => r.recordId)).toEqual(['9001', '9002', '9000']);
    expect(records[0]).toMatchObject({ listId: 'us-ofac-sdn', name: 'BLUE HERON SHIPPING LTD.', aliases: ['BLUE HERON LINE'], countries: ['Cuba'], programs: ['CUBA'] });
    expect(records[1]?.type).toBe('person');
    expect(records[2]?.name).toBe('SOCIÉTÉ GÉNÉRALE DU COMMERCE');
    expect(records[2]?.programs).toEqual(['SDGT', 'IRGC']);
  });

  it.skipIf(!existsSync(publishedSdn))('reads the published SDN set from ../shared with its companions (skipped without it)', () => {
    const files = ['sdn.csv', 'alt.csv', 'add.csv'].map((f) => ({ path: `ofac-sdn/${f}`, contents: readFileSync(join(publishedSdn, f)) }));
    const { records, warnings } = loadListFiles(files);
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({ listId: 'us-ofac-sdn', recordId: '36', name: 'AEROCARIBBEAN AIRLINES', countries: ['Cuba'], programs: ['CUBA'] });
    expect(records[0]?.aliases).toContain('AERO-CARIBBEAN');
    expect(records.find((r) => r.recordId === '22996')).toMatchObject({ type: 'person', name: 'KIM, Tong Chol' });
    expect(records.some((r) => r.programs.length > 1)).toBe(true);
  });

  it('reads the consolidated set (cons_prim with cons_alt, cons_add, cons_comments)', () => {
    const { records, lists, warnings } = loadListFiles(folder(`${fixturesDir}/cons`));
    expect(warnings).toEqual([]);
    expect(lists).toEqual([{ listId: 'us-ofac-cons', file: 'cons_prim.csv', format: 'ofac-legacy-csv', records: 2 }]);
    expect(records[0]?.aliases).toEqual(['DOE, Example']);
  });

  it('warns about companion files without their primary instead of loading them as lists', () => {
    const { records, warnings } = loadListFiles([{ path: 'ofac/alt.csv', contents: OWN_ALT }]);
    expect(records).toEqual([]);
    expect(warnings[0]).toMatch(/alt\.csv: skipped \(OFAC alt file without its primary/);
  });

  it('rejects a truncated row with file and line', () => {
    const e = loadError([fixture('bad-ofac/truncated-sdn.csv')]);
    expect(e.message).toBe('bad-ofac/truncated-sdn.csv:2: expected 12 fields, found 5 (truncated or malformed row)');
  });
});

describe('FollowTheMoney reader', () => {
  it('reads entities, keeps Chinese names as aliases and skips non-party schemata', () => {
    const { records } = loadListFiles([fixture('lists/cn-sample.ftm.json')]);
    expect(records.map((r) => r.recordId)).toEqual(['cn_sanctions-skydio', 'cn_sanctions-ned', 'aspi-tsinghua']);
    expect(records[0]?.aliases).toEqual(['斯凯迪奥公司']);
    expect(records[0]?.programs).toEqual(['Anti-Foreign Sanctions Law countermeasures']);
    expect(records[1]?.aliases).toEqual(['美国国家民主基金会', 'NED']);
  });

  it('rejects a truncated line with file and line, never loading the lines before it', () => {
    const e = loadError([fixture('bad/truncated.ftm.json')]);
    expect(e.file).toBe('bad/truncated.ftm.json');
    expect(e.line).toBe(2);
    expect(e.message).toMatch(/invalid JSON/);
  });
});

describe('loadListFiles', () => {
  it('takes list ids from index.json beside the files and skips the descriptor with a warning', () => {
    const { lists, warnings } = loadListFiles(folder(`${fixturesDir}/lists`));
    expect(lists.map((l) => [l.listId, l.file]).sort()).toEqual([
      ['fixture-cn', 'cn-sample.ftm.json'],
      ['fixture-csl', 'csl-sample.csv'],
    ]);
    expect(warnings).toEqual(['index.json: skipped (list descriptor, used for list ids)']);
  });

  it('accepts { fileName, contents } as well as { path, contents }', () => {
    const { records } = loadListFiles([{ fileName: 'uploaded.csv', contents: fixture('lists/csl-sample.csv').contents }]);
    expect(records[0]?.listId).toBe('uploaded');
  });

  it('derives list ids from file names without a descriptor', () => {
    expect(deriveListId('x/us-dod-1260h.ftm.json')).toBe('us-dod-1260h');
    expect(deriveListId('data/Entity List.csv')).toBe('entity-list');
    expect(deriveListId('ofac/sdn.csv')).toBe('us-ofac-sdn');
    expect(deriveListId('cons/cons_prim.csv')).toBe('us-ofac-cons');
  });
});

describe('Chinese numerals', () => {
  it('parses positional and digit-by-digit forms', () => {
    expect(parseChineseNumeral('三十八')).toBe(38);
    expect(parseChineseNumeral('十二')).toBe(12);
    expect(parseChineseNumeral('一百零二')).toBe(102);
    expect(parseChineseNumeral('七〇一')).toBe(701);
    expect(parseChineseNumeral('二〇三')).toBe(203);
    expect(parseChineseNumeral('abc')).toBeUndefined();
  });
});
