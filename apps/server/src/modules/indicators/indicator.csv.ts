import { fileTextProblems, IndicatorValueSchema, type CsvLineError, type IndicatorValue } from '@qiao/contracts';
import { parse } from 'csv-parse/sync';
import { csvInvalid } from '../../errors.ts';

export const VALUE_COLUMNS = ['period', 'country', 'value'] as const;
/** Optional column: a breakdown within a period and country. */
const CATEGORY = 'category';

/**
 * Reads `period,country,value` rows. Any bad line fails the whole file with every bad line listed
 * (1-based, counting the header as line 1), so an import is all or nothing.
 */
export function parseValuesCsv(text: string): IndicatorValue[] {
  // Control characters and bytes that were not UTF-8 (decoded to U+FFFD) are refused before parsing.
  const badText = fileTextProblems(text);
  if (badText.length > 0) throw csvInvalid(badText);
  let rows: string[][];
  try {
    rows = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch (err: unknown) {
    const line = (err as { lines?: number }).lines ?? 1;
    throw csvInvalid([{ line, message: err instanceof Error ? err.message : 'unreadable CSV' }]);
  }
  const [header, ...body] = rows;
  const cols = (header ?? []).map((h) => h.toLowerCase());
  const missing = VALUE_COLUMNS.filter((c) => !cols.includes(c));
  if (!header || missing.length > 0) {
    throw csvInvalid([{ line: 1, message: `header must have the columns ${VALUE_COLUMNS.join(', ')}; missing: ${missing.join(', ')}` }]);
  }
  const at = (row: string[], c: (typeof VALUE_COLUMNS)[number]) => row[cols.indexOf(c)] ?? '';
  const errors: CsvLineError[] = [];
  const values: IndicatorValue[] = [];
  const seen = new Set<string>();
  body.forEach((row, i) => {
    const line = i + 2;
    const raw = at(row, 'value');
    const category = cols.includes(CATEGORY) ? (row[cols.indexOf(CATEGORY)] ?? '') : '';
    const parsed = IndicatorValueSchema.safeParse({ period: at(row, 'period'), country: at(row, 'country'), ...(category ? { category } : {}), value: raw === '' ? Number.NaN : Number(raw) });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') ?? 'row';
      errors.push({ line, message: field === 'value' ? `value: "${raw}" is not a number` : `${field}: ${issue?.message ?? 'invalid'}` });
      return;
    }
    const key = `${parsed.data.period}|${parsed.data.country}|${parsed.data.category ?? ''}`;
    if (seen.has(key)) errors.push({ line, message: `duplicate value for ${parsed.data.period} ${parsed.data.country}${parsed.data.category ? ` ${parsed.data.category}` : ''}` });
    seen.add(key);
    values.push(parsed.data);
  });
  if (errors.length > 0) throw csvInvalid(errors);
  return values;
}

function cell(v: string | number): string {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function valuesToCsv(values: readonly IndicatorValue[]): string {
  // The category column appears only when some value has one, so simple series keep three columns.
  if (values.some((v) => v.category !== undefined)) {
    return [['period', 'country', CATEGORY, 'value'].join(','), ...values.map((v) => [v.period, v.country, v.category ?? '', v.value].map(cell).join(','))].join('\n') + '\n';
  }
  return [VALUE_COLUMNS.join(','), ...values.map((v) => [v.period, v.country, v.value].map(cell).join(','))].join('\n') + '\n';
}
