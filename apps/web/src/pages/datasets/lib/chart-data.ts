import type { CsvPreview } from '@qiao/contracts';

export interface ChartSeries {
  /** The numeric column, and the place when the file is split by a location column. */
  column: string;
  location: string | null;
  /** One value per entry of `x`; null where that series has no row. */
  values: (number | null)[];
}

export interface ChartData {
  x: string[];
  series: ChartSeries[];
}

/**
 * Turns CSV rows into chart series: x is the time column (sorted), one series per numeric column,
 * split by the location column when there is one (PM2.5 for Beijing and for Los Angeles).
 */
export function buildChartData(preview: Pick<CsvPreview, 'columns' | 'numericColumns' | 'timeColumn' | 'locationColumn'>, rows: readonly string[][], only?: string): ChartData | null {
  const { columns, timeColumn, locationColumn } = preview;
  if (!timeColumn) return null;
  const numeric = preview.numericColumns.filter((c) => c !== locationColumn && (!only || c === only));
  if (numeric.length === 0) return null;
  const ti = columns.indexOf(timeColumn);
  const li = locationColumn ? columns.indexOf(locationColumn) : -1;
  const x = [...new Set(rows.map((r) => (r[ti] ?? '').trim()).filter(Boolean))].sort();
  const at = new Map(x.map((v, i) => [v, i]));
  const byKey = new Map<string, ChartSeries>();
  for (const row of rows) {
    const xi = at.get((row[ti] ?? '').trim());
    if (xi === undefined) continue;
    const location = li >= 0 ? (row[li] ?? '').trim() || null : null;
    for (const column of numeric) {
      const raw = (row[columns.indexOf(column)] ?? '').trim();
      if (raw === '') continue;
      const key = `${column}\u0000${location ?? ''}`;
      let series = byKey.get(key);
      if (!series) {
        series = { column, location, values: x.map(() => null) };
        byKey.set(key, series);
      }
      series.values[xi] = Number(raw);
    }
  }
  return { x, series: [...byKey.values()] };
}

export function seriesName(s: Pick<ChartSeries, 'column' | 'location'>): string {
  return s.location ? `${s.column} · ${s.location}` : s.column;
}
