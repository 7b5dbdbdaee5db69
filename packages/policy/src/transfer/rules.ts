import type { z } from 'zod';
import type { Citation } from '../cite/citation.ts';
import { resolveCitation } from '../cite/instruments.ts';
import { RuleFileSchema, type Condition, type Finding, type RuleId, type Threshold } from './rule.ts';
import usRaw from './data/us-dsp.json' with { type: 'json' };
import cnRaw from './data/cn.json' with { type: 'json' };

/** One regime's rule data, validated and with every citation resolved. */
export interface RuleSet {
  readonly thresholds: readonly Threshold[];
  readonly findings: ReadonlyMap<string, Omit<Finding, 'detail'>>;
  readonly conditions: ReadonlyMap<string, Condition>;
}

function load(name: string, raw: unknown): RuleSet {
  const file: z.infer<typeof RuleFileSchema> = RuleFileSchema.parse(raw);
  const cite = (refs: readonly z.infer<typeof RuleFileSchema>['conditions'][number]['citations'][number][], id: string): Citation[] =>
    refs.map((ref) => resolveCitation(ref, `${name}: ${id}`));
  const ids = [...file.thresholds, ...file.findings, ...file.conditions].map((r) => r.id);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup !== undefined) throw new Error(`${name}: duplicate rule id "${dup}"`);
  return {
    thresholds: file.thresholds.map((t) => ({ ...t, citation: resolveCitation(t.citation, `${name}: ${t.id}`) })),
    findings: new Map(file.findings.map((f) => [f.id, { id: f.id, effect: f.effect, text: f.text, citations: cite(f.citations, f.id) }])),
    conditions: new Map(file.conditions.map((c) => [c.id, { id: c.id, text: c.text, citations: cite(c.citations, c.id) }])),
  };
}

export const US_DSP_RULES: RuleSet = load('us-dsp.json', usRaw);
export const CN_RULES: RuleSet = load('cn.json', cnRaw);

/**
 * Looks up rows the evaluators name in code. The names are checked once at module load (see
 * `requireRules`), so a renamed row fails the import instead of a transfer evaluation.
 */
export function finding(rules: RuleSet, id: string, detail?: Finding['detail']): Finding {
  const row = rules.findings.get(id);
  if (!row) throw new Error(`transfer rules: no finding "${id}"`);
  return detail ? { ...row, detail } : row;
}

export function condition(rules: RuleSet, id: string): Condition {
  const row = rules.conditions.get(id);
  if (!row) throw new Error(`transfer rules: no condition "${id}"`);
  return row;
}

export function threshold(rules: RuleSet, id: string): Threshold {
  const row = rules.thresholds.find((t) => t.id === id);
  if (!row) throw new Error(`transfer rules: no threshold "${id}"`);
  return row;
}

/** Fails at load when code names a rule the data does not have. */
export function requireRules(rules: RuleSet, ids: { findings?: readonly string[]; conditions?: readonly string[]; thresholds?: readonly string[] }): void {
  ids.findings?.forEach((id) => finding(rules, id));
  ids.conditions?.forEach((id) => condition(rules, id));
  ids.thresholds?.forEach((id) => threshold(rules, id));
}

export type { RuleId };
