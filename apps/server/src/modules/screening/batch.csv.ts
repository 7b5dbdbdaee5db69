import { BatchFileError, parseBatch } from '@qiao/screening';
import { csvInvalid } from '../../errors.ts';

export { BATCH_COLUMNS } from '@qiao/screening';

export interface BatchInput {
  id: string | null;
  name: string;
  type: string | null;
  country: string | null;
}

/**
 * Reads an uploaded batch with the engine's batch parser (the one `qiao screen --batch` uses): CSV
 * with a `name` column and optional `id`, `type`, `country`, or JSON lines. Any bad line fails the
 * whole file as 400 csv_invalid with every bad line listed, so a job only ever starts on a file that
 * is entirely readable.
 */
export function parseBatchCsv(text: string, maxRows: number): BatchInput[] {
  try {
    return parseBatch(text, { maxRows }).rows.map((r) => ({ id: r.id, name: r.name, type: r.type, country: r.country }));
  } catch (err: unknown) {
    if (err instanceof BatchFileError) throw csvInvalid([...err.lines]);
    throw err;
  }
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
