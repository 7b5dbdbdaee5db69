import givenNames from '../dict/given-names.json' with { type: 'json' };
import personWords from '../dict/person-words.json' with { type: 'json' };

const words = personWords as { titles: string[]; particles: string[] };

/** Honorifics and titles (Dr., General, Sheikh, 先生): free to leave out of a person's name. */
export const TITLES: ReadonlySet<string> = new Set(words.titles.filter((t) => /^[a-z]+$/.test(t)));
/** Titles written in Han script, read off the end of a Han name (王伟先生). */
export const HAN_TITLES: readonly string[] = words.titles.filter((t) => !/^[a-z]+$/.test(t)).sort((a, b) => b.length - a.length);
/** Name particles (al, bin, van, von, de): almost free to leave out of a person's name. */
export const PARTICLES: ReadonlySet<string> = new Set(words.particles);

/**
 * East Slavic, Turkic and Central Asian patronymics (Anatolyevich, Ivanovna, Aliyev oglu): a
 * person is often listed without one, so leaving it out costs little.
 */
const PATRONYMIC = /^[a-z]{3,}(?:ovich|evich|ievich|yevich|ovych|evych|ovna|evna|ievna|yevna|ichna|ogly|oglu|ugli|qizi|kyzy)$/;

export function isPatronymic(key: string): boolean {
  return PATRONYMIC.test(key);
}

/** Spelling or pet form → the canonical given name of its line (bill → william, mohammed → muhammad). */
const GIVEN: ReadonlyMap<string, string> = new Map((givenNames as { groups: string[][] }).groups.flatMap((g) => g.map((n): [string, string] => [n, g[0] ?? n])));

const GROUPS: ReadonlyMap<string, readonly string[]> = new Map((givenNames as { groups: string[][] }).groups.flatMap((g) => g.map((n): [string, readonly string[]] => [n, g])));

/** Every spelling and pet form of a given name's line (bill → william, bill, billy, will…), or none. */
export function givenSpellings(key: string): readonly string[] {
  return GROUPS.get(key) ?? [];
}

const romanCache = new Map<string, string>();

/**
 * The romanisation-variant key of a name part, the same on both sides of a comparison: a given
 * name's canonical form (Bill → william, Sasha → alexander, Mohamed → muhammad), then common
 * spelling variants folded: x → ks, kh → h, ph → f, ou/oo → u, ee → i, gu before e/i → g,
 * initial ye → e, y → i, ck/q → k, w → v, -er after a consonant → -r, doubled letters collapsed.
 * `Sergey`, `Sergei` and `Serguei` all read `sergei`; `Dmitriy` and `Dmitry` read `dmitri`.
 * Vowels are otherwise kept, so `Bosch` and `Busch` stay apart.
 */
export function romanKey(key: string): string {
  const hit = romanCache.get(key);
  if (hit !== undefined) return hit;
  const s = romanFold(key);
  if (romanCache.size > 100_000) romanCache.clear();
  romanCache.set(key, s);
  return s;
}

/** Whether a letter follows itself somewhere in `s`. */
export function hasDoubledLetter(s: string): boolean {
  for (let i = 1; i < s.length; i++) if (s.charCodeAt(i) === s.charCodeAt(i - 1)) return true;
  return false;
}

/**
 * romanKey without its cache (for folding every key of a large index once). Each rewrite runs only
 * when its letters occur, which leaves the result as it is and skips most of the regular expressions.
 */
function romanFold(key: string): string {
  const given = GIVEN.get(key);
  if (given !== undefined) return given;
  let s = key;
  if (s.includes('x')) s = s.replace(/x/g, 'ks');
  if (s.includes('kh')) s = s.replace(/kh/g, 'h');
  if (s.includes('ph')) s = s.replace(/ph/g, 'f');
  if (s.includes('ou') || s.includes('oo')) s = s.replace(/ou|oo/g, 'u');
  if (s.includes('ee')) s = s.replace(/ee/g, 'i');
  if (s.includes('gu')) s = s.replace(/gu(?=[ei])/g, 'g');
  if (s.startsWith('ye')) s = s.replace(/^ye/, 'e');
  if (s.includes('y')) s = s.replace(/y/g, 'i');
  if (s.includes('ck') || s.includes('q')) s = s.replace(/ck|q/g, 'k');
  if (s.includes('w')) s = s.replace(/w/g, 'v');
  if (hasDoubledLetter(s)) s = s.replace(/(.)\1+/g, '$1');
  if (s.endsWith('er')) s = s.replace(/(?<=[^aeiou])er$/, 'r');
  return s;
}

/**
 * A looser key for a name read from another script against a Latin spelling: on top of
 * romanKey, Korean and other romanisation systems' vowels and initial consonants folded
 * (eo → o, eu → u, ae → e, initial g/b/d/l → k/p/t/r, Greek gi- → i- and oy → u, m before a stop
 * → n: Gim Jeong Eun = Kim Jong Un, Li Byeong Cheol = Ri Pyong Chol, Gianis Varoyfakis = Yanis
 * Varoufakis).
 */
export function looseKey(key: string): string {
  let k = key;
  if (k.includes('eo')) k = k.replace(/eo/g, 'o');
  if (k.includes('eu')) k = k.replace(/eu/g, 'u');
  if (k.includes('ae')) k = k.replace(/ae/g, 'e');
  // Uncached: folding every key of a large index would only churn romanKey's cache.
  let s = romanFold(k);
  if (s.startsWith('gi')) s = s.replace(/^gi(?=[aeou])/, 'i');
  if (s.includes('oi')) s = s.replace(/oi(?=[^aeiou]|$)/g, 'u');
  const c = s.charAt(0);
  if (c === 'g') s = `k${s.slice(1)}`;
  else if (c === 'l') s = `r${s.slice(1)}`;
  else if (c === 'b') s = `p${s.slice(1)}`;
  else if (c === 'd') s = `t${s.slice(1)}`;
  if (s.includes('m')) s = s.replace(/m(?=[bdgkpt])/g, 'n');
  return s;
}
