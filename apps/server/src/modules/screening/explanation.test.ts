import type { Explanation } from '@qiao/screening';
import { describe, expect, it } from 'vitest';
import { explainWithRanges } from './explanation.ts';

describe('explanation ranges', () => {
  it('finds each part in the query and the matched name, case-insensitively, without reusing a range', () => {
    const explanation: Explanation[] = [
      { feature: 'script', path: 'han→english' },
      { feature: 'part', query: '华为', list: 'huawei', how: 'pinyin', score: 1, weight: 0.6 },
      { feature: 'part', query: '技术', list: 'technologies', how: 'translated', score: 1, weight: 0.4 },
      { feature: 'ignored', side: 'query', text: '有限公司', reason: 'legal form' },
      { feature: 'ignored', side: 'list', text: 'co ltd', reason: 'legal form' },
    ];
    const { explanation: items, highlights } = explainWithRanges('华为技术有限公司', 'Huawei Technologies Co., Ltd.', explanation);
    expect(items[1]).toMatchObject({ queryRanges: [{ start: 0, end: 2 }], listRanges: [{ start: 0, end: 6 }] });
    expect(items[2]).toMatchObject({ queryRanges: [{ start: 2, end: 4 }], listRanges: [{ start: 7, end: 19 }] });
    expect(highlights.query).toEqual([
      { start: 0, end: 2, kind: 'matched', how: 'pinyin', feature: 1 },
      { start: 2, end: 4, kind: 'matched', how: 'translated', feature: 2 },
      { start: 4, end: 8, kind: 'ignored', feature: 3 },
    ]);
    // "co ltd" was normalised from "Co., Ltd.": its pieces are still found one by one.
    expect(highlights.name.filter((h) => h.kind === 'ignored').map((h) => 'Huawei Technologies Co., Ltd.'.slice(h.start, h.end))).toEqual(['Co', 'Ltd']);
  });

  it('gives a repeated word its own occurrence each time, and no range for text it cannot find', () => {
    const { highlights } = explainWithRanges('Bank Bank of Kunlun', 'Bank of Kunlun', [
      { feature: 'part', query: 'bank', list: 'bank', how: 'exact', score: 1, weight: 0.5 },
      { feature: 'extra-query-part', query: 'bank', kind: 'term', weight: 0.1 },
      { feature: 'part', query: 'kunlun', list: 'künlün', how: 'fuzzy', score: 0.9, weight: 0.4 },
    ]);
    expect(highlights.query.map((h) => [h.start, h.end, h.kind])).toEqual([
      [0, 4, 'matched'],
      [5, 9, 'unmatched'],
      [13, 19, 'matched'],
    ]);
    expect(highlights.name.map((h) => [h.start, h.end])).toEqual([[0, 4]]);
  });
});
