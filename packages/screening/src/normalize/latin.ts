import { LATIN_ALIAS, LATIN_LEGAL, LATIN_LEGAL_FIRST, LATIN_LEGAL_MAX, PINYIN_DICT, PINYIN_PREFIXES, PLACE_KEYS, STOPWORDS, SYNONYMS, TERM_KEYS, foldWord, type DictEntry } from './dictionaries.ts';
import { latinWords } from './latin-fold.ts';
import { readNumberWords } from './number-words.ts';
import { boundedDistance } from '../matcher/fuzzy.ts';
import type { IgnoredPart, NameToken, TokenGroup, TokenKind } from './tokens.ts';

const ORDINAL = /^(\d+)(st|nd|rd|th)$/;

/** Long legal-form words are recognised with one typo ("Corporarion", "Liited"); short ones must be exact. */
const LONG_LEGAL = ['company', 'corporation', 'limited', 'incorporated', 'companies'];

function isMisspeltLegalForm(word: string): boolean {
  if (word.length < 6 || SYNONYMS.has(word) || TERM_KEYS.has(word) || PLACE_KEYS.has(word)) return false;
  return LONG_LEGAL.some((l) => Math.abs(l.length - word.length) <= 1 && boundedDistance(word, l, 1) <= 1);
}

/**
 * Word → its token group, shared by every name that contains the word. Indexing 47,000 names folds
 * the same few thousand words over and over; sharing the (immutable) groups removes most of the
 * allocations and garbage collection of the build. Bounded so a long-running server cannot grow it
 * without limit.
 */
const WORD_CACHE = new Map<string, TokenGroup | 'stopword' | 'legal form'>();
const WORD_CACHE_MAX = 200_000;

function wordGroup(word: string): TokenGroup | 'stopword' | 'legal form' {
  const hit = WORD_CACHE.get(word);
  if (hit !== undefined) return hit;
  const value = foldGroup(word);
  if (WORD_CACHE.size >= WORD_CACHE_MAX) WORD_CACHE.clear();
  WORD_CACHE.set(word, value);
  return value;
}

function foldGroup(word: string): TokenGroup | 'stopword' | 'legal form' {
  if (STOPWORDS.has(word)) return 'stopword';
  const ord = ORDINAL.exec(word);
  if (ord?.[1] !== undefined) return { surface: word, alternatives: [[{ key: String(Number(ord[1])), kind: 'number', via: 'latin', surface: word }]] };
  if (/^\d+$/.test(word)) return { surface: word, alternatives: [[{ key: String(Number(word)), kind: 'number', via: 'latin', surface: word }]] };
  if (isMisspeltLegalForm(word)) return 'legal form';
  const folded = foldWord(word);
  const via = folded.length === 1 && folded[0] === word ? 'latin' : 'latin-dictionary';
  const tokens = folded.map((k): NameToken => {
    const key = LATIN_ALIAS.get(k) ?? k;
    return { key, kind: kindOfKey(key), via: key === k ? via : 'latin-dictionary', surface: word, form: word };
  });
  return { surface: word, alternatives: [tokens] };
}

export function kindOfKey(key: string): TokenKind {
  if (/^\d+$/.test(key)) return 'number';
  if (PLACE_KEYS.has(key)) return 'place';
  if (TERM_KEYS.has(key)) return 'term';
  return 'name';
}

export function dictGroup(entry: DictEntry, surface: string, via: NameToken['via']): TokenGroup {
  return {
    surface,
    alternatives: entry.alternatives.map((alt, ai) =>
      alt.map((key) => ({ key, alternate: ai > 0, kind: entry.kind === 'name' ? kindOfKey(key) === 'name' ? 'name' : kindOfKey(key) : entry.kind === 'place' ? 'place' : kindOfKey(key) === 'number' ? 'number' : 'term', via, surface })),
    ),
  };
}

/**
 * Latin-script text → token groups. Longest match first for legal-form phrases ("co ltd", "joint
 * stock company") and pinyin dictionary words ("youxian gongsi", "daxue"); every other word is
 * folded (abbreviation, synonym, plural) and typed by the dictionaries.
 */
export function analyzeLatin(text: string, groups: TokenGroup[], ignored: IgnoredPart[]): void {
  const words = latinWords(text);
  let i = 0;
  outer: while (i < words.length) {
    for (let n = LATIN_LEGAL_FIRST.has(words[i] ?? '') ? Math.min(LATIN_LEGAL_MAX, words.length - i) : 0; n >= 1; n--) {
      const phrase = words.slice(i, i + n).join(' ');
      if (LATIN_LEGAL.has(phrase)) {
        ignored.push({ surface: phrase, reason: 'legal form' });
        i += n;
        continue outer;
      }
    }
    let reach = 0;
    for (let joined = ''; reach < Math.min(4, words.length - i); reach++) {
      joined += words[i + reach] ?? '';
      if (!PINYIN_PREFIXES.has(joined)) break;
    }
    for (let n = reach; n >= 1; n--) {
      const joined = words.slice(i, i + n).join('');
      const entry = PINYIN_DICT.get(joined);
      // A pinyin word must span more than one syllable's worth of letters to be trusted.
      if (entry && joined.length >= 4 && !/\d/.test(joined)) {
        if (entry.kind === 'legal') ignored.push({ surface: words.slice(i, i + n).join(' '), reason: 'legal form' });
        else if (entry.kind !== 'place' || n > 1 || !PLACE_KEYS.has(joined)) {
          groups.push(dictGroup(entry, words.slice(i, i + n).join(' '), 'pinyin-dictionary'));
        } else {
          break;
        }
        i += n;
        continue outer;
      }
    }
    const number = readNumberWords(words, i);
    if (number) {
      const surface = words.slice(i, i + number.length).join(' ');
      groups.push({ surface, alternatives: [[{ key: String(number.value), kind: 'number', via: 'latin', surface }]] });
      i += number.length;
      continue;
    }
    const word = words[i] ?? '';
    i++;
    const cached = wordGroup(word);
    if (cached === 'stopword' || cached === 'legal form') ignored.push({ surface: word, reason: cached });
    else groups.push(cached);
  }
}
