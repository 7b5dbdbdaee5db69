import { analyzeName, normalizeName } from './normalize/analyze.ts';
import type { NameToken } from './normalize/tokens.ts';
import { explain } from './matcher/explain.ts';
import { align, KIND_WEIGHT, resolveGroups, type WeightedToken } from './matcher/score.ts';
import { DEFAULT_THRESHOLD } from './matcher/token-matcher.ts';
import type { Explanation, Matcher } from './matcher/types.ts';
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

/** A query with the list name(s) its first hit should carry; no targets = a name on no list. */
export interface LabelledQuery {
  readonly name: string;
  readonly targets: readonly string[];
}

/** Reads `query<TAB>target|target…` lines (`#` comments and blank lines skipped; an empty target = on no list). */
export function parseLabelledQueries(text: string): LabelledQuery[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => {
      const [name = '', targets = ''] = l.split('\t');
      return { name: name.trim(), targets: targets.split('|').map((t) => t.trim()).filter((t) => t !== '') };
    });
}

export interface QueryMetrics {
  readonly positives: number;
  readonly recallAt1: number;
  readonly negatives: number;
  readonly falseAlerts: number;
  /** What went wrong, one line each, for the message of a failing check. */
  readonly wrong: readonly string[];
}

/**
 * Screens each query as an organisation: a listed one counts when its first hit's name (or its
 * entity's primary name) is one of its targets after normalisation; an unlisted one is a false
 * alert when anything is returned at the default threshold.
 */
export function queryMetrics(matcher: Matcher, queries: readonly LabelledQuery[]): QueryMetrics {
  let positives = 0;
  let found = 0;
  let negatives = 0;
  let alerts = 0;
  const wrong: string[] = [];
  for (const q of queries) {
    const hits = matcher.match({ name: q.name, type: 'organization' });
    if (q.targets.length === 0) {
      negatives++;
      if (hits.length > 0) {
        alerts++;
        wrong.push(`false alert: ${q.name} → ${hits[0]?.name} ${hits[0]?.score}`);
      }
      continue;
    }
    positives++;
    const targets = new Set(q.targets.map((t) => normalizeName(t)));
    const top = hits[0];
    if (top && (targets.has(normalizeName(top.name)) || targets.has(normalizeName(top.entityName)))) found++;
    else wrong.push(`missed: ${q.name} → ${top ? `${top.name} ${top.score}` : 'nothing'}`);
  }
  return { positives, recallAt1: positives === 0 ? 1 : found / positives, negatives, falseAlerts: negatives === 0 ? 0 : alerts / negatives, wrong };
}
