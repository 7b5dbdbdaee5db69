import { readFileSync } from 'node:fs';
import { compareNames, parseCsv, ListFormatError, type Comparison } from '@qiao/screening';
import { z } from 'zod';
import { CliError, EXIT, usageError } from '../../errors.ts';
import { parseOptions } from '../../validate.ts';
import { EntityTypeSchema } from './batch-input.ts';

export const CompareOptionsSchema = z.object({
  type: EntityTypeSchema.optional(),
  pairs: z.string().optional(),
  json: z.boolean().default(false),
});

export type PairResult = { readonly name1: string; readonly name2: string } & (Comparison | { readonly error: { id: string; message: string } });

export type CompareResult = { readonly kind: 'single'; readonly result: Comparison } | { readonly kind: 'pairs'; readonly results: PairResult[] };

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
  const results = rows.slice(1).map((r): PairResult => {
    const n1 = (r.fields[i1] ?? '').trim();
    const n2 = (r.fields[i2] ?? '').trim();
    const t = EntityTypeSchema.optional().safeParse(it >= 0 && r.fields[it] !== '' ? r.fields[it] : opts.type);
    if (n1 === '' || n2 === '') return { name1: n1, name2: n2, error: { id: 'invalid_row', message: `line ${r.line}: name1 and name2 are required` } };
    if (!t.success) return { name1: n1, name2: n2, error: { id: 'invalid_row', message: `line ${r.line}: type must be organization or person` } };
    return { name1: n1, name2: n2, ...compareNames(n1, n2, t.data) };
  });
  return { kind: 'pairs', results };
}
