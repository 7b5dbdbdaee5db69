import { z } from 'zod';
import raw from './data/negation.json' with { type: 'json' };

/**
 * Negation scope in English and Chinese. A cue ("not", "without", "other than", 不涉及, 无, 除…外, …)
 * governs the rest of its clause: the text after the cue up to punctuation or a contrastive
 * conjunction ("but", 但, 而是). A technology term inside that scope is evidence AGAINST the area
 * (the text says the project does not do it), so it does not count as a hit but is still reported.
 *
 * Negation must not become a way to hide a controlled term, so words that start like a cue but negate
 * nothing (无人机, 非线性, 未来, "not only", "not limited to") are listed in the data and skipped, and a
 * cue that is itself part of a matched term (the 无 of 无人潜航器) is ignored by the caller.
 */

const Words = z.array(z.string().min(1)).min(1);
const data = z
  .object({
    en: z.object({ cues: Words, notCues: Words, boundaries: Words, postCues: Words }),
    zh: z.object({ cues: Words, notCues: Words, boundaries: Words, postCues: Words, exceptionOpen: z.string().min(1), exceptionClose: Words, inclusiveAfterClose: Words }),
  })
  .parse(raw);

export interface NegationScope {
  /** The cue as written, e.g. "not", "不涉及", "除…外". */
  readonly cue: string;
  readonly cueStart: number;
  readonly cueEnd: number;
  /** The negated span: [start, end) of the text, UTF-16 offsets. */
  readonly start: number;
  readonly end: number;
  /** A post-term cue: the negated span comes before the cue ("quantum computing is not part of this work"). */
  readonly backward?: boolean;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const byLength = (a: string, b: string): number => b.length - a.length;
const phrase = (words: readonly string[]): string => [...words].sort(byLength).map((w) => escape(w).replace(/ /g, '[\\s-]+')).join('|');

// Latin words are bounded by non-letters; "doesn't", "won't", "cannot" are cues too.
const EN_CUE = new RegExp(`(?<![\\p{L}\\p{N}])(?:${phrase(data.en.cues)}|[a-z]+n['’]t|cannot)(?![\\p{L}\\p{N}])`, 'giu');
const EN_NOT_CUE = new RegExp(`^(?:${phrase(data.en.notCues)})(?![\\p{L}\\p{N}])`, 'iu');
const EN_BOUNDARY = new RegExp(`[.,;:!?()\\[\\]\\n\\r]|(?<![\\p{L}\\p{N}])(?:${phrase(data.en.boundaries)})(?![\\p{L}\\p{N}])`, 'giu');
const ZH_CUE = new RegExp(phrase(data.zh.cues), 'gu');
const ZH_BOUNDARY = new RegExp(`[.,;:!?()\\n\\r]|${phrase(data.zh.boundaries)}`, 'gu');
const ZH_NOT_CUES = [...data.zh.notCues].sort(byLength);
const ZH_CLOSE = new RegExp(phrase(data.zh.exceptionClose), 'u');
const ZH_INCLUSIVE = new RegExp(`^[\\s，,、]*(?:${phrase(data.zh.inclusiveAfterClose)})`, 'u');
// Post-term cues deny what comes before them in the clause ("X is not part of this work", X不在本项目范围内).
const EN_POST = new RegExp(`(?<![\\p{L}\\p{N}])(?:${data.en.postCues.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
const ZH_POST = new RegExp(data.zh.postCues.join('|'), 'gu');
// Looking back, "and" also starts a clause: in "we build quantum sensors and quantum computing is not part
// of this work" only quantum computing is denied.
const EN_BACK_BOUNDARY = new RegExp(`${EN_BOUNDARY.source}|(?<![\\p{L}\\p{N}])and(?![\\p{L}\\p{N}])`, 'giu');

/** The offset where the clause containing `from` ends (exclusive). */
function clauseEnd(text: string, from: number, boundary: RegExp): number {
  boundary.lastIndex = from;
  const m = boundary.exec(text);
  return m ? m.index : text.length;
}

const WORD = /[\p{L}\p{N}]+/gu;
// Only "not"/"no" start such a list ("do not build, test or transfer"; "no robotics, drones or
// autonomy"), and the list must go on with or/nor within its next words: "rather than surveys, we build
// …" and "we do not study birds, and we build …" are not lists.
const LIST_CUE = /^(?:not|no|never|cannot|[a-z]+n['’]t)$/i;
const LIST_GOES_ON = /^\s*(?:[\p{L}\p{N}]+\s+){0,2}(?:or|nor)\s/iu;

/**
 * The end of an English negation scope: the clause end, except that a comma inside a short list right
 * after the cue ("will not build, test or transfer any quantum devices") does not end it.
 */
function englishScopeEnd(text: string, cue: string, cueEnd: number): number {
  let end = clauseEnd(text, cueEnd, EN_BOUNDARY);
  if (!LIST_CUE.test(cue)) return end;
  let from = cueEnd;
  while (text[end] === ',' && (text.slice(from, end).match(WORD)?.length ?? 0) <= 2 && LIST_GOES_ON.test(text.slice(end + 1))) {
    from = end + 1;
    end = clauseEnd(text, from, EN_BOUNDARY);
  }
  return end;
}

function englishScopes(text: string): NegationScope[] {
  const scopes: NegationScope[] = [];
  for (const m of text.matchAll(EN_CUE)) {
    if (EN_NOT_CUE.test(text.slice(m.index))) continue;
    const cueEnd = m.index + m[0].length;
    scopes.push({ cue: m[0], cueStart: m.index, cueEnd, start: cueEnd, end: englishScopeEnd(text, m[0], cueEnd) });
  }
  return scopes;
}

function chineseScopes(text: string): NegationScope[] {
  const scopes: NegationScope[] = [];
  for (const m of text.matchAll(ZH_CUE)) {
    const rest = text.slice(m.index);
    if (ZH_NOT_CUES.some((w) => rest.startsWith(w))) continue;
    const cueEnd = m.index + m[0].length;
    const end = clauseEnd(text, cueEnd, ZH_BOUNDARY);
    if (m[0] !== data.zh.exceptionOpen) {
      scopes.push({ cue: m[0], cueStart: m.index, cueEnd, start: cueEnd, end });
      continue;
    }
    // 除…外 ("except …"): up to the closing 外, and only when no 还/也 follows ("besides …, also").
    const close = ZH_CLOSE.exec(text.slice(cueEnd, end));
    if (!close) continue;
    const closeEnd = cueEnd + close.index + close[0].length;
    if (ZH_INCLUSIVE.test(text.slice(closeEnd))) continue;
    scopes.push({ cue: `${m[0]}…${close[0]}`, cueStart: m.index, cueEnd, start: cueEnd, end: cueEnd + close.index });
  }
  return scopes;
}

/** The offset where the clause containing the text just before `to` starts. */
function clauseStart(text: string, to: number, boundary: RegExp): number {
  let start = 0;
  boundary.lastIndex = 0;
  for (let m = boundary.exec(text); m !== null && m.index < to; m = boundary.exec(text)) {
    if (m.index + m[0].length <= to) start = m.index + m[0].length;
    if (m[0].length === 0) boundary.lastIndex++;
  }
  return start;
}

/** Scopes of post-term cues: from the start of the clause up to the cue. */
function backwardScopes(text: string, cue: RegExp, boundary: RegExp, plural?: RegExp): NegationScope[] {
  return [...text.matchAll(cue)].map((m) => {
    // A plural verb ("X and Y are not used") denies the whole conjoined subject.
    const start = clauseStart(text, m.index, plural?.test(m[0]) ? EN_BOUNDARY : boundary);
    return { cue: m[0], cueStart: m.index, cueEnd: m.index + m[0].length, start, end: m.index, backward: true };
  });
}

/** Every negation scope in a (folded) text, in text order. */
export function findNegations(text: string): NegationScope[] {
  return [
    ...englishScopes(text),
    ...chineseScopes(text),
    ...backwardScopes(text, EN_POST, EN_BACK_BOUNDARY, /^(?:are|were)\b/i),
    ...backwardScopes(text, ZH_POST, ZH_BOUNDARY),
  ].sort((a, b) => a.start - b.start);
}

/**
 * The scope negating the span [start, end), if any: the span starts after the cue's first character
 * and ends inside its scope. A span that starts where the cue starts holds the cue as part of the term
 * itself (无 in 无人潜航器) and is not negated; one that starts inside the cue is the negated verb itself
 * (研制 in 不研制). A backward scope (post-term cue) negates a span that lies wholly between the start of
 * its clause and the cue.
 */
export function negationOf(scopes: readonly NegationScope[], start: number, end: number): NegationScope | undefined {
  return scopes.find((s) => (s.backward ? s.start <= start && end <= s.end : s.cueStart < start && end <= s.end));
}
