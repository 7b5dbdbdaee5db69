import { describe, expect, it } from 'vitest';
import { emptyFlow, toDataset } from './data-plan.ts';
import { budgetTotals, EMPTY_PROPOSAL, readiness, splitKeywords, toProjectInput } from './proposal.ts';

describe('toProjectInput', () => {
  it('sends only the languages given, trimmed, and the declared data', () => {
    const flow = { ...emptyFlow('CN-US'), categories: { 'personal-information': { subjects: '12000', cumulativeSinceJan1: true } }, kinds: ['meteorological' as const] };
    const input = toProjectInput({ ...EMPTY_PROPOSAL, groupId: 'g', titleEn: ' Air ', abstractZh: '空气', keywords: 'PM2.5，ozone; health', dataPlan: [flow] });
    expect(input.title).toEqual({ en: 'Air' });
    expect(input.abstract).toEqual({ zh: '空气' });
    expect(input.keywords).toEqual(['PM2.5', 'ozone', 'health']);
    expect(input.dataPlan[0]?.dataset).toEqual({ categories: [{ category: 'personal-information', subjects: 12000, cumulativeSinceJan1: true }], kinds: ['meteorological'] });
  });

  it('leaves out an empty or half-typed count', () => {
    expect(toDataset({ ...emptyFlow(), categories: { 'human-genomic': { subjects: '', cumulativeSinceJan1: false }, 'personal-health': { subjects: '1e3', cumulativeSinceJan1: false } } })).toEqual({});
  });
});

describe('readiness', () => {
  it('names the sides still missing a party', () => {
    const r = readiness({ ...EMPTY_PROPOSAL, titleEn: 'a', titleZh: '甲', parties: [{ partyId: 'p', kind: 'organization', role: 'lead', side: 'US', name: 'MIT' }] });
    expect(r).toEqual({ bothTitles: true, bothAbstracts: false, missingSides: ['CN'] });
  });
});

describe('helpers', () => {
  it('splits keywords without repeats', () => {
    expect(splitKeywords('a, b，a\n c')).toEqual(['a', 'b', 'c']);
  });

  it('totals the budget per side and currency', () => {
    const lines = [
      { side: 'US', item: 'x', amount: '100', currency: 'usd' },
      { side: 'US', item: 'y', amount: '50.5', currency: 'USD' },
      { side: 'CN', item: 'z', amount: '', currency: 'CNY' },
    ];
    expect(budgetTotals(lines)).toEqual([{ side: 'US', currency: 'USD', total: 150.5 }]);
  });
});
