import { z } from 'zod';
import { CitationRefSchema, type Bilingual, type Citation } from '../cite/citation.ts';
import { resolveCitation } from '../cite/instruments.ts';
import { AreaTermsSchema } from './area.ts';
import { foldHan } from './fold.ts';
import { findNegations, negationOf } from './negation.ts';
import { compileDictionary, findTerms, type TermEntry } from './text-match.ts';
import raw from './data/scope.json' with { type: 'json' };

export type Scope = 'basic-research' | 'technology-development';
export type SignalKind = 'development' | 'basic';

export interface ScopeSignal {
  readonly kind: SignalKind;
  readonly term: string;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export interface ScopeResult {
  readonly scope: Scope;
  /** Every signal found, development and basic-research alike, in text order. */
  readonly signals: readonly ScopeSignal[];
  readonly reason: Bilingual;
  /** The S&T Agreement's scope clause, plus EAR §734.8 when the work reads as basic research. */
  readonly citations: readonly Citation[];
}

const data = z
  .object({
    agreement: CitationRefSchema,
    fundamentalResearch: CitationRefSchema,
    signals: z.object({ development: AreaTermsSchema, basic: AreaTermsSchema }),
  })
  .parse(raw);

export const AGREEMENT_CITATION: Citation = resolveCitation(data.agreement, 'scope.agreement');
const FUNDAMENTAL_RESEARCH: Citation = resolveCitation(data.fundamentalResearch, 'scope.fundamentalResearch');

/** The signal vocabulary, as reviewed data (read by the rule-data tests and the README). */
export const SCOPE_SIGNALS = data.signals;

const entries: TermEntry<SignalKind>[] = (['development', 'basic'] as const).flatMap((kind) =>
  [...data.signals[kind].en, ...data.signals[kind].zh].map((term) => ({ term: foldHan(term), key: kind })),
);
const dictionary = compileDictionary(entries);

/**
 * Decides whether the text describes basic research (in scope of the 2024 US–China S&T Agreement) or
 * technology development (outside it). One development signal is enough: the agreement "does not
 * facilitate the development of critical and emerging technologies", so a proposal that also builds,
 * produces, commercialises or transfers a technology is not basic research only, however much basic
 * science it also does. With no development signal the work is read as basic research, and the
 * basic-research signals found (if any) are reported as support. Signals in a negated clause are
 * left out.
 */
export function decideScope(text: string): ScopeResult {
  const folded = foldHan(text);
  const negations = findNegations(folded);
  // A negated signal ("no prototype will be built", 不研制样机) says the opposite, so it is not counted.
  const signals: ScopeSignal[] = findTerms(dictionary, folded)
    .filter((hit) => negationOf(negations, hit.start, hit.end) === undefined)
    .flatMap((hit) => hit.keys.map((kind) => ({ kind, term: hit.term, text: text.slice(hit.start, hit.end), start: hit.start, end: hit.end })));
  const development = signals.filter((s) => s.kind === 'development');
  if (development.length > 0) {
    const found = development.map((s) => `"${s.text}"`).join(', ');
    return {
      scope: 'technology-development',
      signals,
      reason: {
        en: `Technology-development signals found (${found}); the 2024 S&T Agreement covers basic research only.`,
        zh: `发现技术开发信号（${found}）；2024年中美科技合作协定仅涵盖基础研究。`,
      },
      citations: [AGREEMENT_CITATION],
    };
  }
  const basic = signals.filter((s) => s.kind === 'basic');
  const found = basic.map((s) => `"${s.text}"`).join(', ');
  return {
    scope: 'basic-research',
    signals,
    reason:
      basic.length > 0
        ? { en: `Basic-research signals found (${found}) and no technology-development signal.`, zh: `发现基础研究信号（${found}），未发现技术开发信号。` }
        : { en: 'No technology-development signal found; read as basic research.', zh: '未发现技术开发信号，按基础研究处理。' },
    citations: [AGREEMENT_CITATION, FUNDAMENTAL_RESEARCH],
  };
}
