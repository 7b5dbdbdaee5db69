import type { PartyName } from '@qiao/contracts';
import { describe, expect, it } from 'vitest';
import { filterParties, foldForSearch, orderNames, primaryName, toPartyNames } from './names.ts';

const tsinghua: PartyName[] = [
  { lang: 'zh-Latn', value: 'Qīnghuá Dàxué' },
  { lang: 'en', value: 'Tsinghua University' },
  { lang: 'zh-Hans', value: '清华大学' },
];
const mit: PartyName[] = [{ lang: 'en', value: 'Massachusetts Institute of Technology' }];
const parties = [
  { id: 1, side: 'CN', names: tsinghua },
  { id: 2, side: 'US', names: mit },
];

describe('names', () => {
  it('puts the Chinese name first for the Chinese UI and the English one for the English UI', () => {
    expect(primaryName(tsinghua, 'zh')).toBe('清华大学');
    expect(primaryName(tsinghua, 'en')).toBe('Tsinghua University');
    expect(orderNames(tsinghua, 'en').map((n) => n.lang)).toEqual(['en', 'zh-Latn', 'zh-Hans']);
  });

  it('falls back to whatever name exists', () => {
    expect(primaryName(mit, 'zh')).toBe('Massachusetts Institute of Technology');
    expect(primaryName([], 'en')).toBe('');
  });

  it('folds case, tone marks, spaces and punctuation for search', () => {
    expect(foldForSearch('Qīnghuá Dàxué')).toBe('qinghuadaxue');
    expect(foldForSearch('  M.I.T. ')).toBe('mit');
  });

  it('filters by side and by a query in any language', () => {
    expect(filterParties(parties, { side: '', query: '' }).map((p) => p.id)).toEqual([1, 2]);
    expect(filterParties(parties, { side: 'US', query: '' }).map((p) => p.id)).toEqual([2]);
    expect(filterParties(parties, { side: '', query: '清华' }).map((p) => p.id)).toEqual([1]);
    expect(filterParties(parties, { side: '', query: 'qinghua da' }).map((p) => p.id)).toEqual([1]);
    expect(filterParties(parties, { side: 'US', query: 'tsinghua' })).toEqual([]);
  });
});

describe('toPartyNames', () => {
  it('keeps the filled-in names, trimmed, in a fixed order', () => {
    expect(toPartyNames({ en: ' Peking University ', 'zh-Hans': '北京大学', 'zh-Hant': '', 'zh-Latn': '  ' })).toEqual([
      { lang: 'en', value: 'Peking University' },
      { lang: 'zh-Hans', value: '北京大学' },
    ]);
  });
});
