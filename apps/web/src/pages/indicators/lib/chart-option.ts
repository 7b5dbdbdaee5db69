import type { IndicatorSeries } from '@qiao/contracts';

export interface IndicatorChartData {
  /** Category axis labels: periods, or places when the series has a single period. */
  categories: string[];
  /** The country code behind each category when `byPlace`, for side colours. */
  codes: string[];
  series: { name: string; code: string | null; values: (number | null)[] }[];
  /** Whether categories are places (one period) rather than periods. */
  byPlace: boolean;
}

/** A country code as a name in the reader's language: US → United States / 美国, DE+GB+FR → Germany + … */
export function placeName(code: string, language: string, world: string): string {
  if (code === 'WORLD') return world;
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([language.startsWith('zh') ? 'zh-CN' : 'en'], { type: 'region' });
  } catch {
    // Very old engines lack Intl.DisplayNames; codes are still readable.
  }
  return code
    .split('+')
    .map((c) => names?.of(c) ?? c)
    .join(' + ');
}

/**
 * Arranges values for a chart: periods along the axis with one series per country, except a
 * single-period series (a snapshot such as unicorns in 2024), which puts the countries on the axis.
 */
export function indicatorChartData(s: Pick<IndicatorSeries, 'values'>, label: (code: string) => string): IndicatorChartData {
  const periods = [...new Set(s.values.map((v) => v.period))].sort();
  const countries = [...new Set(s.values.map((v) => v.country))];
  if (periods.length === 1) {
    const period = periods[0] ?? '';
    return {
      categories: countries.map(label),
      codes: countries,
      series: [{ name: period, code: null, values: countries.map((c) => s.values.find((v) => v.country === c)?.value ?? null) }],
      byPlace: true,
    };
  }
  return {
    categories: periods,
    codes: [],
    byPlace: false,
    series: countries.map((c) => ({ name: label(c), code: c, values: periods.map((p) => s.values.find((v) => v.period === p && v.country === c)?.value ?? null) })),
  };
}

/** The sides' colours from the shared stylesheet (--color-us, --color-cn); others from a calm palette. */
const SIDE_COLOURS: Record<string, string> = { US: '#2b5aa6', CN: '#b23a2e' };
const OTHER_COLOURS = ['#1f4e5f', '#7a5a00', '#22663a', '#6b4c9a', '#56635e'];

function colourOf(code: string | null, index: number): string {
  return (code && SIDE_COLOURS[code]) ?? OTHER_COLOURS[index % OTHER_COLOURS.length] ?? '#1f4e5f';
}

export function chartOption(kind: IndicatorSeries['chart'], data: IndicatorChartData, unit: string): Record<string, unknown> {
  return {
    animation: false,
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v.toLocaleString()} ${unit}` : String(v)) },
    legend: data.series.length > 1 ? { type: 'scroll', top: 0 } : undefined,
    grid: { left: 8, right: 16, top: data.series.length > 1 ? 36 : 24, bottom: 8, containLabel: true },
    // Long place names wrap instead of overlapping on a narrow phone screen.
    xAxis: { type: 'category', data: data.categories, axisLabel: { interval: 0, width: 96, overflow: 'break' } },
    yAxis: { type: 'value' },
    series: data.series.map((s, i) => ({
      type: kind === 'line' ? 'line' : 'bar',
      name: s.name,
      color: colourOf(s.code, i),
      // A snapshot by place colours each bar by its side.
      data: data.byPlace ? s.values.map((value, j) => ({ value, itemStyle: { color: colourOf(data.codes[j] ?? null, j) } })) : s.values,
      ...(kind === 'stacked-bar' ? { stack: 'total' } : {}),
      ...(kind === 'line' ? { connectNulls: true, symbolSize: 8 } : { barMaxWidth: 48 }),
      label: { show: data.categories.length <= 6, position: kind === 'stacked-bar' ? 'inside' : 'top' },
    })),
  };
}
