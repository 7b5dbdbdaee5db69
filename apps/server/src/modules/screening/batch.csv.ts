import type { CsvLineError } from '@qiao/contracts';
import { ENTITY_TYPES, fileTextProblems } from '@qiao/contracts';
import { parse } from 'csv-parse/sync';
import { csvInvalid } from '../../errors.ts';

export const BATCH_COLUMNS = ['name', 'id', 'type', 'country'] as const;

export interface BatchInput {
  id: string | null;
  name: string;
  type: string | null;
  country: string | null;
}

/**
 * Reads a batch CSV: a header with `name` and optionally `id`, `type`, `country` (any order, any case).
 * Unknown columns, a missing `name` column and bad rows fail the whole file with every bad line listed
 * (1-based, the header is line 1), so a job only ever starts on a file that is entirely readable.
 */
export function parseBatchCsv(text: string, maxRows: number): BatchInput[] {
  const badText = fileTextProblems(text);
  if (badText.length > 0) throw csvInvalid(badText);
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = (parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true, trim: true, info: true }) as unknown) as { record: string[]; info: { lines: number } }[];
  } catch (err: unknown) {
    const line = (err as { lines?: number }).lines ?? 1;
    throw csvInvalid([{ line, message: err instanceof Error ? err.message : 'unreadable CSV' }]);
  }
  const [header, ...body] = rows;
  const cols = (header?.record ?? []).map((h) => h.toLowerCase());
  const unknown = cols.filter((c) => !(BATCH_COLUMNS as readonly string[]).includes(c));
  if (!header || !cols.includes('name') || unknown.length > 0) {
    const why = !cols.includes('name') ? 'the column "name" is missing' : `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => `"${c}"`).join(', ')}`;
    throw csvInvalid([{ line: 1, message: `header: ${why}; allowed columns are name (required), id, type, country` }]);
  }
  if (body.length === 0) throw csvInvalid([{ line: 2, message: 'no rows after the header' }]);
  if (body.length > maxRows) throw csvInvalid([{ line: maxRows + 2, message: `at most ${maxRows} rows per batch; split the file` }]);
  const at = (row: string[], c: string) => {
    const i = cols.indexOf(c);
    return i < 0 ? '' : (row[i] ?? '');
  };
  const errors: CsvLineError[] = [];
  const out: BatchInput[] = [];
  for (const { record, info } of body) {
    const line = info.lines;
    if (record.length > cols.length) errors.push({ line, message: `${record.length} fields, the header has ${cols.length}` });
    const name = at(record, 'name');
    const type = at(record, 'type').toLowerCase();
    const country = at(record, 'country').toUpperCase();
    if (name === '') errors.push({ line, message: 'name: empty' });
    else if (name.length > 300) errors.push({ line, message: 'name: longer than 300 characters' });
    if (type !== '' && !(ENTITY_TYPES as readonly string[]).includes(type)) errors.push({ line, message: `type: "${type}" is not one of ${ENTITY_TYPES.join(', ')}` });
    if (country !== '' && !/^[A-Z]{2}$/.test(country)) errors.push({ line, message: `country: "${country}" is not a two-letter ISO code` });
    out.push({ id: at(record, 'id') || null, name, type: type || null, country: country || null });
  }
  if (errors.length > 0) throw csvInvalid(errors);
  return out;
}

function cell(v: string | number | null): string {
  const s = v === null ? '' : String(v);
  // A leading =, +, - or @ would run as a formula in a spreadsheet: prefix it with a quote.
  const safe = /^[=+\-@]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const RESULT_COLUMNS = ['row', 'id', 'name', 'type', 'country', 'match_rank', 'score', 'list_id', 'record_id', 'matched_name', 'entity_name', 'programs'] as const;

export function csvLine(values: (string | number | null)[]): string {
  return values.map(cell).join(',');
}
