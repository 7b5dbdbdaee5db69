import { describe, expect, it } from 'vitest';
import { AREAS } from './areas.ts';
import type { Area, AreaId } from './area.ts';
import { withTermBank, type TermBank } from './term-bank.ts';
import bank from './data/term-bank.json' with { type: 'json' };

const area = (id: string, control: Area['control'], en: string[], zh: string[]): Area => ({
  id: id as AreaId,
  source: control === 'none' ? 'us-cet-2024' : 'cn-tech-catalogue',
  number: '1',
  name: { en: id, zh: id },
  control,
  terms: { en, zh },
  citation: AREAS[0]!.citation,
});
const group = (areaId: string, en: string[], zh: string[], zhHant: string[] = []): TermBank['groups'][number] => ({
  area: areaId as AreaId,
  source: { list: 'US CET 2024', entry: 'test' },
  en,
  zh,
  zhHant,
});

describe('term bank: validated on load', () => {
  it('the shipped bank adds at least 20 terms in English, simplified and traditional Chinese to each area it covers', () => {
    for (const g of bank.groups) {
      expect(g.en.length, g.area).toBeGreaterThanOrEqual(20);
      expect(g.zh.length, g.area).toBeGreaterThanOrEqual(20);
      expect(g.zhHant.length, g.area).toBeGreaterThanOrEqual(20);
      expect(g.source.entry).not.toBe('');
      const merged = AREAS.find((a) => a.id === g.area);
      expect(merged?.terms.en).toEqual(expect.arrayContaining(g.en));
      expect(merged?.terms.zh).toEqual(expect.arrayContaining([...g.zh, ...g.zhHant]));
    }
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

  it('rejects a traditional term that does not fold to a simplified term of its group', () => {
    expect(() => withTermBank([area('cet-x', 'none', ['ab'], ['甲'])], { groups: [group('cet-x', ['cd'], ['量子计算'], ['雷射雷達'])], sharedTerms: [] })).toThrow(/traditional term/);
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
