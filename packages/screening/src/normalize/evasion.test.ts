import { describe, expect, it } from 'vitest';
import { compareNames } from '../compare.ts';
import { createMatcher } from '../index.ts';
import { DEFAULT_THRESHOLD } from '../matcher/token-matcher.ts';
import type { ListRecord } from '../types.ts';
import { analyzeName, normalizeName } from './analyze.ts';
import { legalFormOf } from './dictionaries.ts';

const score = (a: string, b: string): number => compareNames(a, b, 'organization').score;

const records: ListRecord[] = [
  { listId: 'csl', recordId: 'hit', type: 'organization', name: 'Harbin Institute of Technology', aliases: [], programs: [], countries: [], sourceFile: 'cases' },
  { listId: 'csl', recordId: 'huawei', type: 'organization', name: 'Huawei Technologies Co., Ltd.', aliases: [], programs: [], countries: [], sourceFile: 'cases' },
  { listId: 'csl', recordId: 'rosatom', type: 'organization', name: 'Rosatom AG', aliases: [], programs: [], countries: [], sourceFile: 'cases' },
];
const matcher = createMatcher();
for (const r of records) matcher.add(r);
matcher.build();
const top = (name: string): { id?: string; score?: number } => {
  const [hit] = matcher.match({ name, type: 'organization' });
  return { id: hit?.recordId, score: hit?.score };
};

describe('invisible and format characters', () => {
  const hidden: [string, string][] = [
    ['zero-width space', 'H\u200Ba\u200Br\u200Bb\u200Bi\u200Bn Institute of Technology'],
    ['zero-width joiner', 'Har\u200Dbin Insti\u200Dtute of Tech\u200Dnology'],
    ['zero-width non-joiner', 'Ha\u200Crb\u200Cin Institute of Technology'],
    ['word joiner', 'Har\u2060b\u2060in Institute of Technology'],
    ['soft hyphen', 'Har\u00ADb\u00ADin Institute of Technology'],
    ['bidi controls', '\u202EHar\u202Cb\u2066in\u2069 Institute of Technology'],
    ['byte-order mark and Mongolian vowel separator', 'Ha\uFEFFrb\u180Ein Institute of Technology'],
  ];
  for (const [what, name] of hidden) {
    it(`does not let a ${what} hide a listed name`, () => {
      expect(score(name, 'Harbin Institute of Technology')).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
      expect(top(name)).toEqual({ id: 'hit', score: 1 });
    });
  }

  it('removes them inside Han names too', () => {
    expect(normalizeName('华\u200B为\u00AD技术')).toBe(normalizeName('华为技术'));
  });
});

describe('homoglyphs and full-width forms', () => {
  it('reads a Cyrillic letter inside a Latin word as its Latin look-alike', () => {
    expect(score('\u041Dа\u0440bin Institute of Technology', 'Harbin Institute of Technology')).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    expect(top('Наrbin Institute of Technology')).toEqual({ id: 'hit', score: 1 });
    expect(normalizeName('Наrbin')).toBe('harbin');
  });

  it('reads Greek look-alikes in Latin words', () => {
    // Greek capital Eta, Alpha, Iota and small omicron.
    expect(normalizeName('\u0397U\u0391WE\u0399 Techn\u03BFlogies')).toBe('huawei technology');
    expect(top('\u0397U\u0391WE\u0399 Techn\u03BFlogies')).toEqual({ id: 'huawei', score: 1 });
  });

  it('folds full-width forms', () => {
    expect(score('ＨＵＡＷＥＩ Technologies', 'Huawei Technologies')).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    expect(top('ＨＵＡＷＥＩ ＴＥＣＨＮＯＬＯＧＩＥＳ')).toEqual({ id: 'huawei', score: 1 });
  });

  it('reads a word written wholly in Cyrillic or Greek by transliteration, not as look-alike letters', () => {
    // Look-alike reading would give "mеdvеdеv"-like mixtures; a real Cyrillic name is transliterated.
    expect(normalizeName('Медведев')).toBe('medvedev');
    expect(normalizeName('Αθήνα')).toBe('athina');
    expect(analyzeName('Медведев').groups[0]?.surface).toBe('Медведев');
  });
});

