import { describe, expect, it } from 'vitest';
import { compareNames } from '../compare.ts';
import type { EntityType, ListRecord } from '../types.ts';
import { createMatcher, DEFAULT_THRESHOLD } from './token-matcher.ts';

const person = (a: string, b: string): number => compareNames(a, b, 'person').score;
const org = (a: string, b: string): number => compareNames(a, b, 'organization').score;

const record = (listId: string, recordId: string, name: string, type: EntityType = 'organization', aliases: string[] = [], programs: string[] = []): ListRecord => ({
  listId,
  recordId,
  type,
  name,
  aliases,
  programs,
  countries: [],
  sourceFile: `${listId}.csv`,
});

describe('names in other scripts', () => {
  // Each pair scored 0 before names in other scripts had a Latin reading.
  it.each([
    ['Дмитрий Анатольевич Медведев', 'Dmitry Medvedev'],
    ['محمد جواد ظریف', 'Mohammad Javad Zarif'],
    ['أسامة بن لادن', 'Osama bin Laden'],
    ['Αλέξης Τσίπρας', 'Alexis Tsipras'],
    ['राहुल गांधी', 'Rahul Gandhi'],
    ['მიხეილ სააკაშვილი', 'Mikheil Saakashvili'],
    ['Սերժ Սարգսյան', 'Serzh Sargsyan'],
    ['김정은', 'Kim Jong Un'],
    ['ทักษิณ ชินวัตร', 'Thaksin Shinawatra'],
  ])('%s ↔ %s is a match', (a, b) => {
    expect(person(a, b)).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
  });

  it('reads organisation names and their legal forms in Cyrillic, kana and Arabic', () => {
    expect(org('ПАО «Газпром»', 'PJSC Gazprom')).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    expect(org('ソニー株式会社', 'Sony Corporation')).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    expect(org('شركة أرامكو السعودية', 'Saudi Aramco')).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
  });

  it('keeps other people of the same script apart', () => {
    expect(person('Дмитрий Медведев', 'Dmitry Peskov')).toBeLessThan(DEFAULT_THRESHOLD);
    expect(person('محمد بن سلمان', 'Mohammed bin Zayed')).toBeLessThan(DEFAULT_THRESHOLD);
    expect(org('بانک ملت', 'Bank Melli')).toBeLessThan(DEFAULT_THRESHOLD);
  });

  it('compares two names of one script as written', () => {
    expect(person('Дмитрий Медведев', 'Медведев Дмитрий')).toBe(1);
    expect(person('محمد جواد ظریف', 'محمد جواد ظریف')).toBe(1);
  });

  it('says which script path and how each part matched', () => {
    const c = compareNames('Дмитрий Медведев', 'Dmitry Medvedev', 'person');
    const [script] = c.explanation;
    expect(script?.feature === 'script' ? script.path : '').toContain('any-ascii');
    expect(c.explanation).toContainEqual(expect.objectContaining({ feature: 'part', query: 'Медведев', list: 'medvedev', how: 'transliterated' }));
  });

  it('folds romanisation variants on both sides', () => {
    for (const [a, b] of [
      ['Sergey Lavrov', 'Serguei Lavrov'],
      ['Sergei Lavrov', 'Sergey Lavrov'],
      ['Mohammed Hassan', 'Muhammad Hassan'],
      ['Mohamad Hassan', 'Mohammed Hassan'],
      ['Yuriy Kovalchuk', 'Yury Kovalchuk'],
    ] as const) {
      expect(person(a, b), `${a} ↔ ${b}`).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    }
  });
});

