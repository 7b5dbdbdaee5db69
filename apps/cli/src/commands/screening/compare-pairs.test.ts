import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { handleCompare, renderPairMetrics } from './compare.ts';

const dir = mkdtempSync(join(tmpdir(), 'qiao-pairs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe('qiao compare --pairs with labels', () => {
  it('gives precision, recall and F1 per kind and overall for a labelled file', () => {
    const path = file(
      'labelled.csv',
      [
        'name1,name2,type,match,kind',
        'Bill Clinton,William Clinton,person,1,hypocorism',
        'Bill Clinton,Bill Gates,person,0,hypocorism',
        'Bosch GmbH,Busch GmbH,organization,0,legal-form',
        'Rheinmetall Aktiengesellschaft,Rheinmetall AG,organization,1,legal-form',
        ',Rheinmetall AG,organization,1,legal-form',
      ].join('\n'),
    );
    const result = handleCompare(undefined, undefined, { pairs: path });
    if (result.kind !== 'pairs') throw new Error('expected pairs');
    expect(result.results[0]).toMatchObject({ label: { kind: 'hypocorism', match: true }, match: true });
    // The row without a name is an error and counts in no metric.
    expect(result.metrics?.map((m) => [m.kind, m.matches, m.nonMatches, m.precision, m.recall])).toEqual([
      ['hypocorism', 1, 1, 1, 1],
      ['legal-form', 1, 1, 1, 1],
      ['all', 2, 2, 1, 1],
    ]);
    const table = renderPairMetrics([{ name: 'qiao', metrics: result.metrics ?? [] }]);
    expect(table).toContain('qiao P / R / F1');
    expect(table).toMatch(/legal-form\s+2 \(1\/1\)\s+1\.000 \/ 1\.000 \/ 1\.000/);
  });

  it('counts a wrong answer against its kind', () => {
    const path = file('wrong.csv', 'name1,name2,type,match,kind\nBosch GmbH,Busch GmbH,organization,1,typo\nHuawei,Huawei,organization,0,typo\n');
    const result = handleCompare(undefined, undefined, { pairs: path });
    if (result.kind !== 'pairs') throw new Error('expected pairs');
    expect(result.metrics?.[0]).toMatchObject({ kind: 'typo', truePositives: 0, falsePositives: 1, falseNegatives: 1, precision: 0, recall: 0, f1: 0 });
  });

  it('leaves an unlabelled file without metrics', () => {
    const result = handleCompare(undefined, undefined, { pairs: file('plain.csv', 'name1,name2\nHuawei,Huawei Technologies\n') });
    expect(result.kind === 'pairs' && result.metrics).toBe(undefined);
  });
});
