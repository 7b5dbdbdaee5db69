import { pinyin, polyphonic } from 'pinyin-pro';
import acronyms from '../dict/acronyms.json' with { type: 'json' };
import enSynonyms from '../dict/en-synonyms.json' with { type: 'json' };
import legalFormsWorld from '../dict/legal-forms-world.json' with { type: 'json' };
import legalForms from '../dict/legal-forms.json' with { type: 'json' };
import names from '../dict/names.json' with { type: 'json' };
import places from '../dict/places.json' with { type: 'json' };
import terms from '../dict/terms.json' with { type: 'json' };
import zhGeneric from '../dict/zh-generic.json' with { type: 'json' };
import { latinWords, stem } from './latin-fold.ts';

export type DictKind = 'legal' | 'term' | 'place' | 'name';

/** A dictionary word with its English readings, each already folded to comparable keys. */
export interface DictEntry {
  readonly kind: DictKind;
  readonly source: string;
  readonly alternatives: readonly (readonly string[])[];
}

/** Words that carry no identity in any name; dropped and reported as ignored. */
export const STOPWORDS: ReadonlySet<string> = new Set(['of', 'the', 'and', 'for', 'in', 'at', 'on', 'de', 'del', 'des', 'du', 'la', 'le', 'y', 'et', 'und', 'an', 'no', 'nr', 'number']);

export const SYNONYMS: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries({ ...(enSynonyms as Record<string, string>), ...(acronyms as Record<string, string>) })
    .filter(([k]) => !k.startsWith('_'))
    .map(([k, v]) => [k, v.split(' ')]),
);

/** Folds one Latin word: synonym, plural stem, synonym again (Technologies → technologie → technology). */
export function foldWord(word: string): readonly string[] {
  const direct = SYNONYMS.get(word);
  if (direct) return direct;
  const s = stem(word);
  return SYNONYMS.get(s) ?? [s];
}

/** Legal-form words a dictionary rendering may carry ("… Corporation"); list names drop them, so readings do too. */
const LEGAL_WORDS: ReadonlySet<string> = new Set(['corporation', 'corp', 'company', 'co', 'limited', 'ltd', 'incorporated', 'inc']);

/** English phrase from a dictionary → comparable keys, the same way list names are folded. */
function englishKeys(phrase: string): string[] {
  return latinWords(phrase)
    .filter((w) => !STOPWORDS.has(w) && !LEGAL_WORDS.has(w))
    .flatMap((w) => foldWord(w));
}

/** Chinese registered-name words that English listings drop (技术, 股份, 通信): cheap to leave unexplained. */
export const ZH_GENERIC_TERMS: ReadonlySet<string> = new Set((zhGeneric as { terms: string[] }).terms);

function entries(json: Record<string, string>, kind: DictKind): [string, DictEntry][] {
  return Object.entries(json)
    .filter(([k]) => !k.startsWith('_'))
    // "-" is the empty reading: a qualifier English names usually leave out (中国人民解放军 before an academy).
    .map(([han, english]) => [han, { kind, source: han, alternatives: english.split('|').map((a) => (a === '-' ? [] : englishKeys(a))).filter((a, i) => a.length > 0 || i > 0) }]);
}

interface LegalForm {
  readonly canonical: string;
  readonly spellings: readonly string[];
}

const HAN_SPELLING = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const worldForms = (legalFormsWorld as { forms: LegalForm[] }).forms;
const legal = {
  latin: [...legalForms.latin, ...worldForms.flatMap((f) => f.spellings.filter((s) => !HAN_SPELLING.test(s)))],
  han: [...legalForms.han, ...worldForms.flatMap((f) => f.spellings.filter((s) => HAN_SPELLING.test(s)))],
};

/** Every spelling of a jurisdiction's legal form (folded words, or Han as written) → its canonical form. */
const LEGAL_CANONICAL: ReadonlyMap<string, string> = new Map(
  worldForms.flatMap((f) => f.spellings.map((s): [string, string] => [HAN_SPELLING.test(s) ? s : latinWords(s).join(' '), f.canonical])),
);

/** The canonical legal form a spelling stands for (`Aktiengesellschaft`, `A.G.` → `AG`), if it is one. */
export function legalFormOf(spelling: string): string | undefined {
  return LEGAL_CANONICAL.get(spelling.trim()) ?? LEGAL_CANONICAL.get(latinWords(spelling.normalize('NFKC')).join(' '));
}

