// A synthetic OpenSanctions-style FollowTheMoney export for scale tests and the scale benchmark:
// organisations and people in Latin, Chinese and Cyrillic script, with aliases, programmes and
// countries, plus the relations and addresses a real export interleaves (which the readers skip).
// Deterministic: the same seed and count always give the same file.

/** Mulberry32: small, fast, good enough to make names. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LATIN_ONSETS = ['b', 'br', 'c', 'ch', 'd', 'dr', 'f', 'g', 'gr', 'h', 'j', 'k', 'kr', 'l', 'm', 'n', 'p', 'pr', 'r', 's', 'sh', 'st', 't', 'tr', 'v', 'w', 'z'];
const LATIN_VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'io', 'ou', 'y'];
const LATIN_CODAS = ['', '', '', 'n', 'r', 's', 'l', 'm', 'nd', 'rt', 'x', 'ck', 'ss'];
const ORG_WORDS = ['Trading', 'Holdings', 'Industries', 'Technology', 'Logistics', 'Shipping', 'Energy', 'Resources', 'Systems', 'Engineering', 'Electronics', 'Aviation', 'Marine', 'Capital', 'Investment', 'Import Export', 'Petroleum', 'Machinery', 'Chemical', 'Research Institute', 'Group', 'International', 'Development', 'Construction'];
const LEGAL = ['Ltd', 'LLC', 'GmbH', 'S.A.', 'Co., Ltd.', 'Inc.', 'AG', 'B.V.', 'FZE', 'JSC', 'PLC', ''];
const HAN_SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
const HAN_GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞建国志文斌宇浩凯晨欣怡子轩梓涵雨博一诺思远嘉琪晓东海波新春永福德'];
const HAN_ORG_WORDS = ['科技', '电子', '贸易', '实业', '能源', '航空', '船舶', '机械', '化工', '信息', '通信', '材料', '光电', '精密', '智能', '国际', '投资', '物流', '重工', '半导体'];
const HAN_PLACES = ['北京', '上海', '深圳', '广州', '天津', '重庆', '武汉', '成都', '西安', '南京', '杭州', '大连', '青岛', '厦门', '沈阳', '长沙'];
const HAN_BRAND = [...'华中兴海天东方宏远鑫达盛通泰康瑞丰源恒信诚隆昌荣威腾'];
const HAN_ORG_TAILS = ['有限公司', '股份有限公司', '集团有限公司', '研究所', '研究院', '大学'];
const CYR_SURNAMES = ['Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Петров', 'Соколов', 'Михайлов', 'Новиков', 'Федоров', 'Морозов', 'Волков', 'Алексеев', 'Лебедев', 'Семенов', 'Егоров', 'Павлов', 'Козлов', 'Степанов', 'Николаев', 'Орлов', 'Андреев', 'Макаров', 'Никитин', 'Захаров', 'Зайцев', 'Соловьев', 'Борисов', 'Яковлев', 'Григорьев'];
const CYR_GIVEN = ['Александр', 'Дмитрий', 'Максим', 'Сергей', 'Андрей', 'Алексей', 'Артем', 'Илья', 'Кирилл', 'Михаил', 'Никита', 'Матвей', 'Роман', 'Егор', 'Арсений', 'Иван', 'Денис', 'Евгений', 'Тимофей', 'Владимир'];
const CYR_ORG = ['Технологии', 'Энерго', 'Транс', 'Пром', 'Строй', 'Нефть', 'Газ', 'Инвест', 'Торг', 'Оборон', 'Авиа', 'Маш', 'Хим', 'Снаб', 'Сервис'];
const CYR_FORMS = ['ООО', 'АО', 'ПАО', 'ОАО'];
const CYR_TO_LAT: Readonly<Record<string, string>> = { а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya' };
const COUNTRIES = ['ru', 'cn', 'ir', 'kp', 'sy', 'by', 'ae', 'tr', 'hk', 'us', 'gb', 'de', 've', 'cu', 'mm'];
const PROGRAMS = ['RUSSIA-EO14024', 'SDGT', 'IRAN', 'NPWMD', 'CYBER2', 'UKRAINE-EO13662', 'DPRK3', 'EU-SANCTIONS', 'UK-SANCTIONS', 'GLOMAG'];

function latinize(cyr: string): string {
  let out = '';
  for (const ch of cyr) {
    const lower = ch.toLowerCase();
    const lat = CYR_TO_LAT[lower];
    if (lat === undefined) out += ch;
    else out += ch === lower ? lat : lat.charAt(0).toUpperCase() + lat.slice(1);
  }
  return out;
}

interface Generator {
  readonly pick: <T>(xs: readonly T[]) => T;
  readonly chance: (p: number) => boolean;
  readonly int: (n: number) => number;
}

function generator(seed: number): Generator {
  const r = rng(seed);
  const int = (n: number) => Math.floor(r() * n);
  const pick = <T,>(xs: readonly T[]): T => xs[int(xs.length)] as T;
  return { pick, int, chance: (p) => r() < p };
}

function latinWord(g: Generator): string {
  const syllables = 2 + g.int(2);
  let w = '';
  for (let i = 0; i < syllables; i++) w += g.pick(LATIN_ONSETS) + g.pick(LATIN_VOWELS) + (i === syllables - 1 ? g.pick(LATIN_CODAS) : '');
  return w.charAt(0).toUpperCase() + w.slice(1);
}

/** One entity's names: primary first, then aliases. */
function names(g: Generator, person: boolean): string[] {
  const script = g.int(10); // 0-5 Latin, 6-7 Chinese, 8-9 Cyrillic
  const out: string[] = [];
  if (script <= 5) {
    if (person) {
      const given = latinWord(g);
      const family = latinWord(g);
      out.push(`${given} ${family}`);
      if (g.chance(0.25)) out.push(`${family.toUpperCase()}, ${given}`);
      if (g.chance(0.1)) out.push(`${given} ${latinWord(g)} ${family}`);
    } else {
      const core = g.chance(0.4) ? `${latinWord(g)} ${latinWord(g)}` : latinWord(g);
      const form = g.pick(LEGAL);
      out.push(`${core} ${g.pick(ORG_WORDS)}${form === '' ? '' : ` ${form}`}`);
      if (g.chance(0.3)) out.push(`${core} ${g.pick(ORG_WORDS)}`);
      if (g.chance(0.1)) out.push(core.toUpperCase().replace(/[^A-Z ]/g, ''));
    }
  } else if (script <= 7) {
    if (person) {
      const given = g.pick(HAN_GIVEN) + (g.chance(0.7) ? g.pick(HAN_GIVEN) : '');
      out.push(g.pick(HAN_SURNAMES) + given);
    } else {
      const brand = g.pick(HAN_BRAND) + g.pick(HAN_BRAND) + (g.chance(0.3) ? g.pick(HAN_BRAND) : '');
      const zh = `${g.chance(0.6) ? g.pick(HAN_PLACES) : ''}${brand}${g.pick(HAN_ORG_WORDS)}${g.pick(HAN_ORG_TAILS)}`;
      out.push(zh);
      if (g.chance(0.35)) out.push(`${latinWord(g)} ${g.pick(ORG_WORDS)} Co., Ltd.`);
    }
  } else if (person) {
    const given = g.pick(CYR_GIVEN);
    const family = `${g.pick(CYR_SURNAMES)}${g.chance(0.3) ? 'а' : ''}`;
    out.push(`${given} ${family}`);
    // Listings add the patronymic, or spell the name in Latin letters.
    if (g.chance(0.3)) out.push(`${given} ${g.pick(CYR_GIVEN)}ович ${family}`);
    if (g.chance(0.3)) out.push(latinize(`${family} ${given}`));
  } else {
    const core = `${g.pick(CYR_ORG)}${g.pick(CYR_ORG).toLowerCase()}${g.chance(0.5) ? `-${g.int(100)}` : ''}`;
    out.push(`${g.pick(CYR_FORMS)} «${core}»`);
    if (g.chance(0.3)) out.push(`${latinize(core)} LLC`);
  }
  return [...new Set(out.map((n) => n.trim()).filter((n) => n !== ''))];
}

