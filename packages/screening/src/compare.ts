import { analyzeName } from './normalize/analyze.ts';
import type { NameToken } from './normalize/tokens.ts';
import { explain } from './matcher/explain.ts';
import { align, KIND_WEIGHT, resolveGroups, type WeightedToken } from './matcher/score.ts';
import { DEFAULT_THRESHOLD } from './matcher/token-matcher.ts';
import type { Explanation } from './matcher/types.ts';
import type { EntityType } from './types.ts';

export interface Comparison {
  readonly score: number;
  /** score ≥ DEFAULT_THRESHOLD */
  readonly match: boolean;
  readonly explanation: readonly Explanation[];
}

/**
 * Compares two names with the matcher's alignment. Without list statistics every part weighs by its
 * kind alone (proper names and numbers 1, terms 0.35, places 0.3), so scores sit close to, but are
 * not identical with, `qiao screen` scores for the same pair.
 */
export function compareNames(a: string, b: string, type?: EntityType): Comparison {
  const qa = analyzeName(a);
  const qb = analyzeName(b);
  const weigh = (t: NameToken): WeightedToken => ({ ...t, weight: KIND_WEIGHT[t.kind], rarity: 1 });
  const bTokens = qb.groups.flatMap((g) => g.alternatives[0] ?? []).map(weigh);
  const aTokens = resolveGroups(qa.groups, bTokens).map(weigh);
  const alignment = align(aTokens, bTokens, type === 'person');
  const score = Math.round(alignment.score * 1000) / 1000;
  return { score, match: score >= DEFAULT_THRESHOLD, explanation: explain(alignment, qa.ignored, qb.ignored, qa.hasHan, qb.hasHan, []) };
}
