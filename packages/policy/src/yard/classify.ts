import type { Bilingual, Citation } from '../cite/citation.ts';
import { isExportControlled, type Area, type AreaControl, type AreaId, type AreaSource, type TermWeight } from './area.ts';
import { AREAS } from './areas.ts';
import { findEccns } from './eccn.ts';
import { foldHan } from './fold.ts';
import { findNegations, negationOf, type NegationScope } from './negation.ts';
import { decideScope, type ScopeResult } from './scope.ts';
import { findContext, termScore, THRESHOLD, type ContextCue } from './scoring.ts';
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
  /** The area's evidence score: each distinct term not negated adds its weight (see `Scoring`). */
  readonly score: number;
}

/** How the evidence was weighed, for the explanation. */
export interface Scoring {
  /** The score an area needs to be hit. */
  readonly threshold: number;
  /** Every area with evidence not negated, hit or not, with its score and terms, highest first. */
  readonly areas: readonly { readonly id: AreaId; readonly score: number; readonly terms: readonly string[]; readonly hit: boolean }[];
  /** Words that made weak terms count as strong (military use), scaled all terms down (a social-science frame) or kept the frame off (technical work). */
  readonly context: readonly ContextCue[];
  /** True when the social-science frame applied (frame words found, no technology-development signal). */
  readonly socialScience: boolean;
  readonly military: boolean;
}

export interface Evidence {
  /** The dictionary term, or the ECCN as written. */
  readonly term: string;
  /** `text.slice(start, end)` of the original input (UTF-16 offsets). */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly areaIds: readonly AreaId[];
  /** `strong` names the technology itself; `weak` is also an everyday tool elsewhere (strongest over its areas). */
  readonly weight: TermWeight;
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
  readonly scoring: Scoring;
}

interface Key {
  readonly area: AreaId;
  readonly weight: TermWeight;
}

// Chinese terms are folded like the text, so a traditional-script term in the data matches either script.
const dictionary = compileDictionary<Key>(
  AREAS.flatMap((area): TermEntry<Key>[] => [
    ...[...area.terms.en, ...area.terms.zh].map((term) => ({ term: foldHan(term), key: { area: area.id, weight: 'strong' as const } })),
    ...[...area.weak.en, ...area.weak.zh].map((term) => ({ term: foldHan(term), key: { area: area.id, weight: 'weak' as const } })),
  ]),
);
const areaById = new Map<AreaId, Area>(AREAS.map((a) => [a.id, a]));

function negationFields(scopes: readonly NegationScope[], start: number, end: number): Pick<Evidence, 'negated' | 'negation'> {
  const scope = negationOf(scopes, start, end);
  return scope ? { negated: true, negation: { cue: scope.cue, start: scope.cueStart, end: scope.cueEnd } } : { negated: false };
}

interface Found {
  readonly evidence: Evidence;
  /** The weight of this term in each of its areas. */
  readonly keys: readonly Key[];
}

/** Terms and ECCNs found in the folded text; positions and `text` are those of the original. */
function collectEvidence(original: string, folded: string, scopes: readonly NegationScope[]): Found[] {
  const terms: Found[] = findTerms(dictionary, folded).map((hit) => ({
    keys: hit.keys,
    evidence: {
      term: hit.term,
      text: original.slice(hit.start, hit.end),
      start: hit.start,
      end: hit.end,
      areaIds: [...new Set(hit.keys.map((k) => k.area))],
      weight: hit.keys.some((k) => k.weight === 'strong') ? 'strong' : 'weak',
      ...negationFields(scopes, hit.start, hit.end),
    },
  }));
  // An ECCN-shaped code that is already a term (China's control code 1E902) is read as that term.
  const eccns: Found[] = findEccns(folded)
    .filter((e) => !terms.some((t) => t.evidence.start === e.start && t.evidence.end === e.end))
    .map((e) => ({
      keys: [{ area: e.area.id, weight: 'strong' as const }],
      evidence: {
        term: e.code,
        text: e.code,
        start: e.start,
        end: e.end,
        areaIds: [e.area.id],
        weight: 'strong' as const,
        ...negationFields(scopes, e.start, e.end),
        eccn: { productGroup: e.productGroup.letter, productGroupName: e.productGroup.name },
      },
    }));
  return [...terms, ...eccns].sort((a, b) => a.evidence.start - b.evidence.start);
}

/**
 * Scores each area from the evidence that is not negated: every distinct term adds its weight once
 * (see scoring.ts), and an area reaching the threshold is hit.
 */
