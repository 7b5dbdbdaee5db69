import type { IndicatorSeries, IndicatorValue } from '@qiao/contracts';

export interface IndicatorChartData {
  /** Axis labels: periods, places, or categories (statuses, lists) of a single-period series. */
  categories: string[];
  /** The country code behind each axis label when the axis shows places, for side colours. */
  codes: string[];
  series: { name: string; code: string | null; values: (number | null)[] }[];
  /** Whether the axis shows something other than periods (places or categories). */
  byPlace: boolean;
}

export interface ChartLabels {
  /** A country code as a place name. */
  place: (code: string) => string;
  /** A category (a status, a list id) as the reader should see it. */
  category: (category: string) => string;
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

const unique = (xs: readonly string[]) => [...new Set(xs)];

/** The sum of the values matching a period, place and category (a missing cell is null, not 0). */
function cell(values: readonly IndicatorValue[], match: (v: IndicatorValue) => boolean): number | null {
  const hits = values.filter(match);
  return hits.length === 0 ? null : hits.reduce((sum, v) => sum + v.value, 0);
}

/**
 * Arranges values for a chart. Every value shows: a breakdown by category (done/open, statuses,
 * lists) becomes its own bars or series, never just the first row of a place.
 * - one period, one place, with categories → the categories on the axis (done 1, open 2);
 * - one period, several places → places on the axis, one series per category if there are any;
 * - otherwise → periods on the axis, one series per place (and category).
 */
export function indicatorChartData(s: Pick<IndicatorSeries, 'values'>, labels: ChartLabels): IndicatorChartData {
  const values = s.values;
  const periods = unique(values.map((v) => v.period)).sort();
  const places = unique(values.map((v) => v.country));
  const cats = unique(values.flatMap((v) => (v.category ? [v.category] : [])));
  const period = periods[0] ?? '';

  if (periods.length === 1 && places.length === 1 && cats.length > 0) {
    const place = places[0] ?? '';
    return {
      categories: cats.map(labels.category),
      codes: [],
      byPlace: true,
      series: [{ name: period, code: null, values: cats.map((c) => cell(values, (v) => v.category === c && v.country === place)) }],
    };
  }
  if (periods.length === 1 && places.length > 1) {
    return {
      categories: places.map(labels.place),
      codes: places,
      byPlace: true,
      series:
        cats.length === 0
          ? [{ name: period, code: null, values: places.map((p) => cell(values, (v) => v.country === p)) }]
          : cats.map((c) => ({ name: labels.category(c), code: null, values: places.map((p) => cell(values, (v) => v.country === p && v.category === c)) })),
    };
  }
  const keys = places.flatMap<{ place: string; cat: string | null }>((p) =>
    cats.length === 0 ? [{ place: p, cat: null }] : cats.filter((c) => values.some((v) => v.country === p && v.category === c)).map((c) => ({ place: p, cat: c })),
  );
  return {
    categories: periods,
    codes: [],
    byPlace: false,
    series: keys.map(({ place, cat }) => ({
      name: cat === null ? labels.place(place) : places.length === 1 ? labels.category(cat) : `${labels.place(place)} · ${labels.category(cat)}`,
      code: cat === null || cats.length === 0 ? place : null,
      values: periods.map((p) => cell(values, (v) => v.period === p && v.country === place && (cat === null || v.category === cat))),
    })),
  };
}

/** The sides' colours from the shared stylesheet (--color-us, --color-cn); others from a calm palette. */
const SIDE_COLOURS: Record<string, string> = { US: '#2b5aa6', CN: '#b23a2e' };
const OTHER_COLOURS = ['#1f4e5f', '#7a5a00', '#22663a', '#6b4c9a', '#56635e'];

function colourOf(code: string | null, index: number): string {
  return (code && SIDE_COLOURS[code]) ?? OTHER_COLOURS[index % OTHER_COLOURS.length] ?? '#1f4e5f';
}

/** What a downloaded PNG carries around the bars: the series' name, its unit and where it comes from. */
export interface ChartTitle {
  name: string;
  unit: string;
  source: string;
}

/**
 * The chart as ECharts draws it on the page. No title block here: the card's heading and source note
 * say the same in text a screen reader reaches; the PNG export adds them (withExportTitle).
 */
export function chartOption(kind: IndicatorSeries['chart'], data: IndicatorChartData, unit: string, format: (n: number) => string = (n) => n.toLocaleString()): Record<string, unknown> {
  const legend = data.series.length > 1;
  return {
    animation: false,
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `${format(v)} ${unit}` : String(v)) },
    legend: legend ? { type: 'scroll', top: 0 } : undefined,
    grid: { left: 8, right: 16, top: legend ? 36 : 24, bottom: 8, containLabel: true },
    // Long place names wrap instead of overlapping on a narrow phone screen.
    xAxis: { type: 'category', data: data.categories, axisLabel: { interval: 0, width: 96, overflow: 'break' } },
    yAxis: { type: 'value' },
    series: data.series.map((s, i) => ({
      type: kind === 'line' ? 'line' : 'bar',
      name: s.name,
      color: colourOf(s.code, i),
      // A snapshot by place colours each bar by its side.
      data: data.byPlace && data.codes.length > 0 ? s.values.map((value, j) => ({ value, itemStyle: { color: colourOf(data.codes[j] ?? null, j) } })) : s.values,
      ...(kind === 'stacked-bar' ? { stack: 'total' } : {}),
      ...(kind === 'line' ? { connectNulls: true, symbolSize: 8 } : { barMaxWidth: 48 }),
      label: { show: data.categories.length <= 6, position: kind === 'stacked-bar' ? 'inside' : 'top' },
    })),
  };
}

/**
 * The option for a PNG download: the same chart with the title, unit and source drawn on the image,
 * so a chart pasted into a report still says what it shows and where the numbers come from.
 */
export function withExportTitle(option: Record<string, unknown>, title: ChartTitle): Record<string, unknown> {
  const grid = option.grid as Record<string, unknown>;
  const legend = option.legend as Record<string, unknown> | undefined;
  return {
    ...option,
    title: [
      { text: title.name, subtext: title.unit, left: 8, top: 4, textStyle: { fontSize: 14 }, subtextStyle: { fontSize: 11 } },
      { text: title.source, left: 8, bottom: 4, textStyle: { fontSize: 10, fontWeight: 'normal', color: '#56635e' } },
    ],
    legend: legend ? { ...legend, top: 52 } : undefined,
    grid: { ...grid, top: legend ? 84 : 60, bottom: 28 },
  };
}