export interface SyntheticSummary {
  readonly entities: number;
  readonly names: number;
  readonly lines: number;
  /** Every 500th listed name, to query with. */
  readonly sampleNames: string[];
}

/**
 * Produces `count` screenable entities (about 40% people, 60% organisations; ~1.3 names each) as
 * FollowTheMoney JSON lines, with one Address or Sanction line after every tenth entity.
 */
export function writeSyntheticFtm(write: (chunk: string) => void, count: number, seed = 13): SyntheticSummary {
  const g = generator(seed);
  let buf: string[] = [];
  let bufChars = 0;
  let nameCount = 0;
  let lines = 0;
  const sampleNames: string[] = [];
  const flush = () => {
    write(buf.join(''));
    buf = [];
    bufChars = 0;
  };
  for (let i = 0; i < count; i++) {
    const person = g.chance(0.4);
    const ns = names(g, person);
    nameCount += ns.length;
    if (i % 500 === 0) sampleNames.push(ns[0] ?? '');
    const properties: Record<string, string[]> = { name: [ns[0] ?? ''], country: [g.pick(COUNTRIES)], program: [g.pick(PROGRAMS)] };
    if (ns.length > 1) properties.alias = ns.slice(1);
    if (person) properties.birthDate = [`19${50 + g.int(50)}-0${1 + g.int(9)}-1${g.int(10)}`];
    const line = `${JSON.stringify({ id: `syn-${i.toString(36)}`, schema: person ? 'Person' : g.chance(0.8) ? 'Company' : 'Organization', caption: ns[0], properties, datasets: ['synthetic'] })}\n`;
    buf.push(line);
    bufChars += line.length;
    lines++;
    if (i % 10 === 9) {
      const extra = `${JSON.stringify({ id: `syn-addr-${i.toString(36)}`, schema: g.chance(0.5) ? 'Address' : 'Sanction', caption: 'not a party', properties: { full: ['1 Example Street'] } })}\n`;
      buf.push(extra);
      bufChars += extra.length;
      lines++;
    }
    if (bufChars > 1 << 20) flush();
  }
  flush();
  return { entities: count, names: nameCount, lines, sampleNames };
}