function scoreAreas(found: readonly Found[], context: { military: boolean; socialScience: boolean }): Scoring['areas'] {
  const byArea = new Map<AreaId, { term: string; start: number; end: number; score: number }[]>();
  for (const f of found) {
    if (f.evidence.negated) continue;
    for (const k of f.keys) byArea.set(k.area, [...(byArea.get(k.area) ?? []), { term: f.evidence.term, start: f.evidence.start, end: f.evidence.end, score: termScore(k.weight, context) }]);
  }
  return [...byArea]
    .map(([id, hits]) => {
      // A term counts once however often it appears, and overlapping terms (短视频推荐 and 推荐算法 in
      // 短视频推荐算法) are one mention: each distinct term's best score, overlapping mentions merged.
      const mentions: { end: number; score: number; terms: Set<string> }[] = [];
      for (const h of [...hits].sort((a, b) => a.start - b.start)) {
        const last = mentions.at(-1);
        if (last && h.start < last.end) {
          last.end = Math.max(last.end, h.end);
          last.score = Math.max(last.score, h.score);
          last.terms.add(h.term);
        } else mentions.push({ end: h.end, score: h.score, terms: new Set([h.term]) });
      }
      const best = new Map<string, number>();
      for (const m of mentions) {
        const key = [...m.terms].sort().join('|');
        best.set(key, Math.max(best.get(key) ?? 0, m.score));
      }
      const score = Math.round([...best.values()].reduce((a, b) => a + b, 0) * 100) / 100;
      return { id, score, terms: [...new Set(hits.map((h) => h.term))], hit: score >= THRESHOLD };
    })
    .sort((a, b) => b.score - a.score);
}

/** Areas whose score reaches the threshold, in data order (CET, CCL, China) so output is stable. */
function areaHits(scored: Scoring['areas']): AreaHit[] {
  const hit = new Map(scored.filter((a) => a.hit).map((a) => [a.id, a]));
  return AREAS.filter((a) => hit.has(a.id)).map((area) => ({
    id: area.id,
    source: area.source,
    number: area.number,
    name: area.name,
    control: area.control,
    citation: area.citation,
    matched: hit.get(area.id)?.terms ?? [],
    score: hit.get(area.id)?.score ?? 0,
  }));
}

/** Export-controlled evidence: a strong term of a Chinese export-control entry, or an ECCN written out. */
function isControlledEvidence(f: Found): boolean {
  return f.evidence.eccn !== undefined || f.keys.some((k) => {
    const area = areaById.get(k.area);
    return k.weight === 'strong' && area !== undefined && isExportControlled(area);
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
  const folded = foldHan(text);
  const negations = findNegations(folded);
  const found = collectEvidence(text, folded, negations);
  const evidence = found.map((f) => f.evidence);
  const scope = decideScope(text);
  const development = scope.scope === 'technology-development';
  const context = findContext(text, folded, negations);
  const military = context.some((c) => c.kind === 'military');
  // Development or hands-on technical work (training a model, building a device) is never discounted as a study about a technology.
  const socialScience = !development && context.some((c) => c.kind === 'social-science') && !context.some((c) => c.kind === 'technical-work');
  const scored = scoreAreas(found, { military, socialScience });
  const areas = areaHits(scored);
  const scoring: Scoring = { threshold: THRESHOLD, areas: scored, context, socialScience, military };
  const controlled = found.filter((f) => !f.evidence.negated && isControlledEvidence(f)).map((f) => f.evidence);
  if (development && controlled.length > 0) {
    const citations = [
      ...(controlled.some((e) => e.eccn === undefined) ? RESTRICTED_CITATIONS.cn : []),
      ...(controlled.some((e) => e.eccn !== undefined) ? RESTRICTED_CITATIONS.eccn : []),
    ];
    return { verdict: 'restricted', reason: { code: 'export-controlled-development', text: restrictedReason(), citations }, areas, evidence, scope, scoring };
  }
  if (areas.length > 0) {
    return { verdict: 'review', reason: { code: 'area-hit', text: reviewReason(areas, development), citations: areas.map((a) => a.citation) }, areas, evidence, scope, scoring };
  }
  return { verdict: 'open', reason: { code: 'no-area-hit', text: openReason(scored, socialScience), citations: [] }, areas, evidence, scope, scoring };
}

function openReason(scored: Scoring['areas'], socialScience: boolean): Bilingual {
  if (scored.length === 0) return { en: 'No restricted technology area is named.', zh: '未涉及受限技术领域。' };
  const terms = [...new Set(scored.flatMap((a) => a.terms))].map((t) => `"${t}"`).join(', ');
  return socialScience
    ? {
        en: `Mentions ${terms} in a study about the technology (social science, history, policy or media), not work on it: below the review threshold.`,
        zh: `在关于技术的研究（社会科学、历史、政策或媒体）中提及${terms}，并非开展该技术工作：未达到审查阈值。`,
      }
    : {
        en: `Only general words (${terms}) that are also everyday tools elsewhere: below the review threshold.`,
        zh: `仅出现在其他领域也常用的一般词语（${terms}）：未达到审查阈值。`,
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
