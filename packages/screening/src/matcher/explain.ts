import type { IgnoredPart } from '../normalize/tokens.ts';
import { EXTRA_RECORD_FACTOR, extraQueryWeight, isTranslated, SUBSTITUTION_FACTOR, type Alignment } from './score.ts';
import type { Explanation } from './types.ts';

const round = (x: number): number => Math.round(x * 1000) / 1000;

function scriptPath(a: Alignment, queryHasHan: boolean, listHasHan: boolean): string {

  const translit = (side: readonly { via: string }[]): boolean => side.some((t) => t.via === 'translit' || t.via === 'translit-abjad');
  if (translit(a.query) || translit(a.record)) {
    const abjad = [...a.query, ...a.record].some((t) => t.via === 'translit-abjad');
    return `other script→latin (any-ascii transliteration${abjad ? ', consonant skeleton for Arabic/Persian/Hebrew' : ''}, romanisation variants folded)`;
  }
  if (queryHasHan && listHasHan) return 'han↔han (simplified characters)';
  if (queryHasHan) return 'han→english (dictionary segmentation, pinyin for proper names)';
  if (listHasHan) return 'latin→han list name (dictionary segmentation, pinyin for proper names)';
  if (a.query.some((t) => t.via === 'pinyin-dictionary' && isTranslated(t))) return 'pinyin→english (dictionary words in pinyin)';
  return 'latin';
}

/** Turns an alignment into the per-feature explanation shown with every match. */
export function explain(
  a: Alignment,
  queryIgnored: readonly IgnoredPart[],
  listIgnored: readonly IgnoredPart[],
  queryHasHan: boolean,
  listHasHan: boolean,
  qualifiers: readonly { reason: string; factor: number }[],
): Explanation[] {
  const out: Explanation[] = [{ feature: 'script', path: scriptPath(a, queryHasHan, listHasHan) }];
  const factor = (side: 'query' | 'list', i: number): number => a.optional.find((o) => o.side === side && o.index === i)?.factor ?? 1;
  const queryCost = (i: number): number => (a.query[i] ? extraQueryWeight(a.query[i]) : 0) * factor('query', i);
  const listCost = (i: number): number => (a.record[i]?.weight ?? 0) * EXTRA_RECORD_FACTOR * factor('list', i);
  const total = a.pairs.reduce((s, p) => s + 2 * p.weight, 0) + a.extraQuery.reduce((s, i) => s + queryCost(i), 0) + a.extraRecord.reduce((s, i) => s + listCost(i), 0);
  const share = (w: number): number => (total === 0 ? 0 : round(w / total));
  for (const p of a.pairs) {
    out.push({
      feature: 'part',
      query: p.q.map((i) => a.query[i]?.surface ?? '').filter((s, i, all) => all.indexOf(s) === i).join(' '),
      list: p.r.map((i) => a.record[i]?.surface ?? '').filter((s, i, all) => all.indexOf(s) === i).join(' '),
      how: p.how,
      score: round(p.sim),
      weight: share(2 * p.weight),
    });
  }
  for (const o of a.optional) {
    const t = o.side === 'query' ? a.query[o.index] : a.record[o.index];
    if (t) out.push({ feature: 'ignored', side: o.side, text: t.surface, reason: o.reason });
  }
  const optional = (side: 'query' | 'list', i: number): boolean => a.optional.some((o) => o.side === side && o.index === i);
  for (const i of a.extraQuery) {
    const t = a.query[i];
    if (t && !optional('query', i)) out.push({ feature: 'extra-query-part', query: t.surface, kind: t.kind, weight: share(queryCost(i)) });
  }
  for (const i of a.extraRecord) {
    const t = a.record[i];
    if (t && !optional('list', i)) out.push({ feature: 'extra-list-part', list: t.surface, kind: t.kind, weight: share(listCost(i)) });
  }
  for (const g of queryIgnored) out.push({ feature: 'ignored', side: 'query', text: g.surface, reason: g.reason });
  for (const g of listIgnored) out.push({ feature: 'ignored', side: 'list', text: g.surface, reason: g.reason });
  if (a.substituted) out.push({ feature: 'qualifier', reason: 'a proper-name part differs on both sides (one name swapped for another)', factor: SUBSTITUTION_FACTOR });
  for (const q of qualifiers) out.push({ feature: 'qualifier', reason: q.reason, factor: q.factor });
  return out;
}
