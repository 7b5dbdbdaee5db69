import { analyzeName } from '../normalize/analyze.ts';
import { ZH_GENERIC_TERMS } from '../normalize/dictionaries.ts';
import type { AnalyzedName, IgnoredPart } from '../normalize/tokens.ts';
import type { IndexedName } from './name-index.ts';
import type { Alignment } from './score.ts';

/** One candidate name after alignment, before it becomes a Match. */
export interface Scored {
  readonly name: IndexedName;
  readonly alignment: Alignment;
  readonly score: number;
  readonly qualifiers: { reason: string; factor: number }[];
  readonly exact: boolean;
}

/** Legal-form and stopword spellings folded for the tie-break ("Corp" and "Corporation" agree). */
const LEGAL_CANON: Readonly<Record<string, string>> = {
  corp: 'corporation',
  co: 'company',
  ltd: 'limited',
  inc: 'incorporated',
  'co ltd': 'company limited',
  有限公司: 'company limited',
  股份有限公司: 'company limited',
  有限责任公司: 'limited liability company',
  公司: 'company',
  集团公司: 'company',
  有限: 'limited',
};

export function ignoredWords(parts: readonly IgnoredPart[]): Set<string> {
  const out = new Set<string>();
  for (const p of parts) if (p.reason === 'legal form' || p.reason === 'stopword') for (const w of (LEGAL_CANON[p.surface] ?? p.surface).split(' ')) out.add(LEGAL_CANON[w] ?? w);
  return out;
}

/**
 * Orders equal scores, so that among list names that say the same thing the closest spelling
 * comes first: the same comparable form, then the same words in the same order, then a primary
 * name before an alias, then the same legal form and small
 * words ("…Co., Ltd." vs "…Corporation"), then fewer unexplained list parts, then the nearer length.
 */
export function tieBreak(q: AnalyzedName, qIgnored: ReadonlySet<string>, s: Scored): number {
  const listIgnored = ignoredWords(s.name.ignored);
  let shared = 0;
  for (const w of listIgnored) if (qIgnored.has(w)) shared++;
  const union = qIgnored.size + listIgnored.size - shared;
  const jaccard = union === 0 ? 1 : shared / union;
  return (
    (s.exact ? 0 : 1000) +
    (q.normalized === s.name.normalized ? 0 : 100) +
    // Within an exact tie the record whose primary name matched comes before one matched on an alias.
    (s.name.text === s.name.entityName ? 0 : 60) +
    (1 - jaccard) * 50 +
    s.alignment.extraRecord.length * 5 +
    (q.hasHan ? 0 : Math.min(4, Math.abs(q.raw.length - s.name.text.length) / 4))
  );
}

/**
 * Chinese registered names add generic words the English listing drops (上海移远通信技术股份有限公司
 * is listed as "Quectel Wireless Solutions"). When a curated brand of the name dictionary accounts
 * for every proper-name part on both sides, the score is at least this: a likely match to review.
 */
export const BRAND_FLOOR = 0.85;

export function brandExplainsName(a: Alignment): boolean {
  const matched = new Set<number>();
  for (const p of a.pairs) if (p.sim >= 0.95) for (const qi of p.q) matched.add(qi);
  // Every part read from the brand's dictionary entry must be matched, not just one word of it.
  const brandParts = a.query.map((t, i) => ({ t, i })).filter(({ t }) => t.via === 'han-dictionary' && t.kind === 'name');
  const brands = new Set(brandParts.map(({ t }) => t.surface));
  const complete = [...brands].some((surface) => a.query.every((t, i) => t.surface !== surface || matched.has(i)));
  if (!complete) return false;
  // A word that says what the company does (中兴能源: energy) is not generic: no floor for it.
  const distinct = (i: number): boolean => {
    const t = a.query[i];
    return t !== undefined && t.via === 'han-dictionary' && t.kind === 'term' && !ZH_GENERIC_TERMS.has(t.surface);
  };
  return !a.extraQuery.some((i) => a.query[i]?.kind === 'name' || a.query[i]?.kind === 'number' || distinct(i)) && !a.extraRecord.some((i) => a.record[i]?.kind === 'name' || a.record[i]?.kind === 'number');
}


/**
 * A list name indexed without its bracketed part ("Huawei Technologies (UK) Co., Ltd." is also
 * indexed as "Huawei Technologies Co., Ltd." so that restated acronyms such as "(CASIC)" cost
 * nothing) still says something the bare name does not when the brackets hold a country or place:
 * that subsidiary is another party. Returns the bracketed text when it is such a qualifier and
 * the indexed form left it out.
 */
export function droppedQualifier(text: string, normalized: string): { text: string; keys: readonly string[] } | undefined {
  if (!text.includes('(')) return undefined;
  let found = QUALIFIER_CACHE.get(text);
  if (found === undefined) {
    found = bracketPlaces(text);
    if (QUALIFIER_CACHE.size > 50_000) QUALIFIER_CACHE.clear();
    QUALIFIER_CACHE.set(text, found);
  }
  // Only when the indexed form left the bracket out (the full form already pays for its words).
  const padded = ` ${normalized} `;
  return found.find((b) => !b.keys.some((k) => padded.includes(` ${k} `)));
}

/** The bracketed parts of a name that are a country or place (UK, HK, USA, Shenzhen) or a two-letter code, not an acronym of the name. */
function bracketPlaces(text: string): { text: string; keys: readonly string[] }[] {
  const out: { text: string; keys: readonly string[] }[] = [];
  for (const m of text.matchAll(/\(\s*([A-Z0-9][A-Z0-9 .&/-]{0,14})\)/g)) {
    const inner = m[1]?.trim() ?? '';
    const tokens = analyzeName(inner).groups.flatMap((g) => g.alternatives[0] ?? []);
    if (tokens.length === 0) continue;
    if (tokens.every((t) => t.kind === 'place') || /^[A-Z]{2}$/.test(inner) || tokens.some((t) => t.via === 'latin-dictionary' && t.surface.length <= 4)) out.push({ text: inner, keys: tokens.map((t) => t.key) });
  }
  return out;
}

const QUALIFIER_CACHE = new Map<string, { text: string; keys: readonly string[] }[]>();

/** An unexplained country or place the list name states in brackets: another party (a subsidiary) more likely. */
export const QUALIFIER_FACTOR = 0.93;
