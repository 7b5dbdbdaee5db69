import type { BilingualText } from '@qiao/contracts';
import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER, filterQuery } from '../api.ts';
import { pickText } from '../../../lib/bilingual.ts';
import { declaredCategories, toDataDeclaration } from './declaration.ts';
import { formatBytes } from '../../../lib/format.ts';
import { splitList } from './list.ts';

const text = (en: string | null, zh: string | null): BilingualText => ({ en, zh, enEditedAt: null, zhEditedAt: null, flag: 'ok' });

describe('pickText', () => {
  it('shows the wanted language, else the other one', () => {
    expect(pickText(text('Air', '空气'), 'zh')).toEqual({ text: '空气', lang: 'zh' });
    expect(pickText(text('Air', null), 'zh')).toEqual({ text: 'Air', lang: 'en' });
  });
});

describe('toDataDeclaration', () => {
  it('sends only what was declared, counts as numbers', () => {
    expect(toDataDeclaration({ counts: {}, kinds: [], deidentified: false })).toEqual({});
    expect(toDataDeclaration({ counts: { 'personal-health': '1200', 'human-genomic': ' ' }, kinds: ['seismic'], deidentified: true })).toEqual({
      categories: [{ category: 'personal-health', subjects: 1200 }],
      kinds: ['seismic'],
      deidentified: true,
    });
  });

  it('reads a stored declaration back, skipping anything malformed', () => {
    expect(declaredCategories({ categories: [{ category: 'personal-health', subjects: 3 }, { category: 1 }, 'x'] })).toEqual([{ category: 'personal-health', subjects: 3 }]);
  });
});

describe('filterQuery', () => {
  it('puts only the filters in use into the address', () => {
    expect(filterQuery(EMPTY_FILTER)).toBe('');
    expect(filterQuery({ ...EMPTY_FILTER, q: ' 空气 ', year: '2024' })).toBe('?q=%E7%A9%BA%E6%B0%94&year=2024');
  });
});

describe('format', () => {
  it('writes sizes in binary units and splits lists in either language', () => {
    expect(formatBytes(512, 'en')).toBe('512 B');
    expect(formatBytes(1536, 'en')).toBe('1.5 KB');
    expect(splitList('air quality, PM2.5，臭氧\n')).toEqual(['air quality', 'PM2.5', '臭氧']);
  });
});