describe("people's names", () => {
  it('treats a patronymic or middle name as optional (0.73 before)', () => {
    expect(person('Dmitry Anatolyevich Medvedev', 'Dmitry Medvedev')).toBeGreaterThanOrEqual(0.9);
    expect(person('George Walker Bush', 'George Bush')).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    expect(person('George Walker Bush', 'George Walker')).toBeLessThan(DEFAULT_THRESHOLD);
  });

  it('matches an initial to the name it starts (0.58 before)', () => {
    expect(person('D. Medvedev', 'Dmitry Medvedev')).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    expect(person('D. Medvedev', 'Sergey Medvedev')).toBeLessThan(DEFAULT_THRESHOLD);
    expect(compareNames('D. Medvedev', 'Dmitry Medvedev', 'person').explanation).toContainEqual(expect.objectContaining({ how: 'initial' }));
  });

  it('knows common pet forms (0.39 before)', () => {
    expect(person('Bill Clinton', 'William Clinton')).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    expect(person('Sasha Ivanov', 'Alexander Ivanov')).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    expect(person('Bill Clinton', 'Bill Gates')).toBeLessThan(DEFAULT_THRESHOLD);
    expect(person('Sasha Ivanov', 'Alexei Ivanov')).toBeLessThan(DEFAULT_THRESHOLD);
  });

  it('ignores honorifics and titles (0.73 before)', () => {
    expect(person('Dr. Ahmed Hassan', 'Ahmed Hassan')).toBe(1);
    expect(person('General Qasem Soleimani', 'Qasem Soleimani')).toBe(1);
    expect(person('王伟先生', '王伟')).toBe(1);
    // Only people's names lose their titles: General Dynamics keeps its first word.
    expect(org('General Dynamics', 'Dynamics Corp')).toBeLessThan(DEFAULT_THRESHOLD);
  });

  it('handles name particles', () => {
    expect(person('Bashar al-Assad', 'Bashar Assad')).toBeGreaterThanOrEqual(0.9);
    expect(person('Ursula von der Leyen', 'Ursula Leyen')).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    expect(person('Bashar al-Assad', 'Bashar al-Jaafari')).toBeLessThan(DEFAULT_THRESHOLD);
  });
});

describe('short names and typos', () => {
  it('does not merge two short distinct names one letter apart (Bosch GmbH ↔ Busch GmbH was 0.84)', () => {
    expect(org('Bosch GmbH', 'Busch GmbH')).toBeLessThan(DEFAULT_THRESHOLD);
    expect(org('Bosch', 'Busch')).toBeLessThan(DEFAULT_THRESHOLD);
  });

  it('still forgives a typo inside a longer name', () => {
    expect(org('Huawai Technologies', 'Huawei Technologies')).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    expect(org('Rheinmettal AG', 'Rheinmetall AG')).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
  });
});

describe('ranking', () => {
  const m = createMatcher();
  m.add(record('us-csl', 'uk', 'Huawei Technologies (UK) Co., Ltd.'));
  m.add(record('us-csl', 'main', 'Huawei Technologies Co., Ltd.'));
  m.add(record('us-csl', 'alias-holder', 'Shenzhen Huawei Investment Holding', 'organization', ['Acme Rocket Works']));
  m.add(record('us-ofac-sdn', 'primary-holder', 'Acme Rocket Works'));
  m.build();

  it('ranks the fully explained name first and an unexplained bracketed country below 1.0', () => {
    const hits = m.match({ name: '华为技术有限公司' });
    expect(hits.map((h) => h.recordId).slice(0, 2)).toEqual(['main', 'uk']);
    expect(hits[0]?.score).toBe(1);
    expect(hits[1]?.score).toBeLessThan(1);
    expect(hits[1]?.explanation.some((e) => e.feature === 'qualifier' && e.reason.includes('(UK)'))).toBe(true);
  });

  it('asks nothing of the query that states the country', () => {
    const [hit] = m.match({ name: 'Huawei Technologies (UK) Co., Ltd.' });
    expect(hit).toMatchObject({ recordId: 'uk', score: 1 });
  });

  it('prefers the record whose primary name matched over one matched on an alias in an exact tie', () => {
    const hits = m.match({ name: 'Acme Rocket Works' });
    expect(hits.map((h) => h.recordId)).toEqual(['primary-holder', 'alias-holder']);
  });
});

