import type { ExplanationItem, SearchMatch } from '@qiao/contracts';
import type { Explanation } from '@qiao/screening';

type Range = { start: number; end: number };
type Highlights = SearchMatch['highlights'];

/**
 * Finds where each space-separated piece of `parts` occurs in `text`, case-insensitively, taking
 * occurrences not already used. The engine reports the surface text of each name part but not its
 * position, so positions are recovered here; a piece it normalised beyond recognition gets no range.
 */
function locate(text: string, parts: string, used: boolean[]): Range[] {
  const hay = text.toLowerCase();
  const out: Range[] = [];
  for (const piece of parts.split(/\s+/)) {
    if (piece === '') continue;
    const needle = piece.toLowerCase();
    let from = 0;
    for (;;) {
      const at = hay.indexOf(needle, from);
      if (at < 0) break;
      const end = at + needle.length;
      if (!used.slice(at, end).some(Boolean)) {
        for (let i = at; i < end; i++) used[i] = true;
        out.push({ start: at, end });
        break;
      }
      from = at + 1;
    }
  }
  return out;
}

/**
 * The engine's explanation with character ranges added, plus the highlight lists a page paints:
 * matched parts (with how they matched), parts without a counterpart, and ignored parts (legal forms…).
 */
export function explainWithRanges(query: string, name: string, explanation: readonly Explanation[]): { explanation: ExplanationItem[]; highlights: Highlights } {
  const usedQ: boolean[] = [];
  const usedN: boolean[] = [];
  const highlights: Highlights = { query: [], name: [] };
  // Matched parts first, so their ranges win over an ignored word with the same letters.
  const order = explanation.map((e, i) => ({ e, i })).sort((a, b) => Number(b.e.feature === 'part') - Number(a.e.feature === 'part'));
  const items: ExplanationItem[] = explanation.map((e) => ({ ...e }));
  for (const { e, i } of order) {
    const item = items[i];
    if (!item) continue;
    switch (e.feature) {
      case 'part': {
        item.queryRanges = locate(query, e.query, usedQ);
        item.listRanges = locate(name, e.list, usedN);
        for (const r of item.queryRanges) highlights.query.push({ ...r, kind: 'matched', how: e.how, feature: i });
        for (const r of item.listRanges) highlights.name.push({ ...r, kind: 'matched', how: e.how, feature: i });
        break;
      }
      case 'extra-query-part':
        item.queryRanges = locate(query, e.query, usedQ);
        for (const r of item.queryRanges) highlights.query.push({ ...r, kind: 'unmatched', feature: i });
        break;
      case 'extra-list-part':
        item.listRanges = locate(name, e.list, usedN);
        for (const r of item.listRanges) highlights.name.push({ ...r, kind: 'unmatched', feature: i });
        break;
      case 'ignored': {
        const ranges = e.side === 'query' ? locate(query, e.text, usedQ) : locate(name, e.text, usedN);
        if (e.side === 'query') item.queryRanges = ranges;
        else item.listRanges = ranges;
        for (const r of ranges) highlights[e.side === 'query' ? 'query' : 'name'].push({ ...r, kind: 'ignored', feature: i });
        break;
      }
      case 'script':
      case 'qualifier':
        break;
    }
  }
  highlights.query.sort((a, b) => a.start - b.start);
  highlights.name.sort((a, b) => a.start - b.start);
  return { explanation: items, highlights };
}
