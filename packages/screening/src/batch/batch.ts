import { parseCsv } from '../readers/csv.ts';
import type { EntityType } from '../types.ts';
import { ListFormatError } from '../types.ts';

/** Longest name a batch row may carry: the platform's limit for any party name (LIMITS.nameMax). */
export const BATCH_NAME_MAX = 300;
/** The columns (CSV) or keys (JSON lines) a batch row may have; `name` is required. */
export const BATCH_COLUMNS = ['name', 'id', 'type', 'country'] as const;
/** Entity types a row may name: the engine's own. Blank means "any". */
export const BATCH_ENTITY_TYPES: readonly EntityType[] = ['organization', 'person', 'vessel', 'aircraft', 'unknown'];
/** Longest row id kept: ids are the caller's references, not text to screen. */
export const BATCH_ID_MAX = 200;

/** One row to screen. `line` is where it starts in the file (1-based; a CSV header is line 1). */
export interface BatchInput {
  readonly line: number;
  readonly id: string | null;
  readonly name: string;
  readonly type: EntityType | null;
  /** ISO 3166 alpha-2, upper case. */
  readonly country: string | null;
}

export interface BatchLineError {
  readonly line: number;
  readonly message: string;
}

/**
 * A batch file that cannot be screened as a whole, with every bad line. A batch is all or nothing:
 * a compliance officer files the result as "these parties were screened", so a file with a bad row is
 * refused with each bad line named (to fix and send again) rather than screened with gaps.
 */
export class BatchFileError extends Error {
  constructor(readonly lines: readonly BatchLineError[]) {
    super(`the batch file has ${lines.length} bad line${lines.length === 1 ? '' : 's'}; nothing was screened`);
    this.name = 'BatchFileError';
  }
}

export interface BatchParseOptions {
  /** Most rows accepted (default: no limit). */
  readonly maxRows?: number;
}

export interface ParsedBatch {
  readonly format: 'csv' | 'jsonl';
  readonly rows: BatchInput[];
}

/** C0/C1 controls other than tab, CR and LF; lone surrogates; U+FFFD (what bytes that were not UTF-8 become). */
function badText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 9 || c === 10 || c === 13) continue;
    if (c < 32 || (c >= 0x7f && c <= 0x9f) || c === 0xfffd) return true;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return true;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

function textProblems(text: string): BatchLineError[] {
  if (!badText(text)) return [];
  const out: BatchLineError[] = [];
  text.split(/\r\n|\n|\r/).forEach((l, i) => {
    if (badText(l)) out.push({ line: i + 1, message: 'the line has control characters or bytes that are not UTF-8 text' });
  });
  return out;
}

const allowed = (c: string) => (BATCH_COLUMNS as readonly string[]).includes(c);

/** Checks one row's values; returns the row or pushes its problems. */
function checkRow(line: number, raw: Record<string, string | undefined>, errors: BatchLineError[]): BatchInput | undefined {
  const before = errors.length;
  const name = (raw.name ?? '').trim();
  const id = (raw.id ?? '').trim();
  const type = (raw.type ?? '').trim().toLowerCase();
  const country = (raw.country ?? '').trim().toUpperCase();
  if (name === '') errors.push({ line, message: 'name: empty' });
  else if ([...name].length > BATCH_NAME_MAX) errors.push({ line, message: `name: longer than ${BATCH_NAME_MAX} characters` });
  if ([...id].length > BATCH_ID_MAX) errors.push({ line, message: `id: longer than ${BATCH_ID_MAX} characters` });
  if (type !== '' && !(BATCH_ENTITY_TYPES as readonly string[]).includes(type)) errors.push({ line, message: `type: "${type}" is not one of ${BATCH_ENTITY_TYPES.join(', ')}` });
  if (country !== '' && !/^[A-Z]{2}$/.test(country)) errors.push({ line, message: `country: "${country.slice(0, 40)}" is not a two-letter ISO code` });
  if (errors.length > before) return undefined;
  return { line, id: id === '' ? null : id, name, type: type === '' ? null : (type as EntityType), country: country === '' ? null : country };
}

