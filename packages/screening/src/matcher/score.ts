import type { NameToken, TokenKind } from '../normalize/tokens.ts';
import { boundedDistance, editBudget, fuzzySimilarity } from './fuzzy.ts';
import type { PartHow } from './types.ts';

/** A token with its weight in the comparison (rarer and more identifying parts weigh more). */
export interface WeightedToken extends NameToken {
  readonly weight: number;
  /** Rarity alone (idf), before the kind factor: what an unexplained query part costs. */
  readonly rarity: number;
}

/** One aligned pair (or a part and two joined parts) with its similarity. */
export interface Pair {
  readonly q: readonly number[];
  readonly r: readonly number[];
  readonly how: PartHow;
  readonly sim: number;
  readonly weight: number;
}

export interface Alignment {
  readonly score: number;
  readonly pairs: readonly Pair[];
  readonly query: readonly WeightedToken[];
  readonly record: readonly WeightedToken[];
  readonly extraQuery: readonly number[];
  readonly extraRecord: readonly number[];
  /** True when the score carries SUBSTITUTION_FACTOR. */
  readonly substituted: boolean;
}

export function extraQueryWeight(t: WeightedToken): number {
  return t.rarity * (t.via === 'han-dictionary' ? EXTRA_HAN_TERM_FACTOR : EXTRA_QUERY_FACTOR)[t.kind];
}

/**
 * Unmatched list parts count about two thirds: list names often carry qualifiers a user leaves out
 * ("Co., Ltd.", a city, an acronym in brackets), while an unexplained query part is strong
 * evidence of a different party ("Huawei Guanghui" is not "Huawei Technologies").
 */
export const EXTRA_RECORD_FACTOR = 0.65;

/**
 * An unexplained query part costs its full rarity, more for proper names and numbers: a name that
 * the list entry cannot account for is the clearest sign of a different party.
 */
const EXTRA_QUERY_FACTOR: Readonly<Record<TokenKind, number>> = { name: 1.5, number: 1.5, place: 1, term: 0.8 };
/** Chinese registered names spell out terms the English list name drops (股份, 通信, 技术): they cost less. */
const EXTRA_HAN_TERM_FACTOR: Readonly<Record<TokenKind, number>> = { name: 1.5, number: 1.5, place: 0.9, term: 0.4 };
/** A proper-name part left over on both sides means one name was swapped for another. */
export const SUBSTITUTION_FACTOR = 0.8;

/** Cross-script evidence is a little weaker than literal evidence: one pinyin can be many names. */
const PINYIN_SIM = 0.95;
const SAME_PINYIN_OTHER_HAN_SIM = 0.8;

/** A second or later dictionary reading is slightly less certain than the first. */
const ALTERNATE_SIM = 0.98;

function pairSimilarity(q: NameToken, r: NameToken): [number, PartHow] {
  // The same Han dictionary word on both sides is a literal match, whichever reading it has.
  if (q.via === 'han-dictionary' && r.via === 'han-dictionary' && q.key === r.key && q.surface === r.surface) return [1, 'han'];
  const [sim, how] = rawSimilarity(q, r);
  return [q.alternate === true || r.alternate === true ? sim * ALTERNATE_SIM : sim, how];
}

/** A dictionary reading whose written form differs from its key ("Daxue" → university, 技术 → technology). */
export function isTranslated(t: NameToken): boolean {
  if (t.via === 'han-dictionary') return true;
  return t.via === 'pinyin-dictionary' && t.surface.replace(/\s+/g, '').toLowerCase() !== t.key;
}

function rawSimilarity(q: NameToken, r: NameToken): [number, PartHow] {
  if (q.key === r.key) {
    if (q.han !== undefined && r.han !== undefined) return q.han === r.han ? [1, 'han'] : [SAME_PINYIN_OTHER_HAN_SIM, 'pinyin'];
    if (q.via === 'han-pinyin' || r.via === 'han-pinyin') return [PINYIN_SIM, 'pinyin'];
    return [1, isTranslated(q) || isTranslated(r) ? 'translated' : 'exact'];
  }
  if (q.kind === 'number' || r.kind === 'number') return [0, 'exact'];
  const len = Math.max(q.key.length, r.key.length);
  const budget = editBudget(Math.min(q.key.length, r.key.length));
  const d = boundedDistance(q.key, r.key, budget);
  if (d <= budget) return [fuzzySimilarity(d, len), 'fuzzy'];
  // Typos in words that were then mapped ("Technologiis" vs "Technologies") show on the folded forms.
  if (q.form !== undefined && r.form !== undefined && (q.form !== q.key || r.form !== r.key)) {
    const formBudget = editBudget(Math.min(q.form.length, r.form.length));
    const fd = formBudget === 0 ? formBudget + 1 : boundedDistance(q.form, r.form, formBudget);
    if (fd <= formBudget) return [fuzzySimilarity(fd, Math.max(q.form.length, r.form.length)), 'fuzzy'];
  }
  return [0, 'exact'];
}

