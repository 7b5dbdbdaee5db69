import { isPatronymic, looseKey, PARTICLES, romanKey, TITLES } from '../normalize/people.ts';
import { ZH_GENERIC_TERMS } from '../normalize/dictionaries.ts';
import { consonantSkeleton } from '../normalize/scripts.ts';
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
  /** Left-over parts of a person's name that cost less than usual (title, particle, patronymic, middle name), by side and index. */
  readonly optional: readonly OptionalPart[];
}

/** A left-over part of a person's name that a listing may leave out: what it is and what share of its cost it keeps. */
export interface OptionalPart {
  readonly side: 'query' | 'list';
  readonly index: number;
  readonly reason: 'title' | 'particle' | 'patronymic' | 'middle name';
  readonly factor: number;
}

/** What share of its usual cost each optional part of a person's name keeps. */
const OPTIONAL_FACTOR: Readonly<Record<OptionalPart['reason'], number>> = { title: 0, particle: 0.1, patronymic: 0.1, 'middle name': 0.3 };

export function extraQueryWeight(t: WeightedToken): number {
  if (t.via !== 'han-dictionary') return t.rarity * EXTRA_QUERY_FACTOR[t.kind];
  // A Chinese word that says what the company does (能源 energy, 机器人 robotics) is evidence of
  // another party; a registered-name word English listings drop (技术, 股份) is not.
  if (t.kind === 'term' && !ZH_GENERIC_TERMS.has(t.surface)) return t.rarity * DISTINCT_HAN_TERM_FACTOR;
  return t.rarity * EXTRA_HAN_TERM_FACTOR[t.kind];
}

/** What an unexplained Chinese term that is not a generic registered-name word costs. */
const DISTINCT_HAN_TERM_FACTOR = 0.9;

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
/** One spelling or pet form of a name for another (Sergey/Sergei, Bill/William, Mohammed/Muhammad). */
const VARIANT_SIM = 0.92;
/** A word read from another script against a Latin spelling: one transliteration among several. */
const TRANSLIT_SIM = 0.97;
/** An abjad word's consonants against a Latin spelling's: vowels are the reader's guess. */
const SKELETON_SIM = 0.9;
/** An initial against a given name it starts (D. / Dmitry): people only. */
const INITIAL_SIM = 0.85;

function isTranslit(t: NameToken): boolean {
  return t.via === 'translit' || t.via === 'translit-abjad';
}

export function pairSimilarity(q: NameToken, r: NameToken, person = false): [number, PartHow] {
  // The same Han dictionary word on both sides is a literal match, whichever reading it has.
  if (q.via === 'han-dictionary' && r.via === 'han-dictionary' && q.key === r.key && q.surface === r.surface) return [1, 'han'];
  if (q.via === 'translit-abjad' || r.via === 'translit-abjad') return skeletonSimilarity(q, r);
  let [sim, how] = rawSimilarity(q, r);
  const crossScript = isTranslit(q) !== isTranslit(r);
  // Spelling variants and pet forms are a matter of people's names and of names read from another
  // script; organisations' Latin words keep to the typo budget (and the hot path stays short).
  if ((person || crossScript) && sim < VARIANT_SIM && q.kind === 'name' && r.kind === 'name' && q.key.length > 1 && r.key.length > 1) {
    // The word as written too: plural stemming has made "james" jame and "thomas" thoma.
    const qf = q.form ?? q.key;
    const rf = r.form ?? r.key;
    if (romanKey(q.key) === romanKey(r.key) || romanKey(qf) === romanKey(rf) || (crossScript && looseKey(qf) === looseKey(rf))) [sim, how] = [VARIANT_SIM, 'variant'];
  }
  // An initial is read as whatever one letter means elsewhere ("d" of R&D is a term): only its letter counts.
  if (person && sim === 0 && (q.key.length === 1 ? r : q).kind === 'name' && (q.key.length === 1) !== (r.key.length === 1) && q.key[0] === r.key[0] && !/\d/.test(q.key + r.key)) return [INITIAL_SIM, 'initial'];
  if (crossScript && sim > 0) {
    sim *= TRANSLIT_SIM;
    if (how === 'exact') how = 'transliterated';
  }
  return [q.alternate === true || r.alternate === true ? sim * ALTERNATE_SIM : sim, how];
}

