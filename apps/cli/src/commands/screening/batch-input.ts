import { parseCsv, ListFormatError } from '@qiao/screening';
import { z } from 'zod';
import { CliError, EXIT, usageError } from '../../errors.ts';

export const EntityTypeSchema = z.enum(['organization', 'person']);

/** One row of a batch file; `error` is set for a row that cannot be screened (the rest still run). */
export interface BatchRow {
  readonly id: string;
  readonly name: string;
  readonly type?: 'organization' | 'person';
  readonly country?: string;
  readonly error?: { readonly id: string; readonly message: string };
}

const RowSchema = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  name: z.string().trim().min(1, 'name is empty').max(500, 'name is longer than 500 characters'),
  type: z.preprocess((v) => (v === '' || v === null ? undefined : v), EntityTypeSchema.optional()),
  country: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.string().regex(/^[A-Za-z]{2}$/, 'country must be a 2-letter ISO code').optional()),
});

function toRow(raw: unknown, fallbackId: string): BatchRow {
  const obj = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const id = typeof obj.id === 'string' && obj.id !== '' ? obj.id : typeof obj.id === 'number' ? String(obj.id) : fallbackId;
  const name = typeof obj.name === 'string' ? obj.name : '';
  const parsed = RowSchema.safeParse(obj);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return { id, name, error: { id: 'invalid_row', message: `${where}${issue?.message ?? 'invalid row'}` } };
  }
  return { id, name: parsed.data.name, type: parsed.data.type, country: parsed.data.country?.toLowerCase() };
}

/** Parses a batch file: JSON lines, or CSV whose header has a `name` column (optional id, type, country). */
export function parseBatch(file: string, text: string): BatchRow[] {
  const body = text.replace(/^\ufeff/, '');
  if (body.trimStart().startsWith('{')) {
    return body.split(/\r?\n/).flatMap((line, i) => {
      if (line.trim() === '') return [];
      try {
        return [toRow(JSON.parse(line) as unknown, `line-${i + 1}`)];
      } catch {
        return [{ id: `line-${i + 1}`, name: '', error: { id: 'invalid_json', message: `line ${i + 1}: not valid JSON` } }];
      }
    });
  }
  let rows;
  try {
    rows = parseCsv(file, body, undefined, { lenientWidth: true });
  } catch (err: unknown) {
    if (err instanceof ListFormatError) throw new CliError(`cannot read batch ${err.message}`, EXIT.usage);
    throw err;
  }
  const header = rows[0]?.fields.map((h) => h.trim().toLowerCase());
  if (!header || !header.includes('name')) {
    throw usageError(`${file}: the CSV header must have a "name" column (optional: id, type, country); found: ${header?.join(',') ?? 'nothing'}`);
  }
  return rows.slice(1).map((r) => {
    const obj: Record<string, string> = {};
    header.forEach((h, i) => (obj[h] = r.fields[i] ?? ''));
    const row = toRow(obj, `line-${r.line}`);
    if (!row.error && r.fields.length !== header.length) {
      return { ...row, error: { id: 'invalid_row', message: `line ${r.line}: expected ${header.length} fields, found ${r.fields.length}` } };
    }
    return row;
  });
}