describe('one party on several lists', () => {
  const m = createMatcher();
  m.add(record('us-csl', 'csl-1', 'HUAWEI TECHNOLOGIES CO., LTD.', 'organization', [], ['Entity List']));
  m.add(record('us-dod-1260h', 'dod-1', 'Huawei Technologies Co., Ltd.', 'organization', [], ['1260H']));
  m.add(record('us-ofac-cons', '9001', 'Huawei Technologies Company Limited', 'organization', [], ['CMIC-EO13959']));
  m.add(record('us-uflpa', 'uflpa-1', 'Huawei Technologies Co. Ltd', 'organization', [], ['UFLPA']));
  m.add(record('us-csl', 'csl-2', 'Huawei Marine Networks Co., Ltd.', 'organization', [], ['Entity List']));
  // Linked by a shared FollowTheMoney id although the names differ.
  m.add(record('gb-hmt', 'NK-abc123XYZ', 'Rostec State Corporation', 'organization', [], ['UK sanctions']));
  m.add(record('eu-fsf', 'NK-abc123XYZ', 'State Corporation Rostec', 'organization', [], ['EU sanctions']));
  // Two people of one name on one list are two designations: never joined with a third list's entry.
  m.add(record('us-ofac-sdn', '101', 'Ali Hassan', 'person'));
  m.add(record('us-ofac-sdn', '102', 'Ali Hassan', 'person'));
  m.add(record('un-sc', 'un-1', 'Ali Hassan', 'person'));
  m.build();

  it('reports the same entity on four lists as one hit naming every list, record and programme (four hits before)', () => {
    const hits = m.match({ name: 'Huawei Technologies Co., Ltd.' });
    expect(hits).toHaveLength(1);
    const [hit] = hits;
    expect(new Set(hit?.records.map((r) => r.listId))).toEqual(new Set(['us-csl', 'us-dod-1260h', 'us-ofac-cons', 'us-uflpa']));
    expect(hit?.records.map((r) => r.recordId).sort()).toEqual(['9001', 'csl-1', 'dod-1', 'uflpa-1']);
    expect([...(hit?.programs ?? [])].sort()).toEqual(['1260H', 'CMIC-EO13959', 'Entity List', 'UFLPA']);
    expect(hit?.records[0]).toMatchObject({ listId: hit?.listId, recordId: hit?.recordId });
  });

  it('joins records linked by a shared FollowTheMoney id', () => {
    const hits = m.match({ name: 'Rostec State Corporation' });
    expect(hits).toHaveLength(1);
    expect(hits[0]?.records.map((r) => r.listId).sort()).toEqual(['eu-fsf', 'gb-hmt']);
  });

  it('keeps people of one name apart when a list designates two of them', () => {
    const hits = m.match({ name: 'Ali Hassan', type: 'person' });
    expect(hits).toHaveLength(3);
  });
});

describe('Chinese names that share one word with a listed one', () => {
  it('does not alert on another company of the same brand in another trade', () => {
    expect(org('中兴能源有限公司', 'ZTE Corporation')).toBeLessThan(DEFAULT_THRESHOLD);
    expect(org('北京旷视机器人技术有限公司', 'Beijing Megvii Technology Co., Ltd.')).toBeLessThan(DEFAULT_THRESHOLD);
    expect(org('中兴通讯股份有限公司', 'ZTE Corporation')).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
  });

  it('reads institutions whose English name translates rather than romanises', () => {
    expect(org('中国科学院长春光学精密机械与物理研究所', 'Changchun Institute of Optics, Fine Mechanics and Physics')).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    expect(org('之江实验室', 'Zhejiang Lab')).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    expect(org('北京航空航天大学计算机学院', 'School of Computer Science and Engineering, Beihang University')).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    expect(org('北京理工大学', 'Beijing University of Technology')).toBeLessThan(DEFAULT_THRESHOLD);
  });
});
