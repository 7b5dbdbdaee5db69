import { describe, expect, it } from 'vitest';
import { compileDictionary, findTerms } from './text-match.ts';

const dict = compileDictionary([
  { term: 'AI', key: 'ai' },
  { term: 'gene editing', key: 'bio' },
  { term: 'qubit', key: 'q' },
  { term: 'technology', key: 'tech' },
  { term: 'directed energy', key: 'de' },
  { term: 'directed energy deposition', key: 'am' },
  { term: '光刻', key: 'litho' },
  { term: '光刻机', key: 'litho-tool' },
  { term: '5G基站', key: 'bs' },
]);

const found = (text: string) => findTerms(dict, text).map((h) => [h.text, h.start, h.end, ...h.keys]);

describe('findTerms: Latin word boundaries', () => {
  it('matches whole words only: no "ai" inside "said", "paid", "AIDS" or "Taiwan"', () => {
    expect(found('He said they paid for AIDS research in Taiwan.')).toEqual([]);
  });

  it('matches acronyms in capitals only', () => {
    expect(found('AI for science')).toEqual([['AI', 0, 2, 'ai']]);
    expect(found('Ai Weiwei; ai; Ai')).toEqual([]);
  });

  it('accepts plurals, hyphens and case', () => {
    expect(found('Two QUBITS, gene-editing and Gene  Editing; AIs')).toEqual([
      ['QUBITS', 4, 10, 'q'],
      ['gene-editing', 12, 24, 'bio'],
      ['Gene  Editing', 29, 42, 'bio'],
      ['AIs', 44, 47, 'ai'],
    ]);
    expect(found('technologies')).toEqual([['technologies', 0, 12, 'tech']]);
  });

  it('does not join words across punctuation', () => {
    expect(found('gene. Editing')).toEqual([]);
    expect(found('gene, editing')).toEqual([]);
  });

  it('lets the longest term win: "directed energy deposition" is not "directed energy"', () => {
    expect(found('directed energy deposition')).toEqual([['directed energy deposition', 0, 26, 'am']]);
    expect(found('directed energy weapons')).toEqual([['directed energy', 0, 15, 'de']]);
  });
});

describe('findTerms: Chinese substrings', () => {
  it('finds terms inside unsegmented text, longest first', () => {
    expect(found('研制光刻机')).toEqual([['光刻机', 2, 5, 'litho-tool']]);
    expect(found('光刻工艺')).toEqual([['光刻', 0, 2, 'litho']]);
  });

  it('finds every occurrence with positions in the original text', () => {
    const text = '光刻与光刻';
    expect(found(text)).toEqual([
      ['光刻', 0, 2, 'litho'],
      ['光刻', 3, 5, 'litho'],
    ]);
  });

  it('handles Latin inside Chinese: "基于AI的" finds AI', () => {
    expect(found('基于AI的方法')).toEqual([['AI', 2, 4, 'ai']]);
  });

  it('reports offsets into the original string even after emoji (UTF-16 units)', () => {
    const text = '🚀 AI 与光刻机';
    for (const hit of findTerms(dict, text)) expect(text.slice(hit.start, hit.end)).toBe(hit.text);
  });

  it('drops a Latin hit inside a longer mixed term: "5G基站"', () => {
    const d = compileDictionary([
      { term: '5G', key: 'net' },
      { term: '5G基站', key: 'bs' },
    ]);
    expect(findTerms(d, '5G基站建设').map((h) => h.text)).toEqual(['5G基站']);
  });
});
