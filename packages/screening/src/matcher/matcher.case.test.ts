import { describe, expect, it } from 'vitest';
import type { ListRecord } from '../types.ts';
import type { Matcher } from './types.ts';

/** A small list in every script the engine handles; ids say what each record is for. */
export const CASE_RECORDS: ListRecord[] = [
  rec('csl', 'huawei', 'organization', 'Huawei Technologies Co., Ltd.', [], ['Entity List']),
  rec('csl', 'huawei-meu', 'organization', 'Huawei Technologies Co., Ltd.', [], ['MEU List']),
  rec('csl', 'huawei-device', 'organization', 'Huawei Device (Dongguan) Co., Ltd.'),
  rec('csl', 'cetc38', 'organization', 'China Electronics Technology Group Corporation 38th Research Institute'),
  rec('csl', 'cetc14', 'organization', 'China Electronics Technology Group Corporation 14th Research Institute'),
  rec('csl', 'hit', 'organization', 'Harbin Institute of Technology', ['HIT']),
  rec('csl', 'haiguang', 'organization', 'Chengdu Haiguang Integrated Circuit Design Co., Ltd.'),
  rec('csl', 'mobile', 'organization', 'China Mobile Limited'),
  rec('sdn', '29220', 'person', 'CHEN, Quanguo'),
  rec('sdn', '30503', 'person', 'WANG, Wei'),
  rec('sdn', '500', 'organization', 'Nile Petroleum Corporation'),
  rec('cn', 'skydio', 'organization', 'Skydio Inc.', ['斯凯迪奥公司']),
  rec('aspi', 'tsinghua', 'organization', '清華大學', ['Tsinghua University']),
  rec('csl', 'quectel', 'organization', 'Quectel Wireless Solutions Co., Ltd.'),
];

function rec(listId: string, recordId: string, type: ListRecord['type'], name: string, aliases: string[] = [], programs: string[] = []): ListRecord {
  return { listId, recordId, type, name, aliases, programs, countries: [], sourceFile: 'cases' };
}

/** Known gaps an engine may skip, with the reason beside them. */
export interface CaseOptions {
  readonly skip?: Readonly<Record<string, string>>;
}

/** The shared matcher cases; each engine's test file calls this with its own factory. */
export function runMatcherCases(name: string, factory: () => Matcher, options: CaseOptions = {}): void {
  const build = (): Matcher => {
    const m = factory();
    for (const r of CASE_RECORDS) m.add(r);
    m.build();
    return m;
  };
  const m = build();
  const top = (query: string, type?: ListRecord['type']): string | undefined => m.match({ name: query, type })[0]?.recordId;
  const cases: [string, () => void][] = [
    ['matches the exact name and groups records of one entity', () => {
      const [hit] = m.match({ name: 'Huawei Technologies Co., Ltd.' });
      expect(hit?.score).toBe(1);
      expect(hit?.records.map((r) => r.recordId)).toEqual(['huawei', 'huawei-meu']);
      expect(hit?.programs).toEqual(['Entity List', 'MEU List']);
    }],
    ['ignores legal forms, case and punctuation', () => expect(top('HUAWEI TECHNOLOGIES CORPORATION')).toBe('huawei')],
    ['tolerates a typo', () => expect(top('Huawei Technologeis Co')).toBe('huawei')],
    ['tolerates a typo in a legal form', () => expect(top('Nile Petroleum Corporarion')).toBe('500')],
    ['expands abbreviations', () => expect(top('Harbin Inst. of Tech.')).toBe('hit')],
    ['tells numbered institutes apart', () => expect(top('CETC 14th Research Institute')).not.toBe('cetc38')],
    ['reorders person names', () => expect(top('Quanguo Chen', 'person')).toBe('29220')],
    ['matches Han to English through the dictionary and pinyin', () => expect(top('华为技术有限公司')).toBe('huawei')],
    ['matches traditional characters', () => expect(top('華為技術有限公司')).toBe('huawei')],
    ['matches numerals in Han names', () => expect(top('中国电子科技集团公司第三十八研究所')).toBe('cetc38')],
    ['matches pinyin input', () => expect(top('Haerbin Gongye Daxue')).toBe('hit')],
    ['matches Han names listed in Han directly', () => expect(top('斯凯迪奥公司')).toBe('skydio')],
    ['matches English to a Han-named record', () => expect(top('清华大学')).toBe('tsinghua')],
    ['matches a Han person name to its romanisation', () => expect(top('王伟', 'person')).toBe('30503')],
    ['lets a dictionary brand carry a Chinese registered name', () => expect(top('上海移远通信技术股份有限公司')).toBe('quectel')],
    ['joins split syllables', () => expect(top('Chengdu Hai Guang Integrated Circuit Design')).toBe('haiguang')],
    ['does not alert when a proper name is swapped', () => expect(m.match({ name: 'Huawei Guanghui' })).toEqual([])],
    ['does not alert on an unrelated name', () => expect(m.match({ name: 'Kweichow Moutai Co., Ltd.' })).toEqual([])],
    ['returns only matches at or above the threshold, best first, within the limit', () => {
      const all = m.match({ name: 'Huawei' }, { threshold: 0, limit: 3 });
      expect(all.length).toBeLessThanOrEqual(3);
      expect([...all].sort((a, b) => b.score - a.score)).toEqual(all);
      expect(m.match({ name: 'Huawei' }, { threshold: 1 }).every((x) => x.score >= 1)).toBe(true);
    }],
    ['explains which parts matched, how, and what was ignored', () => {
      const [hit] = m.match({ name: '华为技术有限公司' });
      const e = hit?.explanation ?? [];
      expect(e.find((x) => x.feature === 'script')).toBeDefined();
      expect(e).toContainEqual(expect.objectContaining({ feature: 'part', query: '华为', how: 'translated' }));
      expect(e).toContainEqual(expect.objectContaining({ feature: 'part', query: '技术', how: 'translated' }));
      expect(e).toContainEqual(expect.objectContaining({ feature: 'ignored', side: 'query', text: '有限公司', reason: 'legal form' }));
    }],
    ['lowers the score when the type differs', () => {
      const org = m.match({ name: 'CHEN Quanguo', type: 'organization' }, { threshold: 0 })[0]?.score ?? 0;
      const person = m.match({ name: 'CHEN Quanguo', type: 'person' }, { threshold: 0 })[0]?.score ?? 0;
      expect(org).toBeLessThan(person);
    }],
    ['refuses add() after build()', () => expect(() => m.add(CASE_RECORDS[0] as ListRecord)).toThrow(/after build/)],
    ['returns nothing for an empty query', () => expect(m.match({ name: '  ,. ' })).toEqual([])],
  ];
  describe(`${name}: shared matcher cases`, () => {
    for (const [title, fn] of cases) {
      const reason = options.skip?.[title];
      if (reason !== undefined) it.skip(`${title} (skipped: ${reason})`, fn);
      else it(title, fn);
    }
  });
}
