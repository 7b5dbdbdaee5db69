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

/** One labelled pair's outcome: what the truth is and what a matcher said. */
export interface PairOutcome {
  readonly kind: string;
  readonly truth: boolean;
  readonly predicted: boolean;
}

/** Precision, recall and F1 of one kind of labelled pair (or of all of them, kind `all`). */
export interface KindMetrics {
  readonly kind: string;
  readonly matches: number;
  readonly nonMatches: number;
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

function metricsOf(kind: string, outcomes: readonly PairOutcome[]): KindMetrics {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const o of outcomes) {
    if (o.predicted && o.truth) tp++;
    else if (o.predicted) fp++;
    else if (o.truth) fn++;
  }
  // No alert raised at all is perfectly precise; no match to find is perfectly recalled.
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const matches = outcomes.filter((o) => o.truth).length;
  return { kind, matches, nonMatches: outcomes.length - matches, truePositives: tp, falsePositives: fp, falseNegatives: fn, precision, recall, f1 };
}

/** Per-kind precision, recall and F1 of labelled pair outcomes, kinds in first-seen order, then `all`. */
export function pairMetrics(outcomes: readonly PairOutcome[]): KindMetrics[] {
  const kinds = [...new Set(outcomes.map((o) => o.kind))];
  return [...kinds.map((k) => metricsOf(k, outcomes.filter((o) => o.kind === k))), metricsOf('all', outcomes)];
}
