import { readFileSync } from 'node:fs';
import { compareNames, pairMetrics, parseCsv, ListFormatError, type Comparison, type KindMetrics } from '@qiao/screening';
import { z } from 'zod';
import { CliError, EXIT, usageError } from '../../errors.ts';
import { parseOptions } from '../../validate.ts';
import { EntityTypeSchema } from './batch-input.ts';

export const CompareOptionsSchema = z.object({
  type: EntityTypeSchema.optional(),
  pairs: z.string().optional(),
  json: z.boolean().default(false),
});

/** `label` is the row's own answer when the file is labelled (columns `match` 1/0 and `kind`). */
export type PairResult = { readonly name1: string; readonly name2: string; readonly label?: { readonly kind: string; readonly match: boolean } } & (Comparison | { readonly error: { id: string; message: string } });

/**
 * For a labelled file (columns `match` 1/0 and `kind`), `metrics` holds precision, recall and F1
 * per kind and overall; rows with an error or no label are left out of them.
 */
export type CompareResult = { readonly kind: 'single'; readonly result: Comparison } | { readonly kind: 'pairs'; readonly results: PairResult[]; readonly metrics?: KindMetrics[] };

/** `qiao compare NAME1 NAME2` or `qiao compare --pairs FILE` (CSV name1,name2[,type]). */
export function handleCompare(name1: string | undefined, name2: string | undefined, raw: unknown): CompareResult {
  const opts = parseOptions(CompareOptionsSchema, raw);
  if (opts.pairs === undefined) {
    if (name1 === undefined || name2 === undefined || name1.trim() === '' || name2.trim() === '') throw usageError('give NAME1 and NAME2, or --pairs FILE');
    return { kind: 'single', result: compareNames(name1, name2, opts.type) };
  }
  if (name1 !== undefined) throw usageError('give either NAME1 NAME2 or --pairs FILE, not both');
  let text: string;
  try {
    text = readFileSync(opts.pairs, 'utf8');
  } catch {
    throw usageError(`--pairs: cannot read ${opts.pairs}`);
  }
  let rows;
  try {
    rows = parseCsv(opts.pairs, text.replace(/^\ufeff/, ''), undefined, { lenientWidth: true });
  } catch (err: unknown) {
    if (err instanceof ListFormatError) throw new CliError(`cannot read pairs ${err.message}`, EXIT.usage);
    throw err;
  }
  const header = rows[0]?.fields.map((h) => h.trim().toLowerCase()) ?? [];
  const i1 = header.indexOf('name1');
  const i2 = header.indexOf('name2');
  const it = header.indexOf('type');
  if (i1 < 0 || i2 < 0) throw usageError(`${opts.pairs}: the CSV header must have "name1" and "name2" columns (optional: type); found: ${header.join(',')}`);
  const im = header.indexOf('match');
  const ik = header.indexOf('kind');
  const results = rows.slice(1).map((r): PairResult => {
    const n1 = (r.fields[i1] ?? '').trim();
    const n2 = (r.fields[i2] ?? '').trim();
    const t = EntityTypeSchema.optional().safeParse(it >= 0 && r.fields[it] !== '' ? r.fields[it] : opts.type);
    if (n1 === '' || n2 === '') return { name1: n1, name2: n2, error: { id: 'invalid_row', message: `line ${r.line}: name1 and name2 are required` } };
    if (!t.success) return { name1: n1, name2: n2, error: { id: 'invalid_row', message: `line ${r.line}: type must be organization or person` } };
    const m = im >= 0 && ik >= 0 ? (r.fields[im] ?? '').trim() : '';
    const label = m === '1' || m === '0' ? { kind: (r.fields[ik] ?? '').trim() || 'unlabelled', match: m === '1' } : undefined;
    return { name1: n1, name2: n2, ...(label ? { label } : {}), ...compareNames(n1, n2, t.data) };
  });
  if (im < 0 || ik < 0) return { kind: 'pairs', results };
  const outcomes = results.flatMap((res) => ('error' in res || !res.label ? [] : [{ kind: res.label.kind, truth: res.label.match, predicted: res.match }]));
  return { kind: 'pairs', results, metrics: pairMetrics(outcomes) };
}

const pad = (s: string, n: number): string => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number): string => (s.length >= n ? s : ' '.repeat(n - s.length) + s);

/** Per-kind precision / recall / F1 of labelled pairs, side by side for several matchers (first column qiao). */
export function renderPairMetrics(columns: readonly { readonly name: string; readonly metrics: readonly KindMetrics[] }[]): string {
  const kinds = columns[0]?.metrics ?? [];
  const lines = [`${pad('kind', 22)}${lpad('pairs (+/−)', 13)}${columns.map((c) => lpad(`${c.name} P / R / F1`, 26)).join('')}`];
  lines.push('-'.repeat(35 + 26 * columns.length));
  for (const k of kinds) {
    const cells = columns.map((c) => {
      const m = c.metrics.find((x) => x.kind === k.kind);
      return lpad(m ? `${m.precision.toFixed(3)} / ${m.recall.toFixed(3)} / ${m.f1.toFixed(3)}` : '—', 26);
    });
    lines.push(`${pad(k.kind, 22)}${lpad(`${k.matches + k.nonMatches} (${k.matches}/${k.nonMatches})`, 13)}${cells.join('')}`);
  }
  return lines.join('\n');
}
