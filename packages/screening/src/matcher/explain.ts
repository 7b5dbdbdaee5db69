import type { IgnoredPart } from '../normalize/tokens.ts';
import { EXTRA_RECORD_FACTOR, extraQueryWeight, isTranslated, SUBSTITUTION_FACTOR, type Alignment } from './score.ts';
import type { Explanation } from './types.ts';

const round = (x: number): number => Math.round(x * 1000) / 1000;

function scriptPath(a: Alignment, queryHasHan: boolean, listHasHan: boolean): string {

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
  const total = a.pairs.reduce((s, p) => s + 2 * p.weight, 0) + a.extraQuery.reduce((s, i) => s + (a.query[i] ? extraQueryWeight(a.query[i]) : 0), 0) + a.extraRecord.reduce((s, i) => s + (a.record[i]?.weight ?? 0) * EXTRA_RECORD_FACTOR, 0);
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
  for (const i of a.extraQuery) {
    const t = a.query[i];
    if (t) out.push({ feature: 'extra-query-part', query: t.surface, kind: t.kind, weight: share(extraQueryWeight(t)) });
  }
  for (const i of a.extraRecord) {
    const t = a.record[i];
    if (t) out.push({ feature: 'extra-list-part', list: t.surface, kind: t.kind, weight: share(t.weight * EXTRA_RECORD_FACTOR) });
  }
  for (const g of queryIgnored) out.push({ feature: 'ignored', side: 'query', text: g.surface, reason: g.reason });
  for (const g of listIgnored) out.push({ feature: 'ignored', side: 'list', text: g.surface, reason: g.reason });
  if (a.substituted) out.push({ feature: 'qualifier', reason: 'a proper-name part differs on both sides (one name swapped for another)', factor: SUBSTITUTION_FACTOR });
  for (const q of qualifiers) out.push({ feature: 'qualifier', reason: q.reason, factor: q.factor });
  return out;
}
