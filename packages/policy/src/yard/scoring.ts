import { z } from 'zod';
import { AreaTermsSchema, type TermWeight } from './area.ts';
import { foldHan } from './fold.ts';
import { negationOf, type NegationScope } from './negation.ts';
import { compileDictionary, findTerms, type TermEntry } from './text-match.ts';
import raw from './data/scoring.json' with { type: 'json' };

const data = z
  .object({
    weights: z.object({ strong: z.number().positive(), weak: z.number().positive() }),
    threshold: z.number().positive(),
    military: AreaTermsSchema,
    socialScience: AreaTermsSchema.extend({ factor: z.number().positive().max(1), unlessWork: AreaTermsSchema }),
  })
  .parse(raw);

/** The scoring rule as reviewed data (read by the README and the tests). */
export const SCORING = data;

export type ContextKind = 'military' | 'social-science' | 'technical-work';

/** A word that changes how the terms count: military use, a social-science frame, or technical work (which cancels the frame). */
export interface ContextCue {
  readonly kind: ContextKind;
  readonly term: string;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const dictionary = compileDictionary<ContextKind>([
  ...[...data.military.en, ...data.military.zh].map((term): TermEntry<ContextKind> => ({ term: foldHan(term), key: 'military' })),
  ...[...data.socialScience.en, ...data.socialScience.zh].map((term): TermEntry<ContextKind> => ({ term: foldHan(term), key: 'social-science' })),
  ...[...data.socialScience.unlessWork.en, ...data.socialScience.unlessWork.zh].map((term): TermEntry<ContextKind> => ({ term: foldHan(term), key: 'technical-work' })),
]);

/** Context cues in the folded text that are not negated ("no military use" is no military context). */
export function findContext(original: string, folded: string, negations: readonly NegationScope[]): ContextCue[] {
  return findTerms(dictionary, folded)
    .filter((hit) => negationOf(negations, hit.start, hit.end) === undefined)
    .flatMap((hit) => hit.keys.map((kind) => ({ kind, term: hit.term, text: original.slice(hit.start, hit.end), start: hit.start, end: hit.end })));
}

/**
 * What one distinct term adds to its area's score: 1 for strong, ½ for weak; weak counts as strong in
 * military context; everything is scaled down in a social-science frame (studies ABOUT a technology).
 */
export function termScore(weight: TermWeight, context: { readonly military: boolean; readonly socialScience: boolean }): number {
  const base = weight === 'strong' || context.military ? data.weights.strong : data.weights.weak;
  return context.socialScience ? base * data.socialScience.factor : base;
}

export const THRESHOLD = data.threshold;