/** Han dictionary: names first so a brand beats a generic reading of the same characters. */
export const HAN_DICT: ReadonlyMap<string, DictEntry> = new Map([
  ...legal.han.map((h): [string, DictEntry] => [h, { kind: 'legal', source: h, alternatives: [] }]),
  ...entries(terms, 'term'),
  ...entries(places, 'place'),
  ...entries(names, 'name'),
]);
export const HAN_DICT_MAX = Math.max(...[...HAN_DICT.keys()].map((k) => k.length));

/** Pinyin syllables of Han text, ü written u as English romanisations do. */
export function pinyinSyllables(han: string): string[] {
  return pinyin(han, { toneType: 'none', type: 'array', nonZh: 'removed' }).map((s) => s.replace(/ü|v/g, 'u').toLowerCase());
}

/**
 * Other readings of a short proper name whose characters have several (长 chang/zhang, 重 zhong/chong):
 * English listings romanise some of them the other way. The context reading comes first; at most
 * `max` readings in all, so a long name cannot explode.
 */
export function pinyinReadings(han: string, max = 4): string[] {
  const first = pinyinSyllables(han).join('');
  const per = polyphonic(han, { toneType: 'none', type: 'array' }).map((r) => r.map((x) => x.replace(/ü|v/g, 'u').toLowerCase()));
  let combos = [''];
  for (const options of per) {
    const next: string[] = [];
    for (const c of combos) for (const o of options.slice(0, 2)) if (next.length < 16) next.push(c + o);
    combos = next;
  }
  return [first, ...combos.filter((c) => c !== first)].slice(0, max);
}

/**
 * Pinyin input recognised as dictionary words ("daxue" → 大学 → university). Built from the Han
 * dictionary; single syllables are left out because they collide with ordinary name parts.
 */
export const PINYIN_DICT: ReadonlyMap<string, DictEntry> = (() => {
  const m = new Map<string, DictEntry>();
  for (const [han, entry] of HAN_DICT) {
    if ([...han].length < 2) continue;
    const key = pinyinSyllables(han).join('');
    if (key !== '' && !m.has(key)) m.set(key, entry);
  }
  return m;
})();

/** Latin legal forms as folded word sequences ("co ltd", "joint stock company"). */
export const LATIN_LEGAL: ReadonlySet<string> = new Set(legal.latin.map((p) => latinWords(p).join(' ')));
export const LATIN_LEGAL_MAX = Math.max(...[...LATIN_LEGAL].map((p) => p.split(' ').length));

/**
 * Other romanisations of places and brands folded to the first form (peking → beijing,
 * qinghua → tsinghua), so "Peking University" and 北京大学 meet on the same key.
 */
export const LATIN_ALIAS: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  for (const e of HAN_DICT.values()) {
    if (e.kind !== 'place' && e.kind !== 'name') continue;
    const first = e.alternatives[0];
    if (!first || first.length !== 1 || first[0] === undefined) continue;
    for (const alt of e.alternatives.slice(1)) {
      if (alt.length === 1 && alt[0] !== undefined && alt[0] !== first[0] && alt[0].length > 3) m.set(alt[0], first[0]);
    }
  }
  return m;
})();

/** Keys that only qualify a name: every word of a term translation, and every place. */
export const TERM_KEYS: ReadonlySet<string> = new Set(
  [...HAN_DICT.values()].filter((e) => e.kind === 'term').flatMap((e) => e.alternatives.flat()),
);
export const PLACE_KEYS: ReadonlySet<string> = new Set(
  [...HAN_DICT.values()].filter((e) => e.kind === 'place').flatMap((e) => e.alternatives.flat()),
);

/** Every prefix of a pinyin dictionary key, so the Latin scanner stops joining words early. */
export const PINYIN_PREFIXES: ReadonlySet<string> = new Set([...PINYIN_DICT.keys()].flatMap((k) => Array.from({ length: k.length }, (_, i) => k.slice(0, i + 1))));

/** First words of Latin legal-form phrases, so most words skip the phrase lookup. */
export const LATIN_LEGAL_FIRST: ReadonlySet<string> = new Set([...LATIN_LEGAL].map((p) => p.split(' ')[0] ?? ''));