function parseCsvBatch(text: string, errors: BatchLineError[]): BatchInput[] {
  let rows;
  try {
    rows = parseCsv('', text, undefined, { lenientWidth: true });
  } catch (err: unknown) {
    if (err instanceof ListFormatError) throw new BatchFileError([{ line: err.line ?? 1, message: err.reason }]);
    throw err;
  }
  const [header, ...body] = rows;
  const cols = (header?.fields ?? []).map((h) => h.trim().toLowerCase());
  const unknown = cols.filter((c) => !allowed(c));
  const repeated = cols.filter((c, i) => cols.indexOf(c) !== i);
  if (!cols.includes('name') || unknown.length > 0 || repeated.length > 0) {
    const why = !cols.includes('name')
      ? 'the column "name" is missing'
      : unknown.length > 0
        ? `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => `"${c}"`).join(', ')}`
        : `column "${repeated[0] ?? ''}" appears twice`;
    throw new BatchFileError([{ line: header?.line ?? 1, message: `header: ${why}; allowed columns are name (required), id, type, country` }]);
  }
  const out: BatchInput[] = [];
  for (const r of body) {
    if (r.fields.length > cols.length) {
      errors.push({ line: r.line, message: `${r.fields.length} fields, the header has ${cols.length}` });
      continue;
    }
    const raw: Record<string, string> = {};
    cols.forEach((c, i) => (raw[c] = r.fields[i] ?? ''));
    const row = checkRow(r.line, raw, errors);
    if (row) out.push(row);
  }
  return out;
}

function parseJsonLines(text: string, errors: BatchLineError[]): BatchInput[] {
  const out: BatchInput[] = [];
  const lines = text.split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const l = (lines[i] ?? '').trim();
    if (l === '') continue;
    const line = i + 1;
    let value: unknown;
    try {
      value = JSON.parse(l);
    } catch {
      errors.push({ line, message: 'not valid JSON' });
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      errors.push({ line, message: 'not a JSON object with a "name"' });
      continue;
    }
    const obj = value as Record<string, unknown>;
    const unknown = Object.keys(obj).filter((k) => !allowed(k));
    if (unknown.length > 0) {
      errors.push({ line, message: `unknown key${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k.slice(0, 40)}"`).join(', ')}; allowed keys are name (required), id, type, country` });
      continue;
    }
    const raw: Record<string, string | undefined> = {};
    let bad = false;
    for (const k of BATCH_COLUMNS) {
      const v = obj[k];
      if (v === undefined || v === null) continue;
      if (typeof v === 'string' || (k === 'id' && typeof v === 'number' && Number.isFinite(v))) raw[k] = String(v);
      else {
        errors.push({ line, message: `${k}: must be ${k === 'id' ? 'a string or a number' : 'a string'}` });
        bad = true;
      }
    }
    if (bad) continue;
    const row = checkRow(line, raw, errors);
    if (row) out.push(row);
  }
  return out;
}

/**
 * Reads a batch of names to screen: CSV whose header has `name` and optionally `id`, `type`,
 * `country` (any order, any case), or JSON lines with the same keys. A BOM and CRLF line ends are
 * accepted. Any bad line (wrong columns, empty or too-long name, unknown type, bad country, broken
 * JSON) makes the whole file a BatchFileError listing every bad line, so a batch only ever runs on a
 * file that is entirely readable.
 */
export function parseBatch(input: string, options: BatchParseOptions = {}): ParsedBatch {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const problems = textProblems(text);
  if (problems.length > 0) throw new BatchFileError(problems);
  if (text.trim() === '') throw new BatchFileError([{ line: 1, message: 'the file is empty; give a CSV with a "name" column, or JSON lines' }]);
  const errors: BatchLineError[] = [];
  const format = text.trimStart().startsWith('{') ? 'jsonl' : 'csv';
  const rows = format === 'jsonl' ? parseJsonLines(text, errors) : parseCsvBatch(text, errors);
  if (errors.length > 0) throw new BatchFileError(errors);
  if (rows.length === 0) throw new BatchFileError([{ line: 2, message: 'no rows after the header' }]);
  const max = options.maxRows;
  if (max !== undefined && rows.length > max) {
    throw new BatchFileError([{ line: rows[max]?.line ?? max + 2, message: `at most ${max} rows per batch; split the file` }]);
  }
  return { format, rows };
}
