import { describe, expect, it } from 'vitest';
import { analyzeName, normalizeName } from './analyze.ts';
import { pinyinReadings } from './dictionaries.ts';

const keys = (name: string): string[] => analyzeName(name).groups.map((g) => (g.alternatives[0] ?? []).map((t) => t.key).join(' '));
const vias = (name: string): string[] => analyzeName(name).groups.flatMap((g) => (g.alternatives[0] ?? []).map((t) => t.via));

describe('Latin normalisation', () => {
  it('folds Unicode, case, diacritics and punctuation', () => {
    expect(normalizeName('SOCIÉTÉ  Générale—du Commerce')).toBe('societe generale commerce');
    expect(normalizeName('ＨＵＡＷＥＩ')).toBe('huawei');
    expect(normalizeName("Xi'an Jiaotong")).toBe(normalizeName('XIAN JIAOTONG'));
  });

  it('drops legal forms and says so', () => {
    const a = analyzeName('Huawei Technologies Co., Ltd.');
    expect(a.normalized).toBe('huawei technology');
    expect(a.ignored).toEqual([{ surface: 'co ltd', reason: 'legal form' }]);
    expect(normalizeName('Public Joint Stock Company Rostvertol')).toBe('rostvertol');
    expect(normalizeName('Mecatech (Private) Limited')).toBe('mecatech');
    // One typo in a long legal-form word is still a legal form.
    expect(normalizeName('Nile Petroleum Corporarion')).toBe('nile petroleum');
  });

  it('expands abbreviations and folds plurals', () => {
    expect(normalizeName("Harbin Inst. of Tech. Int'l")).toBe('harbin institute technology international');
    expect(normalizeName('Univ. of Electronic Sci.')).toBe(normalizeName('University of Electronics Science'));
    expect(normalizeName('Beijing Laboratories')).toBe('beijing laboratory');
  });

  it('reads ordinals as numbers', () => {
    expect(keys('CETC 38th Research Institute')).toContain('38');
  });

  it('folds other romanisations of places and brands to one form', () => {
    expect(normalizeName('Peking University')).toBe('beijing university');
    expect(normalizeName('Qinghua University')).toBe('tsinghua university');
  });

  it('keeps a name made only of generic words rather than losing it', () => {
    expect(normalizeName('The Company')).not.toBe('');
  });
});

describe('Han normalisation', () => {
  it('folds traditional to simplified', () => {
    expect(normalizeName('清華大學')).toBe(normalizeName('清华大学'));
    expect(normalizeName('中國移動有限公司')).toBe('china mobile');
  });

  it('segments legal forms, terms, places and the proper name in pinyin', () => {
    const a = analyzeName('华为终端（东莞）有限公司');
    expect(a.normalized).toBe('huawei device dongguan');
    expect(a.ignored.map((i) => i.surface)).toEqual(['有限公司']);
    const b = analyzeName('成都海光集成电路设计有限公司');
    expect(b.normalized).toBe('chengdu hygon integrated circuit design');
    const c = analyzeName('南京春晖科技实业有限公司');
    expect(c.groups.find((g) => g.surface === '春晖')?.alternatives[0]?.[0]).toMatchObject({ key: 'chunhui', via: 'han-pinyin', han: '春晖' });
  });

  it('drops administrative suffixes after places', () => {
    const a = analyzeName('深圳市大疆创新科技有限公司');
    expect(a.ignored.map((i) => i.surface)).toContain('市');
    expect(keys('深圳市大疆创新科技有限公司')[0]).toBe('shenzhen');
  });

  it('reads Chinese numerals: 第三十八研究所 → 38th Research Institute', () => {
    expect(normalizeName('中国电子科技集团公司第三十八研究所')).toBe(normalizeName('China Electronics Technology Group Corporation 38th Research Institute'));
    expect(keys('七〇一所')).toEqual(['701', 'institute']);
  });

  it('offers several English readings where the dictionary has them', () => {
    const uni = analyzeName('沈阳工业大学').groups.find((x) => x.surface === '工业大学');
    expect(uni?.alternatives.map((a) => a.map((t) => t.key).join(' '))).toContain('institute technology');
    expect(uni?.alternatives.map((a) => a.map((t) => t.key).join(' '))).toContain('university technology');
  });

  it('handles mixed Han and Latin text', () => {
    const a = analyzeName('华为 Technologies 有限公司');
    expect(a.hasHan && a.hasLatin).toBe(true);
    expect(a.normalized).toBe('huawei technology');
  });
});

describe('pinyin readings', () => {
  it('offers the other reading of polyphonic characters in short proper names', () => {
    expect(pinyinReadings('重明')).toEqual(expect.arrayContaining(['chongming', 'zhongming']));
    const g = analyzeName('重明科技').groups[0];
    expect(g?.alternatives.map((a) => a[0]?.key)).toEqual(expect.arrayContaining(['chongming', 'zhongming']));
  });
});

describe('pinyin input', () => {
  it('recognises dictionary words written in pinyin', () => {
    expect(normalizeName('Haerbin Gongye Daxue')).toBe(normalizeName('哈尔滨工业大学'));
    expect(normalizeName('Zhongguo Yidong Youxian Gongsi')).toBe('china mobile');
    expect(vias('Beijing Huawei Shuzi Jishu Youxian Gongsi')).toContain('pinyin-dictionary');
  });

  it('does not read single syllables as dictionary words', () => {
    expect(normalizeName('Li Ming')).toBe('li ming');
  });
});