describe('legal forms of other jurisdictions', () => {
  const pairs: [string, string][] = [
    ['Rheinmetall Aktiengesellschaft', 'Rheinmetall AG'],
    ['Bosch Gesellschaft mit beschränkter Haftung', 'Bosch GmbH'],
    ['Rolls-Royce Holdings p.l.c.', 'Rolls-Royce Holdings plc'],
    ['Thales Société Anonyme', 'Thales SA'],
    ['Philips N.V.', 'Philips NV'],
    ['RosatomAG', 'Rosatom AG'],
    ['Leonardo S.p.A.', 'Leonardo Societa per Azioni'],
    ['Indra Sistemas Sociedad Anónima', 'Indra Sistemas S.A.'],
    ['Saab Aktiebolag', 'Saab AB'],
    ['Kongsberg Gruppen ASA', 'Kongsberg Gruppen Allmennaksjeselskap'],
    ['Nokia Oyj', 'Nokia Julkinen osakeyhtiö'],
    ['Terma A/S', 'Terma Aktieselskab'],
    ['Sirius Kommanditgesellschaft', 'Sirius GmbH & Co. KG'],
    ['ООО Ромашка', 'Ромашка'],
    ['OOO Romashka', 'Obshchestvo s ogranichennoy otvetstvennostyu Romashka'],
    ['ПАО Сбербанк', 'Сбербанк'],
    ['Toshiba Kabushiki Kaisha', 'Toshiba K.K.'],
    ['東芝株式会社', '東芝'],
    ['日立製作所株式会社', '日立製作所'],
    ['삼성전자 주식회사', '삼성전자'],
    ['Tata Advanced Systems Pvt. Ltd.', 'Tata Advanced Systems Private Limited'],
  ];
  for (const [a, b] of pairs) {
    it(`matches ${a} with ${b}`, () => expect(score(a, b)).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD));
  }

  it('folds long, short and dotted spellings to one canonical form', () => {
    expect(legalFormOf('Aktiengesellschaft')).toBe('AG');
    expect(legalFormOf('A.G.')).toBe('AG');
    expect(legalFormOf('Gesellschaft mit beschränkter Haftung')).toBe('GmbH');
    expect(legalFormOf('p.l.c.')).toBe('PLC');
    expect(legalFormOf('Public Limited Company')).toBe('PLC');
    expect(legalFormOf('N.V.')).toBe('NV');
    expect(legalFormOf('Naamloze Vennootschap')).toBe('NV');
    expect(legalFormOf('ПАО')).toBe('PAO');
    expect(legalFormOf('株式会社')).toBe('KK');
    expect(legalFormOf('Bosch')).toBeUndefined();
  });

  it('splits a legal form glued to a name, and only then', () => {
    expect(top('RosatomAG')).toEqual({ id: 'rosatom', score: 1 });
    expect(normalizeName('RosatomAG')).toBe('rosatom');
    expect(normalizeName('Rosatom GmbH')).toBe(normalizeName('RosatomGmbH'));
    // Not a capitalised name followed by an upper-case form: left whole.
    expect(normalizeName('Vaga')).toBe('vaga');
    expect(normalizeName('MASSAG')).toBe('massag');
  });
});

describe('dotted initials, acronyms and number words', () => {
  it('joins dotted initials', () => {
    expect(score('A.B.C. Trading', 'ABC Trading')).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    expect(normalizeName('A.B.C. Trading')).toBe(normalizeName('ABC Trading'));
  });

  it('expands common country and organisation acronyms', () => {
    expect(score('U.K. Export Finance', 'United Kingdom Export Finance')).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    expect(score('UAE Trading House', 'United Arab Emirates Trading House')).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
  });

  it('reads English number words as numbers', () => {
    expect(score('Unit Forty-two', 'Unit 42')).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    expect(normalizeName('Unit One Thousand Two Hundred and Five')).toBe('unit 1205');
    expect(normalizeName('Twenty-first Research Institute')).toBe(normalizeName('21st Research Institute'));
    expect(normalizeName('Second Academy')).toBe(normalizeName('2nd Academy'));
    expect(score('Plant Number Nine', 'Plant No. 9')).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    expect(score('Unit Forty-two', 'Unit 43')).toBeLessThan(DEFAULT_THRESHOLD);
  });

  it('still reads Chinese numerals', () => {
    expect(score('第三十八研究所', '38th Research Institute')).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
  });
});
