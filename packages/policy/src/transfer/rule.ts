import { z } from 'zod';
import { BilingualSchema, CitationRefSchema, type Bilingual, type Citation } from '../cite/citation.ts';

/** A transfer rule id exists only once its data file has been validated. */
export const RuleIdSchema = z.string().regex(/^(us|cn)-[a-z0-9-]+$/).brand<'TransferRuleId'>();
export type RuleId = z.infer<typeof RuleIdSchema>;

/**
 * `gt`: "more than N" (the US DSP bulk thresholds); `gte`: "N or more" / "at least N" (China's 以上).
 * Stored per row, never assumed, because the two sides draw the line on different sides of N.
 */
export const ComparatorSchema = z.enum(['gt', 'gte']);
export type Comparator = z.infer<typeof ComparatorSchema>;

export const ThresholdRowSchema = z.object({
  id: RuleIdSchema,
  category: z.string().min(1),
  comparator: ComparatorSchema,
  value: z.number().int().positive(),
  unit: z.enum(['us-persons', 'us-devices', 'natural-persons']),
  // US: any point in the preceding 12 months; China: cumulative since 1 January of the current year.
  window: z.enum(['preceding-12-months', 'since-1-january-current-year']),
  label: BilingualSchema,
  citation: CitationRefSchema,
});
export type ThresholdRow = z.infer<typeof ThresholdRowSchema>;

/** What a finding does to the verdict: `prohibited` wins; `conditions` findings come with conditions. */
export const FindingEffectSchema = z.enum(['prohibited', 'conditions', 'exempt', 'info']);
export type FindingEffect = z.infer<typeof FindingEffectSchema>;

export const FindingRowSchema = z.object({
  id: RuleIdSchema,
  effect: FindingEffectSchema,
  text: BilingualSchema,
  citations: z.array(CitationRefSchema).min(1),
});

export const ConditionRowSchema = z.object({
  id: RuleIdSchema,
  text: BilingualSchema,
  citations: z.array(CitationRefSchema).min(1),
});

export const RuleFileSchema = z.object({
  thresholds: z.array(ThresholdRowSchema).min(1),
  findings: z.array(FindingRowSchema).min(1),
  conditions: z.array(ConditionRowSchema).min(1),
});

export interface Threshold extends Omit<ThresholdRow, 'citation'> {
  readonly citation: Citation;
}

export interface Finding {
  readonly id: RuleId;
  readonly effect: FindingEffect;
  readonly text: Bilingual;
  /** What in this dataset triggered the finding (counts against thresholds), when there is more to say. */
  readonly detail?: Bilingual;
  readonly citations: readonly Citation[];
}

export interface Condition {
  readonly id: RuleId;
  readonly text: Bilingual;
  readonly citations: readonly Citation[];
}

/** Whether `count` meets a threshold, exactly as the instrument words it. */
export function meets(threshold: Pick<ThresholdRow, 'comparator' | 'value'>, count: number): boolean {
  return threshold.comparator === 'gt' ? count > threshold.value : count >= threshold.value;
}

/** "more than 100" / "100 or more", in both languages, for details. */
export function describeBound(threshold: Pick<ThresholdRow, 'comparator' | 'value'>): Bilingual {
  const n = threshold.value.toLocaleString('en-US');
  return threshold.comparator === 'gt' ? { en: `more than ${n}`, zh: `超过${n}` } : { en: `${n} or more`, zh: `${n}以上（含）` };
}
