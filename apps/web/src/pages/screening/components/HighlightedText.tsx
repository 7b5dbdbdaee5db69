/** Text with ranges marked: matched parts stand out, ignored parts (legal forms…) fade. */
export function HighlightedText({ text, ranges }: { text: string; ranges: readonly { start: number; end: number; kind: string; how?: string | undefined }[] }) {
  const sorted = [...ranges].filter((r) => r.end > r.start).sort((a, b) => a.start - b.start);
  const parts: React.ReactNode[] = [];
  let at = 0;
  sorted.forEach((r, i) => {
    if (r.start < at) return;
    if (r.start > at) parts.push(text.slice(at, r.start));
    parts.push(
      <mark key={i} className={`hl hl-${r.kind}`} title={r.how ?? r.kind}>
        {text.slice(r.start, r.end)}
      </mark>,
    );
    at = r.end;
  });
  if (at < text.length) parts.push(text.slice(at));
  return <span className="hl-text">{parts}</span>;
}