/** Picks, for each query group with several readings, the one that shares most keys with the list name. */
export function resolveGroups<T extends NameToken>(groups: readonly { readonly alternatives: readonly (readonly T[])[] }[], record: readonly NameToken[]): T[] {
  const out: T[] = [];
  for (const g of groups) {
    let best = g.alternatives[0] ?? [];
    if (g.alternatives.length > 1) {
      let bestHits = -1;
      for (const alt of g.alternatives) {
        let hits = 0;
        for (const t of alt) if (record.some((r) => r.key === t.key)) hits++;
        // Prefer the reading that explains more and leaves fewer unexplained parts.
        const value = hits * 10 - (alt.length - hits);
        if (value > bestHits) {
          bestHits = value;
          best = alt;
        }
      }
    }
    out.push(...best);
  }
  return out;
}

function tryJoin(single: WeightedToken, a: WeightedToken, b: WeightedToken): number {
  // Numbers never join ("3 8" is not 38); words of every other kind may be split or joined.
  if (single.kind === 'number' || a.kind === 'number' || b.kind === 'number') return 0;
  const joined = a.key + b.key;
  if (joined === single.key) return 1;
  if (joined.length >= 8 && boundedDistance(joined, single.key, 1) <= 1) return fuzzySimilarity(1, joined.length);
  return 0;
}

/**
 * Aligns query parts with list parts, best pairs first, then joins adjacent leftovers
 * ("zhongkexin" / "Zhongke Xin", 王伟 → "wangwei" / "WANG Wei"), and scores
 *   Σ sim·2w  /  (Σ 2w over pairs + Σ w of extra query parts + ½ Σ w of extra list parts)
 * where w of a pair is the list part's weight, so a typo cannot inflate its own weight.
 */
export function align(query: readonly WeightedToken[], record: readonly WeightedToken[], person: boolean): Alignment {
  const cands: { qi: number; ri: number; sim: number; how: PartHow; value: number }[] = [];
  for (let qi = 0; qi < query.length; qi++) {
    const q = query[qi] as WeightedToken;
    for (let ri = 0; ri < record.length; ri++) {
      const r = record[ri] as WeightedToken;
      const [sim, how] = pairSimilarity(q, r);
      if (sim > 0) cands.push({ qi, ri, sim, how, value: sim * r.weight });
    }
  }
  cands.sort((a, b) => b.value - a.value);
  const qUsed = new Array<boolean>(query.length).fill(false);
  const rUsed = new Array<boolean>(record.length).fill(false);
  const pairs: Pair[] = [];
  for (const c of cands) {
    if (qUsed[c.qi] || rUsed[c.ri]) continue;
    qUsed[c.qi] = true;
    rUsed[c.ri] = true;
    pairs.push({ q: [c.qi], r: [c.ri], how: c.how, sim: c.sim, weight: (record[c.ri] as WeightedToken).weight });
  }
  joinLeftovers(query, record, qUsed, rUsed, pairs, false, person);
  joinLeftovers(record, query, rUsed, qUsed, pairs, true, person);
  let num = 0;
  let den = 0;
  for (const p of pairs) {
    num += p.sim * 2 * p.weight;
    den += 2 * p.weight;
  }
  const extraQuery: number[] = [];
  const extraRecord: number[] = [];
  query.forEach((t, i) => {
    if (!qUsed[i]) {
      extraQuery.push(i);
      den += extraQueryWeight(t);
    }
  });
  record.forEach((t, i) => {
    if (!rUsed[i]) {
      extraRecord.push(i);
      den += t.weight * EXTRA_RECORD_FACTOR;
    }
  });
  const substituted = extraQuery.some((i) => query[i]?.kind === 'name') && extraRecord.some((i) => record[i]?.kind === 'name');
  const raw = den === 0 ? 0 : num / den;
  return { score: substituted ? raw * SUBSTITUTION_FACTOR : raw, substituted, pairs, query, record, extraQuery, extraRecord };
}

function joinLeftovers(
  singles: readonly WeightedToken[],
  others: readonly WeightedToken[],
  sUsed: boolean[],
  oUsed: boolean[],
  pairs: Pair[],
  singlesAreRecord: boolean,
  person: boolean,
): void {
  for (let si = 0; si < singles.length; si++) {
    if (sUsed[si]) continue;
    const s = singles[si] as WeightedToken;
    if (s.key.length < 4) continue;
    for (let oi = 0; oi + 1 < others.length; oi++) {
      if (oUsed[oi] || oUsed[oi + 1]) continue;
      const a = others[oi] as WeightedToken;
      const b = others[oi + 1] as WeightedToken;
      // People are listed surname-first or given-name-first: try both orders for them.
      const sim = Math.max(tryJoin(s, a, b), person ? tryJoin(s, b, a) : 0);
      if (sim === 0) continue;
      sUsed[si] = true;
      oUsed[oi] = true;
      oUsed[oi + 1] = true;
      const weight = singlesAreRecord ? s.weight : (a.weight + b.weight) / 2;
      pairs.push({ q: singlesAreRecord ? [oi, oi + 1] : [si], r: singlesAreRecord ? [si] : [oi, oi + 1], how: 'joined', sim: sim * (s.via === 'han-pinyin' || a.via === 'han-pinyin' ? PINYIN_SIM : 1), weight });
      break;
    }
  }
}

/** Static weights when no list statistics exist (`qiao compare`): what each kind of part is worth. */
export const KIND_WEIGHT: Readonly<Record<TokenKind, number>> = { name: 1, number: 1, term: 0.35, place: 0.3 };
