/** A stretch of text, marked when a matched term covers it. */
export interface Segment {
  text: string;
  /** The dictionary term behind a marked stretch. */
  term: string | null;
}

interface Span {
  start: number;
  end: number;
  term: string;
}

/**
 * Cuts `text` into plain and marked segments. Spans are UTF-16 offsets into `text` (as the policy
 * module reports them); overlapping spans merge into the first, and spans outside the text are dropped.
 */
export function segment(text: string, spans: readonly Span[]): Segment[] {
  const sorted = spans.filter((s) => s.start >= 0 && s.end <= text.length && s.start < s.end).sort((a, b) => a.start - b.start);
  const out: Segment[] = [];
  let at = 0;
  for (const span of sorted) {
    if (span.start < at) continue;
    if (span.start > at) out.push({ text: text.slice(at, span.start), term: null });
    out.push({ text: text.slice(span.start, span.end), term: span.term });
    at = span.end;
  }
  if (at < text.length) out.push({ text: text.slice(at), term: null });
  return out;
}
