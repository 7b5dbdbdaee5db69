import type { CsvPreview } from '@qiao/contracts';
import { parse } from 'csv-parse';
import type { Readable } from 'node:stream';
import { validationFailed } from '../../errors.ts';

const SAMPLE_ROWS = 2000;
const TIME_NAME = /^(date|time|datetime|timestamp|year|month|day|period|日期|时间|年份|年|月)$/i;
const TIME_VALUE = /^\d{4}(-\d{2}(-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?)?)?Z?$/;
const PLACE_NAME = /^(city|station|site|location|place|region|province|state|country|城市|站点|地点|地区|省份|国家)$/i;

export function isPreviewable(name: string, contentType: string): boolean {
  return /\.(csv|tsv)$/i.test(name) || /^text\/(csv|tab-separated-values)/.test(contentType);
}

/**
 * Reads one page of a CSV/TSV file as a stream, so a large file costs a pass over the disk but never
 * its size in memory. Column roles (numeric, time, place) are inferred from the first rows.
 */
export async function previewCsv(stream: Readable, tsv: boolean, offset: number, limit: number): Promise<CsvPreview> {
  const parser = stream.pipe(parse({ delimiter: tsv ? '\t' : ',', relax_column_count: true, skip_empty_lines: true, bom: true, relax_quotes: true }));
  let columns: string[] | null = null;
  const rows: string[][] = [];
  const numeric = new Map<number, boolean>();
  const timeLike = new Map<number, boolean>();
  let total = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (!columns) {
        columns = record.map((c) => c.trim());
        columns.forEach((_c, i) => {
          numeric.set(i, true);
          timeLike.set(i, true);
        });
        continue;
      }
      if (total < SAMPLE_ROWS) {
        record.forEach((v, i) => {
          const s = v.trim();
          if (s === '') return;
          if (numeric.get(i) && !Number.isFinite(Number(s))) numeric.set(i, false);
          if (timeLike.get(i) && !TIME_VALUE.test(s)) timeLike.set(i, false);
        });
      }
      if (total >= offset && rows.length < limit) rows.push(record);
      total++;
    }
  } catch (err: unknown) {
    throw validationFailed(`file: not readable as ${tsv ? 'TSV' : 'CSV'} (${err instanceof Error ? err.message : String(err)})`);
  }
  const cols = columns ?? [];
  const timeColumn = cols.find((c, i) => TIME_NAME.test(c) || (timeLike.get(i) === true && !numeric.get(i))) ?? null;
  const locationColumn = cols.find((c) => PLACE_NAME.test(c)) ?? null;
  const numericColumns = cols.filter((c, i) => numeric.get(i) === true && c !== timeColumn);
  return { columns: cols, rows, offset, totalRows: total, numericColumns, timeColumn, locationColumn };
}
