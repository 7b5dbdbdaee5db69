import type { Bilingual, Citation } from '../cite/citation.ts';
import { isExportControlled, type Area, type AreaControl, type AreaId, type AreaSource } from './area.ts';
import { AREAS } from './areas.ts';
import { findEccns } from './eccn.ts';
import { foldHan } from './fold.ts';
import { findNegations, negationOf, type NegationScope } from './negation.ts';
import { decideScope, type ScopeResult } from './scope.ts';
import { compileDictionary, findTerms, type TermEntry } from './text-match.ts';
import { RESTRICTED_CITATIONS } from './verdict-basis.ts';

export type YardVerdict = 'open' | 'review' | 'restricted';
export type YardReasonCode = 'no-area-hit' | 'area-hit' | 'export-controlled-development';

export interface AreaHit {
  readonly id: AreaId;
  readonly source: AreaSource;
  readonly number: string;
  readonly name: Bilingual;
  readonly control: AreaControl;
  readonly citation: Citation;
  /** The dictionary terms (or ECCNs) that hit this area, in text order, without repeats. */
  readonly matched: readonly string[];
}

export interface Evidence {
  /** The dictionary term, or the ECCN as written. */
  readonly term: string;
  /** `text.slice(start, end)` of the original input (UTF-16 offsets). */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly areaIds: readonly AreaId[];
  /**
   * True when the term sits in a negated clause ("does not involve quantum computing", 不涉及量子计算):
   * evidence against the area, reported for the explanation but not counted as a hit.
   */
  readonly negated: boolean;
  /** The cue that negates it, with its position, when `negated`. */
  readonly negation?: { readonly cue: string; readonly start: number; readonly end: number };
  /** Set when the evidence is an ECCN written in the text. */
  readonly eccn?: { readonly productGroup: string; readonly productGroupName: Bilingual };
}

export interface ClassifyResult {
  readonly verdict: YardVerdict;
  /** Why this verdict; `citations` give the legal effect behind a `restricted` verdict. */
  readonly reason: { readonly code: YardReasonCode; readonly text: Bilingual; readonly citations: readonly Citation[] };
  readonly areas: readonly AreaHit[];
  readonly evidence: readonly Evidence[];
  readonly scope: ScopeResult;
}

// Chinese terms are folded like the text, so a traditional-script term in the data matches either script.
const dictionary = compileDictionary<AreaId>(
  AREAS.flatMap((area): TermEntry<AreaId>[] => [...area.terms.en, ...area.terms.zh].map((term) => ({ term: foldHan(term), key: area.id }))),
);
const areaById = new Map<AreaId, Area>(AREAS.map((a) => [a.id, a]));

function negationFields(scopes: readonly NegationScope[], start: number, end: number): Pick<Evidence, 'negated' | 'negation'> {
  const scope = negationOf(scopes, start, end);
  return scope ? { negated: true, negation: { cue: scope.cue, start: scope.cueStart, end: scope.cueEnd } } : { negated: false };
}

/** Terms and ECCNs found in the folded text; positions and `text` are those of the original. */
function collectEvidence(original: string, folded: string): Evidence[] {
  const scopes = findNegations(folded);
  const terms: Evidence[] = findTerms(dictionary, folded).map((hit) => ({
    term: hit.term,
    text: original.slice(hit.start, hit.end),
    start: hit.start,
    end: hit.end,
    areaIds: hit.keys,
    ...negationFields(scopes, hit.start, hit.end),
  }));
  // An ECCN-shaped code that is already a term (China's control code 1E902) is read as that term.
  const eccns: Evidence[] = findEccns(folded)
    .filter((e) => !terms.some((t) => t.start === e.start && t.end === e.end))
    .map((e) => ({
      term: e.code,
      text: e.code,
      start: e.start,
      end: e.end,
      areaIds: [e.area.id],
      ...negationFields(scopes, e.start, e.end),
      eccn: { productGroup: e.productGroup.letter, productGroupName: e.productGroup.name },
    }));
  return [...terms, ...eccns].sort((a, b) => a.start - b.start);
}

