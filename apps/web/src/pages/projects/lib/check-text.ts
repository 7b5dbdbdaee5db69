import type { YardEvidence as Evidence } from '@qiao/contracts';

/** The parts of a proposal the technology yard reads, in the order the server joins them. */
export const TEXT_PARTS = ['titleEn', 'titleZh', 'technologyArea', 'abstractEn', 'abstractZh', 'keywords'] as const;
export type TextPart = (typeof TEXT_PARTS)[number];

export type TextParts = Record<TextPart, string>;

export interface CheckText {
  /** What is sent to the classifier. */
  text: string;
  /** Where each non-empty part starts in `text`. */
  offsets: Partial<Record<TextPart, number>>;
}

/**
 * Joins the parts exactly as the server's projectText does (non-empty parts, one per line), so the
 * live verdict is the one the submit will produce, and remembers where each part starts so the
 * evidence can be marked in the field it came from.
 */
export function buildCheckText(parts: TextParts): CheckText {
  const offsets: CheckText['offsets'] = {};
  const pieces: string[] = [];
  let at = 0;
  for (const part of TEXT_PARTS) {
    const value = parts[part];
    if (!value) continue;
    offsets[part] = at;
    pieces.push(value);
    at += value.length + 1;
  }
  return { text: pieces.join('\n'), offsets };
}

/** The evidence that falls inside one part, with offsets made relative to that part's own text. */
export function evidenceIn(check: CheckText, parts: TextParts, part: TextPart, evidence: readonly Evidence[]): Evidence[] {
  const start = check.offsets[part];
  if (start === undefined) return [];
  const end = start + parts[part].length;
  return evidence.filter((e) => e.start >= start && e.end <= end).map((e) => ({ ...e, start: e.start - start, end: e.end - start }));
}
