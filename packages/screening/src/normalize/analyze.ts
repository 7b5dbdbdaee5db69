import { deobfuscate } from './evasion.ts';
import { segmentHan, simplify, HAN_CHAR, HAN_RUN } from './han.ts';
import { LATIN_LEGAL } from './dictionaries.ts';
import { analyzeLatin } from './latin.ts';
import { latinWords } from './latin-fold.ts';
import { consonantSkeleton, hasOtherScript, transliterate, type Transliterated } from './scripts.ts';
import type { AnalyzedName, IgnoredPart, NameToken, NormalizedName, TokenGroup } from './tokens.ts';

const PLAIN_ASCII = /^[\x20-\x7e]*$/;

/** A legal form written in its own script (ООО, 주식회사) is recognised as written, not transliterated. */
function isLegalSpelling(word: string): boolean {
  return LATIN_LEGAL.has(latinWords(word).join(' '));
}

/**
 * Tokens read from a transliterated word say so, and keep the word as written for explanations;
 * abjad words (Arabic, Persian, Hebrew) are compared on their consonant skeleton.
 */
function markTransliterated(groups: TokenGroup[], read: Transliterated): TokenGroup[] {
  return groups.map((g) => {
    const origin = read.words.get(g.surface);
    if (!origin) return g;
    return {
      surface: origin.original,
      alternatives: g.alternatives.map((alt) =>
        alt.map((t): NameToken => {
          if (t.kind === 'number') return t;
          const abjad = origin.reading === 'abjad';
          // The word as read, before plural stemming ("yandeks" must not become yandek).
          const word = t.form ?? t.key;
          return { key: abjad ? consonantSkeleton(word) : t.key, kind: t.kind, via: abjad ? 'translit-abjad' : 'translit', surface: origin.original, form: word, alternate: t.alternate };
        }),
      ),
    };
  });
}

/**
 * Analyses a name in any mix of Latin and Han script into comparable token groups:
 * NFKC → (Han) traditional→simplified, dictionary segmentation, numerals, pinyin for the rest;
 * (Latin) case and diacritics folded, legal forms and stopwords dropped, abbreviations expanded.
 */
export function analyzeName(raw: string): AnalyzedName {
  // Plain ASCII (most list names) is already in NFKC form and cannot hide anything: skip the
  // normalisation on the hot path.
  const ascii = PLAIN_ASCII.test(raw);
  let text = ascii ? raw : deobfuscate(raw);
  let groups: TokenGroup[] = [];
  const ignored: IgnoredPart[] = [];
  // Cyrillic, Arabic, Greek, Devanagari, Hangul, kana…: read in Latin (Han keeps its own path).
  const read = !ascii && !PLAIN_ASCII.test(text) && hasOtherScript(text) ? transliterate(text, isLegalSpelling) : undefined;
  if (read) {
    text = read.text;
    for (const p of read.particles) ignored.push({ surface: p, reason: 'particle' });
  }
  const hasHan = !ascii && HAN_CHAR.test(text);
  let hasLatin = false;
  if (!hasHan) {
    analyzeLatin(text, groups, ignored);
    hasLatin = groups.length > 0;
  } else {
    const simplified = simplify(text);
    let last = 0;
    for (const m of simplified.matchAll(HAN_RUN)) {
      const before = simplified.slice(last, m.index);
      if (/[\p{L}\p{N}]/u.test(before)) {
        hasLatin = true;
        analyzeLatin(before, groups, ignored);
      }
      segmentHan(m[0], groups, ignored);
      last = m.index + m[0].length;
    }
    const rest = simplified.slice(last);
    if (/[\p{L}\p{N}]/u.test(rest)) {
      hasLatin = true;
      analyzeLatin(rest, groups, ignored);
    }
  }
  if (read && read.words.size > 0) groups = markTransliterated(groups, read);
  if (groups.length === 0 && ignored.some((i) => i.reason === 'legal form' || i.reason === 'stopword')) {
    // A name made only of generic words ("The Company") keeps them rather than vanishing.
    for (const i of ignored.splice(0)) {
      groups.push({ surface: i.surface, alternatives: [[{ key: i.surface.replace(/\s+/g, ''), kind: 'name', via: 'latin', surface: i.surface }]] });
    }
  }
  // The first reading's keys, a space between tokens and between groups (a group with no key adds nothing).
  let normalized = '';
  for (const g of groups) {
    const first = g.alternatives[0];
    if (!first || first.length === 0) continue;
    let part = first[0]?.key ?? '';
    for (let i = 1; i < first.length; i++) part = `${part} ${first[i]?.key ?? ''}`;
    if (part !== '') normalized = normalized === '' ? part : `${normalized} ${part}`;
  }
  return read && read.words.size > 0 ? { raw, normalized: normalized as NormalizedName, groups, ignored, hasHan, hasLatin, transliterated: true } : { raw, normalized: normalized as NormalizedName, groups, ignored, hasHan, hasLatin };
}

/** The comparable form of a name: the only way to obtain a NormalizedName. */
export function normalizeName(raw: string): NormalizedName {
  return analyzeName(raw).normalized;
}
