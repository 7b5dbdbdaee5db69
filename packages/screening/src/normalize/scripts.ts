import anyAscii from 'any-ascii';

/**
 * Latin readings for names written in scripts other than Latin and Han (Cyrillic, Greek, Arabic,
 * Persian, Hebrew, Devanagari, Georgian, Armenian, Thai, Hangul, kana…), through any-ascii: it
 * covers every script those lists use, where `@sindresorhus/transliterate` leaves Devanagari,
 * Hebrew, Thai, Hangul and kana as they are (measured, see README).
 */

/** A run of letters of a script we read through transliteration: neither Latin nor Han. */
const OTHER_RUN = /(?:(?![\p{Script=Latin}\p{Script=Han}])[\p{L}\p{M}])+/gu;
const OTHER_LETTER = /(?![\p{Script=Latin}\p{Script=Han}])\p{L}/u;
/**
 * Scripts compared on their consonant skeleton: abjads, which write consonants and long vowels
 * only (Arabic, Persian, Hebrew), and the Indic and South-East Asian abugidas, whose inherent
 * vowels a transliteration leaves out or guesses (नरेंद्र reads "nremdr", ชินวัตร "chinwatr").
 */
const ABJAD = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Oriya}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Sinhala}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const HANGUL = /\p{Script=Hangul}/u;

/** Arabic-script particles of a person's name (son of, daughter of) and the article glued to a word. */
const ABJAD_PARTICLES = new Set(['بن', 'ابن', 'بنت', 'ال', 'בן', 'בת']);
/** Persian writes ض, ظ and ذ as z; Arabic transliteration reads them d, z/dh and dh. */
const PERSIAN_LETTERS = /[پچژگیک]/u;
const PERSIAN_Z = /[ضظذ]/gu;
const ARTICLE = /^(?:ال|اَل)(?=\p{L}{3,})/u;

export type ScriptReading = 'alphabet' | 'abjad';

export interface Transliterated {
  /** The text with every other-script word replaced by its Latin reading. */
  readonly text: string;
  /** Latin reading (lower case, as latinWords folds it) → how it was read, and the original word. */
  readonly words: ReadonlyMap<string, { readonly reading: ScriptReading; readonly original: string }>;
  /** Particles dropped from Arabic-script names (بن, ال). */
  readonly particles: readonly string[];
}

export function hasOtherScript(text: string): boolean {
  return OTHER_LETTER.test(text);
}

/**
 * Replaces every word of another script with its Latin reading and remembers which words were
 * read, so their tokens can say so (and abjad words can be compared on consonants). `keep` tells
 * which words must stay as written (legal forms such as 주식회사 or ООО, matched in their script).
 */
export function transliterate(text: string, keep: (word: string) => boolean): Transliterated {
  const words = new Map<string, { reading: ScriptReading; original: string }>();
  const particles: string[] = [];
  const out = text.replace(OTHER_RUN, (run) => {
    if (keep(run)) return run;
    const abjad = ABJAD.test(run);
    let word = run;
    if (abjad) {
      if (ABJAD_PARTICLES.has(word)) {
        particles.push(word);
        return ' ';
      }
      const article = ARTICLE.exec(word);
      if (article) {
        particles.push(article[0]);
        word = word.slice(article[0].length);
      }
    }
    let latin = anyAscii(PERSIAN_LETTERS.test(word) ? word.replace(PERSIAN_Z, 'ز') : word);
    // Hangul is read syllable by syllable with capitals (GimJeongEun): the syllables are the name parts.
    if (HANGUL.test(word)) latin = latin.replace(/(?<=[a-z])(?=[A-Z])/g, ' ');
    for (const w of latin.toLowerCase().replace(/['’`ʼ]/g, '').split(/[^a-z0-9]+/)) {
      if (w !== '') words.set(w, { reading: abjad ? 'abjad' : 'alphabet', original: run });
    }
    return ` ${latin} `;
  });
  return { text: out, words, particles };
}

const skeletonCache = new Map<string, string>();

/**
 * The consonant skeleton of a romanised word, as an abjad writes it: common digraphs folded
 * (kh→h, sh→s, th→s, dh→z, zh→j, gh→g, ph→f), q→k, c→k, v→w, then vowels, w and y dropped,
 * m before a consonant other than b/p read n, doubled letters collapsed and a final h (ة, ه) dropped. `Mohammad`, `Muhammad` and محمد (mhmd)
 * all read `mhmd`; `Zarif` and ظریف (dhryf) read `zrf`. Applied the same way to both sides.
 */
export function consonantSkeleton(key: string): string {
  const hit = skeletonCache.get(key);
  if (hit !== undefined) return hit;
  const s = skeletonOf(key);
  if (skeletonCache.size > 100_000) skeletonCache.clear();
  skeletonCache.set(key, s);
  return s;
}

/**
 * consonantSkeleton without its cache (for folding every key of a large index once). Each digraph
 * rewrite runs only when the word has an h or an x, which leaves the result as it is.
 */
export function skeletonOf(key: string): string {
  // A final h (ة, ه, or the h of -ah/-eh) first, so that it cannot form a digraph (سپه "sph" is Sepah).
  let s = key.length > 2 && key.endsWith('h') ? key.slice(0, -1) : key;
  if (s.includes('x')) s = s.replace(/x/g, 'ks');
  if (s.includes('h')) {
    s = s
      .replace(/kh/g, 'h')
      .replace(/[sc]h/g, 's')
      .replace(/th/g, 's')
      .replace(/dh/g, 'z')
      .replace(/zh/g, 'j')
      .replace(/gh/g, 'g')
      .replace(/ph/g, 'f');
  }
  s = s
    .replace(/[qc]/g, 'k')
    .replace(/v/g, 'w')
    .replace(/[aeiouwy]/g, '')
    .replace(/(.)\1+/g, '$1')
    // A nasal before another consonant is written m by the Indic anusvara (गांधी "gamdhi"), n in English.
    .replace(/m(?=[^bpm])/g, 'n');
  if (s.length > 1 && s.endsWith('h')) s = s.slice(0, -1);
  return s;
}
