import { describe, expect, it } from 'vitest';
import { buildCheckText, evidenceIn, type TextParts } from './check-text.ts';
import { segment } from './highlight.ts';

const parts: TextParts = {
  titleEn: 'EUV optics',
  titleZh: '',
  technologyArea: 'semiconductors',
  abstractEn: 'Lithography for advanced semiconductor manufacturing.',
  abstractZh: '极紫外光刻用于先进半导体制造',
  keywords: '',
};

describe('segment', () => {
  it('marks the spans and keeps the text between them', () => {
    expect(segment('abc def ghi', [{ start: 4, end: 7, term: 'def' }])).toEqual([
      { text: 'abc ', term: null },
      { text: 'def', term: 'def' },
      { text: ' ghi', term: null },
    ]);
  });

  it('drops overlapping and out-of-range spans', () => {
    const spans = [
      { start: 0, end: 3, term: 'abc' },
      { start: 1, end: 5, term: 'bc d' },
      { start: 9, end: 20, term: 'far' },
    ];
    expect(segment('abc def', spans).map((s) => s.term)).toEqual(['abc', null]);
  });
});

describe('buildCheckText', () => {
  it('joins the non-empty parts one per line, as the server does', () => {
    const check = buildCheckText(parts);
    expect(check.text).toBe(['EUV optics', 'semiconductors', parts.abstractEn, parts.abstractZh].join('\n'));
    expect(check.offsets.titleZh).toBeUndefined();
  });

  it('maps evidence back into the part it came from', () => {
    const check = buildCheckText(parts);
    const start = check.text.indexOf('半导体制造');
    const evidence = [{ term: '半导体制造', text: '半导体制造', start, end: start + 5, areaIds: ['cet-semiconductors'] }];
    const inZh = evidenceIn(check, parts, 'abstractZh', evidence);
    expect(inZh).toHaveLength(1);
    expect(parts.abstractZh.slice(inZh[0]?.start, inZh[0]?.end)).toBe('半导体制造');
    expect(evidenceIn(check, parts, 'abstractEn', evidence)).toEqual([]);
  });
});
