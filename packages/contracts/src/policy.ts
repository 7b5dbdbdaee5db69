import { z } from 'zod';

/**
 * The policy module's results as the API sends them: the technology-yard classification and the
 * cross-border data-transfer evaluation (@qiao/policy computes them; the server, the project checks
 * and the web all read them through these schemas).
 */

// Read-only lists, so the policy package's (read-only) results are assignable without a copy.
const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();

export const PolicyBilingualSchema = z.object({ en: z.string(), zh: z.string() });
export type PolicyBilingual = z.infer<typeof PolicyBilingualSchema>;

/** A legal provision a result rests on, resolved against its instrument. */
export const PolicyCitationSchema = z.object({
  instrumentId: z.string(),
  instrument: PolicyBilingualSchema,
  provision: z.string(),
  url: z.string(),
  published: z.string().optional(),
  effective: z.string().optional(),
  edition: z.string().optional(),
  asOf: z.string(),
  confidence: z.enum(['high', 'med']),
});
export type PolicyCitation = z.infer<typeof PolicyCitationSchema>;

export const YARD_VERDICTS = ['open', 'review', 'restricted'] as const;
export const YardVerdictSchema = z.enum(YARD_VERDICTS);
export type YardVerdict = z.infer<typeof YardVerdictSchema>;

export const YardAreaSourceSchema = z.enum(['us-cet-2024', 'us-ccl', 'cn-tech-catalogue', 'cn-export-control']);
export const YardAreaControlSchema = z.enum(['none', 'prohibited', 'restricted', 'listed']);

/** An area the text hits, with the terms (not negated) that hit it. */
export const YardAreaHitSchema = z.object({
  id: z.string(),
  source: YardAreaSourceSchema,
  number: z.string(),
  name: PolicyBilingualSchema,
  control: YardAreaControlSchema,
  citation: PolicyCitationSchema,
  matched: list(z.string()),
  /** Evidence score: each distinct term not negated adds 1 (strong) or ½ (weak). Absent on older checks. */
  score: z.number().nonnegative().optional(),
});
export type YardAreaHit = z.infer<typeof YardAreaHitSchema>;

export const YardTermWeightSchema = z.enum(['strong', 'weak']);
export type YardTermWeight = z.infer<typeof YardTermWeightSchema>;

/** A term (or ECCN) found in the text; `text.slice(start, end)` of the input, UTF-16 offsets. */
export const YardEvidenceSchema = z.object({
  term: z.string(),
  text: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  areaIds: list(z.string()),
  /** `strong` names the technology itself; `weak` is also an everyday tool elsewhere. Absent on older checks. */
  weight: YardTermWeightSchema.optional(),
  /** In a negated clause: evidence against the area, not a hit. Absent on checks run before negation was read. */
  negated: z.boolean().optional(),
  negation: z.object({ cue: z.string(), start: z.number().int().nonnegative(), end: z.number().int().nonnegative() }).optional(),
  eccn: z.object({ productGroup: z.string(), productGroupName: PolicyBilingualSchema }).optional(),
});
export type YardEvidence = z.infer<typeof YardEvidenceSchema>;

export const ScopeSignalSchema = z.object({
  kind: z.enum(['development', 'basic']),
  term: z.string(),
  text: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});

/** The 2024 S&T Agreement scope: basic research (covered) or technology development (not covered). */
export const ScopeResultSchema = z.object({
  scope: z.enum(['basic-research', 'technology-development']),
  signals: list(ScopeSignalSchema),
  reason: PolicyBilingualSchema,
  citations: list(PolicyCitationSchema),
});
export type ScopeResult = z.infer<typeof ScopeResultSchema>;

/** A word that changes how terms count: military use (weak terms count as strong), a social-science frame (terms count half), or technical work (which keeps the frame off). */
export const YardContextCueSchema = z.object({
  kind: z.enum(['military', 'social-science', 'technical-work']),
  term: z.string(),
  text: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type YardContextCue = z.infer<typeof YardContextCueSchema>;

/** How the evidence was weighed: every area with evidence, its score against the threshold, and the context words. */
export const YardScoringSchema = z.object({
  threshold: z.number().positive(),
  areas: list(z.object({ id: z.string(), score: z.number().nonnegative(), terms: list(z.string()), hit: z.boolean() })),
  context: list(YardContextCueSchema),
  socialScience: z.boolean(),
  military: z.boolean(),
});
export type YardScoring = z.infer<typeof YardScoringSchema>;

export const ClassifyResultSchema = z.object({
  verdict: YardVerdictSchema,
  reason: z.object({
    code: z.enum(['no-area-hit', 'area-hit', 'export-controlled-development']),
    text: PolicyBilingualSchema,
    citations: list(PolicyCitationSchema),
  }),
  areas: list(YardAreaHitSchema),
  evidence: list(YardEvidenceSchema),
  scope: ScopeResultSchema,
  /** Absent on checks stored before evidence was weighed. */
  scoring: YardScoringSchema.optional(),
});
export type ClassifyResult = z.infer<typeof ClassifyResultSchema>;

export const TRANSFER_VERDICTS = ['allowed', 'conditions', 'prohibited'] as const;
export const TransferVerdictSchema = z.enum(TRANSFER_VERDICTS);
export type TransferVerdict = z.infer<typeof TransferVerdictSchema>;

export const TransferRuleConditionSchema = z.object({ id: z.string(), text: PolicyBilingualSchema, citations: list(PolicyCitationSchema) });
export type TransferRuleCondition = z.infer<typeof TransferRuleConditionSchema>;

export const TransferRuleFindingSchema = TransferRuleConditionSchema.extend({
  effect: z.enum(['prohibited', 'conditions', 'exempt', 'info']),
  detail: PolicyBilingualSchema.optional(),
});
export type TransferRuleFinding = z.infer<typeof TransferRuleFindingSchema>;

export const TransferResultSchema = z.object({
  direction: z.enum(['US-CN', 'CN-US']),
  regime: z.object({ id: z.enum(['us-dsp', 'cn']), name: PolicyBilingualSchema }),
  verdict: TransferVerdictSchema,
  reason: PolicyBilingualSchema,
  conditions: list(TransferRuleConditionSchema),
  findings: list(TransferRuleFindingSchema),
});
export type TransferResult = z.infer<typeof TransferResultSchema>;
