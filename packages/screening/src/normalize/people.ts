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
  const given = GIVEN.get(key);
  let s = given ?? key;
  if (given === undefined) {
    s = s
      .replace(/x/g, 'ks')
      .replace(/kh/g, 'h')
      .replace(/ph/g, 'f')
      .replace(/ou|oo/g, 'u')
      .replace(/ee/g, 'i')
      .replace(/gu(?=[ei])/g, 'g')
      .replace(/^ye/, 'e')
      .replace(/y/g, 'i')
      .replace(/ck|q/g, 'k')
      .replace(/w/g, 'v')
      .replace(/(.)\1+/g, '$1')
      .replace(/(?<=[^aeiou])er$/, 'r');
  }
  if (romanCache.size > 100_000) romanCache.clear();
  romanCache.set(key, s);
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
  return romanKey(key.replace(/eo/g, 'o').replace(/eu/g, 'u').replace(/ae/g, 'e'))
    .replace(/^gi(?=[aeou])/, 'i')
    .replace(/oi(?=[^aeiou]|$)/g, 'u')
    .replace(/^g/, 'k')
    .replace(/^l/, 'r')
    .replace(/^b/, 'p')
    .replace(/^d/, 't')
    .replace(/m(?=[bdgkpt])/g, 'n');
}
