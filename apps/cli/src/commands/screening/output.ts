import type { Explanation, Match } from '@qiao/screening';
import { renderPairMetrics, type CompareResult } from './compare.ts';
import { rowJson, type RowResult } from './screen.ts';

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

function explainText(e: Explanation): string {
  switch (e.feature) {
    case 'part':
      return `${e.query} ≈ ${e.list} (${e.how}, ${e.score})`;
    case 'extra-query-part':
      return `query part "${e.query}" not in list name`;
    case 'extra-list-part':
      return `list part "${e.list}" not in query`;
    case 'ignored':
      return `ignored ${e.side} "${e.text}" (${e.reason})`;
    case 'script':
      return `path: ${e.path}`;
    case 'qualifier':
      return `${e.reason} ×${e.factor}`;
  }
}

function matchText(m: Match): string[] {
  const lists = m.records.map((r) => `${r.listId}:${r.recordId}${r.programs.length > 0 ? ` [${r.programs.join('; ')}]` : ''}`).join(', ');
  return [`  ${m.score.toFixed(3)}  ${m.name}${m.name === m.entityName ? '' : ` (alias of ${m.entityName})`}  — ${lists}`, `         ${m.explanation.map(explainText).join('; ')}`];
}

function rowText(r: RowResult): string[] {
  if (r.error) return [`${r.name || r.id}: error: ${r.error.message}`];
  const ms = r.matches ?? [];
  return [`${r.name}: ${ms.length === 0 ? 'no match' : `${ms.length} match${ms.length === 1 ? '' : 'es'}`}`, ...ms.flatMap(matchText)];
}

/** Output is written in pieces of about this many characters rather than a write per line. */
const CHUNK = 1 << 16;

/**
 * Prints `qiao screen` results as they come: JSON lines with --json, readable text otherwise. Lines
 * are gathered and written a chunk at a time; `end()` writes the rest. A reader that stops reading
 * (`qiao screen --batch … | head`) ends the output quietly instead of failing with a broken pipe.
 */
export class RowPrinter {
  private lines: string[] = [];
  private size = 0;
  private closed = false;

  constructor(private readonly json: boolean) {
    process.stdout.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE' && !this.closed) throw err;
      this.closed = true;
    });
  }

  row(r: RowResult): void {
    for (const line of this.json ? [rowJson(r)] : rowText(r)) {
      this.lines.push(line);
      this.size += line.length + 1;
    }
    if (this.size >= CHUNK) this.flush();
  }

  end(): void {
    this.flush();
  }

  private flush(): void {
    if (!this.closed && this.lines.length > 0) process.stdout.write(`${this.lines.join('\n')}\n`);
    this.lines = [];
    this.size = 0;
  }
}

export function printCompare(result: CompareResult, json: boolean): void {
  const rows = result.kind === 'single' ? [result.result] : result.results;
  for (const r of rows) {
    if (json) {
      out(JSON.stringify(r));
      continue;
    }
    if ('error' in r) {
      out(`${r.name1} | ${r.name2}: error: ${r.error.message}`);
      continue;
    }
    const head = 'name1' in r ? `${r.name1} | ${r.name2}: ` : '';
    out(`${head}${r.score.toFixed(3)} ${r.match ? 'match' : 'no match'}`);
    out(`  ${r.explanation.map(explainText).join('; ')}`);
  }
  // A labelled pairs file (match and kind columns) ends with precision, recall and F1 per kind.
  if (result.kind === 'pairs' && result.metrics) out(json ? JSON.stringify({ metrics: result.metrics }) : renderPairMetrics([{ name: 'qiao', metrics: result.metrics }]));
}
