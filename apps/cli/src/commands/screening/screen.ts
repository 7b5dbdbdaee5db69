import { DEFAULT_LIMIT, DEFAULT_THRESHOLD, type EntityType, type Match, type Matcher } from '@qiao/screening';
import { z } from 'zod';
import { parseOptions } from '../../validate.ts';
import { usageError } from '../../errors.ts';
import { EntityTypeSchema, readBatch, type BatchRow } from './batch-input.ts';
import { matcherFromDatabase, matcherFromFiles } from './list-source.ts';
import { Progress } from './progress.ts';

export const ScreenOptionsSchema = z.object({
  type: EntityTypeSchema.optional(),
  country: z.string().regex(/^[A-Za-z]{2}$/, 'must be a 2-letter ISO country code').optional(),
  list: z.array(z.string()).default([]),
  threshold: z.coerce.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').default(DEFAULT_THRESHOLD),
  limit: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(1000, 'must be at most 1000').default(DEFAULT_LIMIT),
  batch: z.string().optional(),
  json: z.boolean().default(false),
});
export type ScreenOptions = z.infer<typeof ScreenOptionsSchema>;

/** The wire shape of one match in `--json` output (DESIGN.md contract first, extras after). */
export function matchJson(m: Match): Record<string, unknown> {
  return {
    listId: m.listId,
    recordId: m.recordId,
    name: m.name,
    entityName: m.entityName,
    score: m.score,
    explanation: m.explanation,
    type: m.type,
    programs: m.programs,
    records: m.records,
  };
}

export interface RowResult {
  readonly id: string;
  readonly name: string;
  readonly matches?: readonly Match[];
  readonly error?: { readonly id: string; readonly message: string };
}

export function screenRow(matcher: Matcher, row: BatchRow, threshold: number, limit: number): RowResult {
  try {
    return { id: row.id, name: row.name, matches: matcher.match({ name: row.name, type: row.type, country: row.country }, { threshold, limit }) };
  } catch (err: unknown) {
    return { id: row.id, name: row.name, error: { id: 'screening_failed', message: err instanceof Error ? err.message : String(err) } };
  }
}

export function rowJson(r: RowResult): string {
  if (r.error) return JSON.stringify({ id: r.id, name: r.name, error: r.error });
  return JSON.stringify({ id: r.id, name: r.name, matches: (r.matches ?? []).map(matchJson) });
}

/** `--list PATH…` builds the index from those files; without it, from the lists imported into the platform. */
export function buildMatcher(lists: readonly string[]): Promise<Matcher> {
  return lists.length > 0 ? Promise.resolve(matcherFromFiles(lists)) : matcherFromDatabase();
}

export type ScreenResult = { readonly kind: 'single'; readonly result: RowResult } | { readonly kind: 'batch'; readonly results: RowResult[] };

/** What a batch row is screened with when the row itself does not say. */
export interface BatchScreenOptions {
  readonly type?: EntityType;
  readonly threshold: number;
  readonly limit: number;
}

/**
 * Screens batch rows in input order, handing each result to `emit` as soon as it is known. A party
 * that recurs (the same name, type and country on several rows) is screened once and each of its
 * rows reports the same matches under its own id; its result is held only until its last row, so a
 * batch of distinct names keeps no results in memory.
 */
export function screenRows(matcher: Matcher, rows: readonly BatchRow[], options: BatchScreenOptions, emit: (result: RowResult, index: number) => void): void {
  const keyOf = (row: BatchRow) => `${row.type ?? options.type ?? ''}\u0000${row.country ?? ''}\u0000${row.name}`;
  const left = new Map<string, number>();
  for (const row of rows) {
    const key = keyOf(row);
    left.set(key, (left.get(key) ?? 0) + 1);
  }
  const held = new Map<string, RowResult>();
  rows.forEach((row, i) => {
    const key = keyOf(row);
    const remaining = (left.get(key) ?? 1) - 1;
    left.set(key, remaining);
    const known = held.get(key);
    const result = known ? { ...known, id: row.id } : screenRow(matcher, { ...row, type: row.type ?? options.type }, options.threshold, options.limit);
    if (remaining === 0) {
      held.delete(key);
      left.delete(key);
    } else if (!known) held.set(key, result);
    emit(result, i);
  });
}

/**
 * `qiao screen`: one name, or every row of a batch file, in input order, each result handed to
 * `emit` as it is screened. Returns which of the two it was.
 */
export async function runScreen(name: string | undefined, raw: unknown, emit: (result: RowResult) => void): Promise<ScreenResult['kind']> {
  const opts = parseOptions(ScreenOptionsSchema, raw);
  if (opts.batch === undefined && (name === undefined || name.trim() === '')) throw usageError('give a NAME to screen or --batch FILE');
  if (opts.batch !== undefined && name !== undefined) throw usageError('give either a NAME or --batch FILE, not both');
  // The batch is checked whole before any list is read: a bad file costs nothing.
  const rows = opts.batch === undefined ? undefined : readBatch(opts.batch);
  const matcher = await buildMatcher(opts.list);
  if (!rows) {
    const row: BatchRow = { id: '1', name: name ?? '', type: opts.type, country: opts.country?.toLowerCase() };
    emit(screenRow(matcher, row, opts.threshold, opts.limit));
    return 'single';
  }
  const progress = new Progress(rows.length);
  screenRows(matcher, rows, opts, (result, i) => {
    progress.tick(i + 1);
    emit(result);
  });
  progress.done();
  return 'batch';
}

/** `qiao screen` with every result collected, in input order. */
export async function handleScreen(name: string | undefined, raw: unknown): Promise<ScreenResult> {
  const results: RowResult[] = [];
  const kind = await runScreen(name, raw, (r) => results.push(r));
  const [first] = results;
  if (kind === 'single' && first) return { kind, result: first };
  return { kind: 'batch', results };
}
