import { describe, expect, it } from 'vitest';
import { AREAS } from './areas.ts';
import type { Area, AreaId } from './area.ts';
import { mergeTermBanks, withTermBank, type TermBank } from './term-bank.ts';
import cet from './data/term-bank/cet.json' with { type: 'json' };
import ccl from './data/term-bank/ccl.json' with { type: 'json' };
import cn from './data/term-bank/cn.json' with { type: 'json' };

const bank = mergeTermBanks([cet, ccl, cn]);

const area = (id: string, control: Area['control'], en: string[], zh: string[]): Area => ({
  id: id as AreaId,
  source: control === 'none' ? 'us-cet-2024' : 'cn-tech-catalogue',
  number: '1',
  name: { en: id, zh: id },
  control,
  terms: { en, zh },
  weak: { en: [], zh: [] },
  citation: AREAS[0]!.citation,
});
const group = (areaId: string, en: string[], zh: string[], zhHant: string[] = [], weight: 'strong' | 'weak' = 'strong'): TermBank['groups'][number] => ({
  area: areaId as AreaId,
  weight,
  source: { list: 'US CET 2024', instrument: 'us-cet-2024', entry: 'test' },
  en,
  zh,
  zhHant,
});

describe('term bank: validated on load', () => {
  it('the shipped bank covers every CET 2024 area, every CCL category and every China entry, with their source', () => {
    for (const a of AREAS) {
      const groups = bank.groups.filter((g) => g.area === a.id);
      expect(groups.length, a.id).toBeGreaterThan(0);
      for (const g of groups) {
        expect(g.source.entry, a.id).not.toBe('');
        expect(g.source.instrument, a.id).toMatch(a.id.startsWith('cet-') ? /^us-cet-2024$/ : a.id.startsWith('ccl-') ? /^us-ear-ccl$/ : /^cn-/);
      }
    }
  });

  it('hundreds of terms for each CET area and CCL category, in English and Chinese', () => {
    const size = (a: Area) => a.terms.en.length + a.terms.zh.length + a.weak.en.length + a.weak.zh.length;
    for (const a of AREAS.filter((x) => x.source === 'us-cet-2024')) expect(size(a), a.id).toBeGreaterThanOrEqual(100);
    for (const a of AREAS.filter((x) => x.source === 'us-ccl')) expect(size(a), a.id).toBeGreaterThanOrEqual(40);
    for (const a of AREAS.filter((x) => x.control !== 'none')) expect(size(a), a.id).toBeGreaterThanOrEqual(20);
    for (const a of AREAS) {
      expect(a.terms.en.length, a.id).toBeGreaterThan(5);
      expect(a.terms.zh.length, a.id).toBeGreaterThan(5);
    }
  });

  it('traditional-only vocabulary is kept and matched; a traditional spelling folding already maps is rejected as redundant', () => {
    const quantum = AREAS.find((a) => a.id === 'cet-quantum');
    expect(quantum?.terms.zh).toContain('量子電腦');
    const semis = AREAS.find((a) => a.id === 'cet-semiconductors');
    expect(semis?.terms.zh).toEqual(expect.arrayContaining(['製程', '記憶體']));
    expect(() => withTermBank([area('cet-x', 'none', ['ab'], ['集成电路'])], { groups: [group('cet-x', ['cd'], ['乙'], ['積體電路'])], sharedTerms: [] })).toThrow(/"積體電路" folds to "集成电路"/);
  });

  it('weak terms are kept apart from strong ones, and a term cannot be both', () => {
    const ai = AREAS.find((a) => a.id === 'cet-artificial-intelligence');
    expect(ai?.weak.en).toEqual(expect.arrayContaining(['random forest', 'neural network']));
    expect(ai?.terms.en).toEqual(expect.arrayContaining(['large language model', 'generative AI', 'machine learning']));
    expect(AREAS.find((a) => a.id === 'cet-space')?.weak.en).toContain('satellite');
    expect(() => withTermBank([area('cet-x', 'none', ['ab'], ['甲'])], { groups: [group('cet-x', ['machine learning'], ['乙']), group('cet-x', ['Machine-learning'], [], [], 'weak')], sharedTerms: [] })).toThrow(/duplicate term "machine learning"/);
  });

  it('rejects a group citing an unknown instrument', () => {
    const g = { ...group('cet-x', ['cd'], ['乙']), source: { list: 'US CET 2024' as const, instrument: 'us-nowhere', entry: 'x' } };
    expect(() => withTermBank([area('cet-x', 'none', ['ab'], ['甲'])], { groups: [g], sharedTerms: [] })).toThrow(/unknown instrument "us-nowhere"/);
  });

  it('every area has English and Chinese terms', () => {
    for (const a of AREAS) {
      expect(a.terms.en.length, a.id).toBeGreaterThan(0);
      expect(a.terms.zh.length, a.id).toBeGreaterThan(0);
    }
  });

  it('rejects a group for an unknown area', () => {
    expect(() => withTermBank([area('cet-x', 'none', ['x ray'], ['甲'])], { groups: [group('cet-y', ['ab'], ['乙'])], sharedTerms: [] })).toThrow(/unknown area cet-y/);
  });

  it('rejects an area left without terms', () => {
    expect(() => withTermBank([area('cet-x', 'none', [], ['甲'])], { groups: [], sharedTerms: [] })).toThrow(/cet-x has no English terms/);
  });

  it('rejects a duplicate term within an area, whatever its spelling or script', () => {
    expect(() => withTermBank([area('cet-x', 'none', ['Gate-all-around'], ['甲'])], { groups: [group('cet-x', ['gate all around'], ['乙'])], sharedTerms: [] })).toThrow(/duplicate term "gate all around"/);
    expect(() => withTermBank([area('cet-x', 'none', ['ab'], ['集成电路'])], { groups: [group('cet-x', ['cd'], ['積體電路'])], sharedTerms: [] })).toThrow(/duplicate term/);
  });

  it('rejects a term shared by areas of different control unless a rule says why', () => {
    const areas = [area('cet-x', 'none', ['lidar'], ['甲']), area('cn-y', 'restricted', ['LiDAR'], ['乙'])];
    expect(() => withTermBank(areas, { groups: [], sharedTerms: [] })).toThrow(/"lidar" \(cet-x: none, cn-y: restricted\)/);
    expect(() => withTermBank(areas, { groups: [], sharedTerms: [{ term: 'lidar', areas: ['cet-x' as AreaId, 'cn-y' as AreaId], why: 'both apply' }] })).not.toThrow();
    // Areas of the same control may share a term freely (a CET area and a CCL category).
    expect(() => withTermBank([area('cet-x', 'none', ['lidar'], ['甲']), area('ccl-1', 'none', ['lidar'], ['乙'])], { groups: [], sharedTerms: [] })).not.toThrow();
  });
});
