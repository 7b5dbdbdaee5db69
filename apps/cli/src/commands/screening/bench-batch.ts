// The batch file of `qiao bench screening-scale`: names as a compliance officer's counterparty file
// holds them, every one distinct, so a repeated name cannot hide what a query costs. Deterministic:
// the same lists, development queries and size always give the same file.
import type { EntityType, ListRecord } from '@qiao/screening';
import { rng } from '../../../../../packages/screening/bench/synthetic-ftm.ts';

const ONSETS = ['b', 'br', 'c', 'ch', 'd', 'f', 'g', 'gr', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'r', 's', 'sh', 't', 'tr', 'v', 'w', 'z'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'io', 'ou'];
const CODAS = ['', '', 'n', 'r', 's', 'l', 'm', 'x', 'ck'];
const ORG_WORDS = ['Trading', 'Holdings', 'Industries', 'Technology', 'Logistics', 'Shipping', 'Energy', 'Systems', 'Engineering', 'Electronics', 'Aviation', 'Marine', 'Capital', 'Import Export', 'Machinery', 'Chemical', 'Research Institute', 'Group', 'International', 'Materials', 'Optics', 'Semiconductor', 'Instruments', 'Software'];
const LEGAL = ['Ltd', 'Ltd.', 'Limited', 'LLC', 'GmbH', 'S.A.', 'Co., Ltd.', 'Inc.', 'AG', 'B.V.', 'JSC', 'PLC', 'Corporation', 'S.r.l.', ''];
const PLACES = ['Beijing', 'Shanghai', 'Shenzhen', 'Hong Kong', 'Dubai', 'Istanbul', 'Singapore', 'Moscow', 'Tehran', 'Hamburg', 'Rotterdam', 'Seoul', 'Osaka', 'Mumbai', 'Almaty'];
const GIVEN = ['Wei', 'Li', 'Ming', 'Jun', 'Hui', 'Sergei', 'Olga', 'Ahmed', 'Fatima', 'Reza', 'Maria', 'John', 'Anna', 'Mohammad', 'Elena', 'Kim', 'David', 'Sara', 'Yusuf', 'Ivan', 'Hassan', 'Chen', 'Peter', 'Laura'];
const SURNAMES = ['Wang', 'Zhang', 'Liu', 'Chen', 'Petrov', 'Ivanova', 'Hosseini', 'Rahimi', 'Garcia', 'Smith', 'Kumar', 'Park', 'Nguyen', 'Yilmaz', 'Schmidt', 'Rossi', 'Haddad', 'Novak', 'Sato', 'Ali', 'Khan', 'Lopez', 'Morozov', 'Huang'];
const HAN_PLACES = ['北京', '上海', '深圳', '广州', '天津', '重庆', '武汉', '成都', '西安', '南京', '杭州', '苏州', '青岛', '厦门'];
const HAN_BRAND = [...'华中兴海天东方宏远鑫达盛通泰康瑞丰源恒信诚隆昌荣威腾安博新'];
const HAN_WORDS = ['科技', '电子', '贸易', '实业', '能源', '机械', '化工', '信息', '通信', '材料', '光电', '精密', '智能', '物流', '软件', '生物'];
const HAN_TAILS = ['有限公司', '股份有限公司', '集团有限公司', '科技有限公司', '研究所'];
const HAN_SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘'];
const HAN_GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞建国志文斌宇浩凯晨欣怡'];

export interface BatchName {
  readonly name: string;
  readonly type: EntityType;
}

/** What the file is made of, printed beside the throughput. */
export interface BatchMix {
  readonly development: number;
  readonly listed: number;
  readonly varied: number;
  readonly unlisted: number;
}