/** Arabic, Persian or Hebrew against anything: consonant skeletons compared (محمد mhmd = Mohammad). */
function skeletonSimilarity(q: NameToken, r: NameToken): [number, PartHow] {
  if (q.kind === 'number' || r.kind === 'number') return [q.key === r.key ? 1 : 0, 'exact'];
  const both = q.via === 'translit-abjad' && r.via === 'translit-abjad';
  // The Latin side as written: plural stemming has made "Hamas" hama.
  const a = q.via === 'translit-abjad' ? q.key : consonantSkeleton(q.form ?? q.key);
  const b = r.via === 'translit-abjad' ? r.key : consonantSkeleton(r.form ?? r.key);
  if (a === b && a !== '') return both ? [1, 'exact'] : [SKELETON_SIM, 'transliterated'];
  if (Math.min(a.length, b.length) >= 5 && boundedDistance(a, b, 1) <= 1) return [both ? 0.85 : 0.8, 'fuzzy'];
  return [0, 'exact'];
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
        // Prefer the reading that explains more and leaves fewer unexplained parts; a reading that
        // leaves more unexplained than it explains loses to the empty one (中国科学院 left out).
        const value = hits * 10 - (alt.length - hits) * 6;
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
  // Arabic script writes some names apart that Latin spellings join (عبد الله / Abdullah, نصر الله / Nasrallah).
  if (single.via === 'translit-abjad' || a.via === 'translit-abjad' || b.via === 'translit-abjad') {
    const joinedSkeleton = consonantSkeleton(a.key + b.key);
    return joinedSkeleton.length >= 3 && joinedSkeleton === consonantSkeleton(single.via === 'translit-abjad' ? single.key : (single.form ?? single.key)) ? SKELETON_SIM : 0;
  }
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
      const [sim, how] = pairSimilarity(q, r, person);
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
  query.forEach((_, i) => {
    if (!qUsed[i]) extraQuery.push(i);
  });
  record.forEach((_, i) => {
    if (!rUsed[i]) extraRecord.push(i);
  });
  const optional = person && pairs.length > 0 && (extraQuery.length > 0 || extraRecord.length > 0) ? optionalParts(query, record, qUsed, rUsed, extraQuery, extraRecord) : NO_OPTIONAL;
  let queryName = false;
  for (const i of extraQuery) {
    const factor = optional.length === 0 ? 1 : optionalFactor(optional, 'query', i);
    den += extraQueryWeight(query[i] as WeightedToken) * factor;
    if (factor === 1 && query[i]?.kind === 'name') queryName = true;
  }
  let recordName = false;
  for (const i of extraRecord) {
    const factor = optional.length === 0 ? 1 : optionalFactor(optional, 'list', i);
    den += (record[i] as WeightedToken).weight * EXTRA_RECORD_FACTOR * factor;
    if (factor === 1 && record[i]?.kind === 'name') recordName = true;
  }
  const substituted = queryName && recordName;
  const raw = den === 0 ? 0 : num / den;
  return { score: substituted ? raw * SUBSTITUTION_FACTOR : raw, substituted, pairs, query, record, extraQuery, extraRecord, optional };
}

const NO_OPTIONAL: readonly OptionalPart[] = Object.freeze([]);

function optionalFactor(optional: readonly OptionalPart[], side: OptionalPart['side'], index: number): number {
  for (const o of optional) if (o.side === side && o.index === index) return o.factor;
  return 1;
}

/**
 * Parts of a person's name that a listing may leave out: titles (Dr., General, Sheikh), particles
 * (al, bin, van, de), patronymics (Anatolyevich) and a middle name, when the first and last names
 * on its side are matched and the other side has no name of its own left over.
 */
function optionalParts(query: readonly WeightedToken[], record: readonly WeightedToken[], qUsed: readonly boolean[], rUsed: readonly boolean[], extraQuery: readonly number[], extraRecord: readonly number[]): OptionalPart[] {
  const out: OptionalPart[] = [];
  const classify = (side: OptionalPart['side'], tokens: readonly WeightedToken[], used: readonly boolean[], extra: readonly number[], otherExtra: readonly number[], other: readonly WeightedToken[]): void => {
    const names = tokens.map((t, i) => ({ t, i })).filter(({ t }) => t.kind === 'name' && !TITLES.has(t.key) && !PARTICLES.has(t.key));
    const firstLastMatched = names.length >= 3 && used[names[0]?.i ?? -1] === true && used[names[names.length - 1]?.i ?? -1] === true;
    const otherHasName = otherExtra.some((i) => {
      const o = other[i];
      return o !== undefined && o.kind === 'name' && !TITLES.has(o.key) && !PARTICLES.has(o.key) && !isPatronymic(o.form ?? o.key);
    });
    for (const i of extra) {
      const t = tokens[i] as WeightedToken;
      const form = t.form ?? t.key;
      let reason: OptionalPart['reason'] | undefined;
      if (TITLES.has(form) || TITLES.has(t.key)) reason = 'title';
      else if (PARTICLES.has(form) || PARTICLES.has(t.key)) reason = 'particle';
      else if (isPatronymic(form)) reason = 'patronymic';
      else if (t.kind === 'name' && firstLastMatched && !otherHasName && names.some((n) => n.i === i)) reason = 'middle name';
      if (reason) out.push({ side, index: i, reason, factor: OPTIONAL_FACTOR[reason] });
    }
  };
  classify('query', query, qUsed, extraQuery, extraRecord, record);
  classify('list', record, rUsed, extraRecord, extraQuery, query);
  return out;
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
