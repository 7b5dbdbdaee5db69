import * as OpenCC from 'opencc-js';
import { HAN_DICT, HAN_DICT_MAX, pinyinReadings, pinyinSyllables, type DictEntry } from './dictionaries.ts';
import { dictGroup } from './latin.ts';
import { NUMERAL_CHARS, parseChineseNumeral } from './numerals.ts';
import { HAN_TITLES } from './people.ts';
import type { IgnoredPart, TokenGroup } from './tokens.ts';

/** Traditional (incl. Hong Kong and Taiwan forms) → simplified, so 清華大學 and 清华大学 compare equal. */
const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

export const HAN_CHAR = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff〇]/;
export const HAN_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff〇]+/g;

export function simplify(text: string): string {
  return toSimplified(text);
}

/** Administrative suffixes dropped after a place name (深圳市 → 深圳). */
const ADMIN_SUFFIXES = ['特别行政区', '维吾尔自治区', '壮族自治区', '回族自治区', '自治区', '自治州', '省', '市', '区', '县'];
/** Characters that only join words (与, 和) or mark ordinals (第). */
const JOINERS = new Set(['与', '和', '及', '的', '之', '暨']);

function longestEntry(run: string, p: number, allowSingle: boolean): [string, DictEntry] | undefined {
  for (let len = Math.min(HAN_DICT_MAX, run.length - p); len >= (allowSingle ? 1 : 2); len--) {
    const w = run.slice(p, p + len);
    const e = HAN_DICT.get(w);
    if (e) return [w, e];
  }
  return undefined;
}

/**
 * Proper-name rest of a Han run → its pinyin readings, shared by every name with the same rest (the
 * same given names and brand syllables recur across a list, and pinyin is the dearest step of a Han
 * name). The groups are never changed after they are made. Bounded like the Latin word cache.
 */
const RESIDUAL_CACHE = new Map<string, TokenGroup | null>();
const RESIDUAL_CACHE_MAX = 100_000;

function residualGroup(residual: string): TokenGroup | null {
  const hit = RESIDUAL_CACHE.get(residual);
  if (hit !== undefined) return hit;
  const readings = [...residual].length <= 4 ? pinyinReadings(residual) : [pinyinSyllables(residual).join('')];
  const alternatives = readings.filter((k) => k !== '').map((key, i) => [{ key, kind: 'name' as const, via: 'han-pinyin' as const, surface: residual, han: residual, alternate: i > 0 ? true : undefined }]);
  const group = alternatives.length > 0 ? { surface: residual, alternatives } : null;
  if (RESIDUAL_CACHE.size >= RESIDUAL_CACHE_MAX) RESIDUAL_CACHE.clear();
  RESIDUAL_CACHE.set(residual, group);
  return group;
}

/**
 * Segments one run of simplified Han characters: dictionary words (longest match), numerals before
 * 所/院/厂 or after 第, and the rest as proper-name parts compared in pinyin (with their characters
 * kept for Han-to-Han comparison).
 */
export function segmentHan(whole: string, groups: TokenGroup[], ignored: IgnoredPart[]): void {
  // A courtesy or academic title after a person's name (王伟先生, 李明教授) is not part of the name.
  const title = HAN_TITLES.find((t) => whole.length >= t.length + 2 && whole.endsWith(t));
  const run = title === undefined ? whole : whole.slice(0, -title.length);
  if (title !== undefined) ignored.push({ surface: title, reason: 'title' });
  let residual = '';
  let previousWasNumber = false;
  const flush = (): void => {
    if (residual === '') return;
    const group = residualGroup(residual);
    if (group) groups.push(group);
    residual = '';
  };
  let p = 0;
  while (p < run.length) {
    const ch = run[p] ?? '';
    if (ch === '第' || NUMERAL_CHARS.test(ch)) {
      const m = /^第?([零〇一二三四五六七八九两十百千]+)/.exec(run.slice(p));
      const digits = m?.[1];
      const after = m ? p + m[0].length : p;
      const value = digits === undefined ? undefined : parseChineseNumeral(digits);
      const ordinal = m?.[0].startsWith('第') === true;
      if (m && value !== undefined && (ordinal || longestEntry(run, after, true) !== undefined || after === run.length)) {
        flush();
        groups.push({ surface: m[0], alternatives: [[{ key: String(value), kind: 'number', via: 'han-numeral', surface: m[0], han: m[0] }]] });
        p = after;
        previousWasNumber = true;
        continue;
      }
      if (ch === '第') {
        flush();
        ignored.push({ surface: ch, reason: 'stopword' });
        p++;
        continue;
      }
    }
    // 之 and 和 join words, unless they begin one (之江实验室 is Zhejiang Lab).
    if (JOINERS.has(ch) && longestEntry(run, p, false) === undefined) {
      flush();
      ignored.push({ surface: ch, reason: 'stopword' });
      p++;
      continue;
    }
    // Single-character words (所, 院, 厂) only count at the end of a name (a legal form after them
    // included: 日立製作所株式会社) or after a number.
    const allowSingle = previousWasNumber || p === run.length - 1 || HAN_DICT.get(run.slice(p + 1))?.kind === 'legal';
    const hit = longestEntry(run, p, allowSingle);
    previousWasNumber = false;
    if (!hit) {
      residual += ch;
      p++;
      continue;
    }
    const [word, entry] = hit;
    flush();
    p += word.length;
    if (entry.kind === 'legal') {
      ignored.push({ surface: word, reason: 'legal form' });
      continue;
    }
    groups.push(dictGroup(entry, word, 'han-dictionary'));
    if (entry.kind === 'place') {
      const suffix = ADMIN_SUFFIXES.find((s) => run.startsWith(s, p) && !HAN_DICT.has(run.slice(p, p + s.length + 1)));
      if (suffix) {
        ignored.push({ surface: suffix, reason: 'administrative suffix' });
        p += suffix.length;
      }
    }
  }
  flush();
}