/** One edit a person makes when typing a listed name: a typo, case, punctuation, legal form, word order. */
function vary(name: string, type: EntityType, r: () => number): string {
  const kind = Math.floor(r() * 5);
  const letters = [...name];
  if (kind === 0 && letters.length > 5) {
    // Two neighbouring letters swapped, away from the first letter.
    const i = 1 + Math.floor(r() * (letters.length - 2));
    const a = letters[i] ?? '';
    letters[i] = letters[i + 1] ?? '';
    letters[i + 1] = a;
    return letters.join('');
  }
  if (kind === 1) return r() < 0.5 ? name.toUpperCase() : name.toLowerCase();
  if (kind === 2) return name.replace(/[.,()'"-]/g, ' ').replace(/\s+/g, ' ').trim();
  if (kind === 3 && type !== 'person') return `${name.replace(/,?\s+(co\.?,?\s*ltd\.?|ltd\.?|limited|inc\.?|llc|corp\.?|corporation|company)\s*$/i, '')} ${LEGAL[Math.floor(r() * LEGAL.length)] ?? ''}`.trim();
  const words = name.split(/\s+/);
  if (words.length >= 2) return [words[words.length - 1], ...words.slice(0, -1)].join(' ');
  return letters.length > 4 ? letters.filter((_, i) => i !== Math.floor(letters.length / 2)).join('') : `${name} ${PLACES[Math.floor(r() * PLACES.length)] ?? ''}`;
}

/** A counterparty listed nowhere: a company or a person, in Latin or Chinese script. */
function unlisted(r: () => number): BatchName {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const kind = r();
  if (kind < 0.45) {
    const syllables = 2 + Math.floor(r() * 2);
    let brand = '';
    for (let i = 0; i < syllables; i++) brand += pick(ONSETS) + pick(VOWELS) + pick(CODAS);
    brand = brand.charAt(0).toUpperCase() + brand.slice(1);
    const place = r() < 0.25 ? ` ${pick(PLACES)}` : '';
    return { name: `${brand}${place} ${pick(ORG_WORDS)} ${pick(LEGAL)}`.trim(), type: 'organization' };
  }
  if (kind < 0.7) return { name: `${pick(HAN_PLACES)}${pick(HAN_BRAND)}${pick(HAN_BRAND)}${pick(HAN_WORDS)}${pick(HAN_TAILS)}`, type: 'organization' };
  if (kind < 0.9) return { name: r() < 0.3 ? `${pick(GIVEN)} ${pick(GIVEN)} ${pick(SURNAMES)}` : `${pick(GIVEN)} ${pick(SURNAMES)}`, type: 'person' };
  return { name: `${pick(HAN_SURNAMES)}${pick(HAN_GIVEN)}${r() < 0.6 ? pick(HAN_GIVEN) : ''}`, type: 'person' };
}

/**
 * `n` distinct names: the development queries first, then, in equal turns with names listed nowhere,
 * listed names (primary names and aliases of the given records) as written and with one edit. About
 * 45% of the names come from the lists, the rest are companies and people in Latin and Chinese script
 * that are on no list. Each name appears once.
 */
export function distinctBatchNames(records: readonly ListRecord[], development: readonly BatchName[], n: number, seed = 13): { names: BatchName[]; mix: BatchMix } {
  const r = rng(seed);
  const listed: BatchName[] = [];
  for (const rec of records) {
    listed.push({ name: rec.name, type: rec.type });
    for (const a of rec.aliases) listed.push({ name: a, type: rec.type });
  }
  // A seeded shuffle, so every listed name has the same chance and none is drawn twice.
  for (let i = listed.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    const t = listed[i] as BatchName;
    listed[i] = listed[j] as BatchName;
    listed[j] = t;
  }
  const seen = new Set<string>();
  const names: BatchName[] = [];
  const mix = { development: 0, listed: 0, varied: 0, unlisted: 0 };
  const take = (b: BatchName, kind: keyof BatchMix): void => {
    const name = b.name.trim();
    if (names.length >= n || name === '' || [...name].length > 300 || seen.has(name)) return;
    seen.add(name);
    names.push({ name, type: b.type });
    mix[kind]++;
  };
  for (const d of development) take(d, 'development');
  let next = 0;
  // Bounded: after every listed name is used, only names listed nowhere remain to be made.
  for (let turn = 0; names.length < n && turn < 50 * n; turn++) {
    const roll = r();
    const source = listed[next % Math.max(1, listed.length)];
    if (roll < 0.25 && source && next < listed.length) {
      next++;
      take(source, 'listed');
    } else if (roll < 0.45 && source && next < listed.length) {
      next++;
      take({ name: vary(source.name, source.type, r), type: source.type }, 'varied');
    } else take(unlisted(r), 'unlisted');
  }
  return { names, mix };
}

/** The batch as a CSV file's text, with the columns `qiao screen --batch` reads. */
export function batchCsv(names: readonly BatchName[]): string {
  const rows = names.map((b, i) => `b${i + 1},"${b.name.replace(/"/g, '""')}",${b.type}`);
  return `id,name,type\n${rows.join('\n')}\n`;
}
