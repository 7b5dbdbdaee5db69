import type { ReactNode } from 'react';

export interface Highlight {
  /** UTF-16 offsets into the text. */
  start: number;
  end: number;
  /** A class suffix: `hl-<kind>` (matched, ignored, term…). */
  kind: string;
  /** Shown on hover: why this stretch is marked. */
  title?: string | undefined;
}

interface HighlightedTextProps {
  text: string;
  highlights: readonly Highlight[];
  lang?: string | undefined;
  testId?: string | undefined;
  /** `p` for a paragraph of prose, `span` inside a line. */
  as?: 'p' | 'span';
  /** Extra class and test id on every mark (default test id: `hl-<kind>`). */
  markClassName?: string;
  markTestId?: string;
}

/**
 * Text with stretches marked: screening hits and ignored legal forms, or the technology terms a
 * policy check found. Overlapping marks merge into the first; marks outside the text are dropped.
 */
export function HighlightedText({ text, highlights, lang, testId, as = 'span', markClassName, markTestId }: HighlightedTextProps) {
  const sorted = highlights.filter((h) => h.start >= 0 && h.end <= text.length && h.start < h.end).sort((a, b) => a.start - b.start);
  const parts: ReactNode[] = [];
  let at = 0;
  sorted.forEach((h, i) => {
    if (h.start < at) return;
    if (h.start > at) parts.push(text.slice(at, h.start));
    parts.push(
      <mark key={i} className={`hl hl-${h.kind}${markClassName ? ` ${markClassName}` : ''}`} title={h.title} data-testid={markTestId ?? `hl-${h.kind}`}>
        {text.slice(h.start, h.end)}
      </mark>,
    );
    at = h.end;
  });
  if (at < text.length) parts.push(text.slice(at));
  const Tag = as;
  return (
    <Tag className={as === 'p' ? 'hl-text highlighted-text' : 'hl-text'} lang={lang} data-testid={testId}>
      {parts}
    </Tag>
  );
}