/** Areas hit by evidence that is not negated. */
function areaHits(evidence: readonly Evidence[]): AreaHit[] {
  const positive = evidence.filter((e) => !e.negated);
  const hit = new Set(positive.flatMap((e) => e.areaIds));
  // Data order (CET, CCL, China) so output is stable and the US and Chinese lists read as groups.
  return AREAS.filter((a) => hit.has(a.id)).map((area) => ({
    id: area.id,
    source: area.source,
    number: area.number,
    name: area.name,
    control: area.control,
    citation: area.citation,
    matched: [...new Set(positive.filter((e) => e.areaIds.includes(area.id)).map((e) => e.term))],
  }));
}

/** Export-controlled evidence: a term of a Chinese export-control entry, or an ECCN written out. */
function isControlledEvidence(e: Evidence): boolean {
  return e.eccn !== undefined || e.areaIds.some((id) => {
    const area = areaById.get(id);
    return area !== undefined && isExportControlled(area);
  });
}

/**
 * Classifies a project text (title, abstract, keywords; English, Chinese or mixed).
 *
 * How the verdict is decided:
 * - `restricted`: the text names an item on an export-control list — a term of China's Catalogue of
 *   Technologies Prohibited or Restricted from Export or of China's rare-earth technology controls,
 *   or a US ECCN written out — AND the scope is technology development. Transferring such
 *   technology needs a licence or is banned outright (Technology Import/Export Regulations Arts. 29–30;
 *   China's Export Control Law also treats provision to foreigners inside China as an export), so the
 *   project cannot proceed on a reviewer's say-so alone.
 * - `review`: any area is hit (a US CET area, a CCL category, or a listed item in basic research).
 *   These are the sensitive fields both sides named; a compliance officer looks before it proceeds.
 * - `open`: no area is hit. Everything outside the small yard stays open.
 * Traditional Chinese is folded to simplified first (see foldHan), and a term in a negated clause
 * ("does not involve …", 不涉及…) is reported with `negated: true` but hits no area (see negation.ts).
 * Scope (basic research vs technology development) is decided separately (see decideScope) and is
 * reported with every verdict, with the S&T Agreement's citation.
 */
export function classify(text: string): ClassifyResult {
  const evidence = collectEvidence(text, foldHan(text));
  const areas = areaHits(evidence);
  const scope = decideScope(text);
  const development = scope.scope === 'technology-development';
  const controlled = evidence.filter((e) => !e.negated && isControlledEvidence(e));
  if (development && controlled.length > 0) {
    const citations = [
      ...(controlled.some((e) => e.eccn === undefined) ? RESTRICTED_CITATIONS.cn : []),
      ...(controlled.some((e) => e.eccn !== undefined) ? RESTRICTED_CITATIONS.eccn : []),
    ];
    return { verdict: 'restricted', reason: { code: 'export-controlled-development', text: restrictedReason(), citations }, areas, evidence, scope };
  }
  if (areas.length > 0) {
    return { verdict: 'review', reason: { code: 'area-hit', text: reviewReason(areas, development), citations: areas.map((a) => a.citation) }, areas, evidence, scope };
  }
  return {
    verdict: 'open',
    reason: { code: 'no-area-hit', text: { en: 'No restricted technology area is named.', zh: '未涉及受限技术领域。' }, citations: [] },
    areas,
    evidence,
    scope,
  };
}

function restrictedReason(): Bilingual {
  return {
    en: 'Names technology on an export-control list and describes developing it: export is prohibited or needs a licence, and the 2024 S&T Agreement does not cover technology development.',
    zh: '涉及出口管制清单所列技术并描述其开发：该技术禁止出口或须经许可，且2024年中美科技合作协定不涵盖技术开发。',
  };
}

function reviewReason(areas: readonly AreaHit[], development: boolean): Bilingual {
  const en = areas.map((a) => a.name.en).join('; ');
  const zh = areas.map((a) => a.name.zh).join('；');
  return development
    ? {
        en: `Touches ${en}, and describes technology development, which the 2024 S&T Agreement does not cover: compliance review needed.`,
        zh: `涉及${zh}，且描述技术开发，不在2024年中美科技合作协定范围内：需合规审查。`,
      }
    : { en: `Touches ${en}: compliance review needed.`, zh: `涉及${zh}：需合规审查。` };
}
