import type { IndicatorValue } from '@qiao/contracts';
import { describe, expect, it } from 'vitest';
import { chartOption, indicatorChartData, placeName, withExportTitle, type ChartLabels } from './chart-option.ts';

const labels: ChartLabels = { place: (c) => (c === 'WORLD' ? 'World' : c), category: (c) => c.toUpperCase() };
const chart = (values: IndicatorValue[]) => indicatorChartData({ values }, labels);

describe('indicatorChartData', () => {
  it('puts countries on the axis for a single period', () => {
    const data = chart([
      { period: '2024', country: 'US', value: 703 },
      { period: '2024', country: 'CN', value: 340 },
    ]);
    expect(data).toEqual({ categories: ['US', 'CN'], codes: ['US', 'CN'], byPlace: true, series: [{ name: '2024', code: null, values: [703, 340] }] });
  });

  it('puts sorted periods on the axis with one series per country, gaps as null', () => {
    const data = chart([
      { period: '2024', country: 'CN', value: 99.4 },
      { period: '2021', country: 'CN', value: 100 },
      { period: '2021', country: 'US', value: 5 },
    ]);
    expect(data.categories).toEqual(['2021', '2024']);
    expect(data.series).toEqual([
      { name: 'CN', code: 'CN', values: [100, 99.4] },
      { name: 'US', code: 'US', values: [5, null] },
    ]);
  });

  it('shows every category of a live snapshot as its own bar: done 1, open 2', () => {
    const data = chart([
      { period: '2026-12-06', country: 'WORLD', category: 'done', value: 1 },
      { period: '2026-12-06', country: 'WORLD', category: 'open', value: 2 },
    ]);
    expect(data.categories).toEqual(['DONE', 'OPEN']);
    expect(data.series).toEqual([{ name: '2026-12-06', code: null, values: [1, 2] }]);
  });

  it('keeps the year on the axis when the whole world has one period (rounds by year)', () => {
    const data = chart([{ period: '2026', country: 'WORLD', value: 3 }]);
    expect(data.categories).toEqual(['2026']);
    expect(data.series).toEqual([{ name: 'World', code: 'WORLD', values: [3] }]);
  });

  it('splits a series by side and category over the years (list entries by year)', () => {
    const data = chart([
      { period: '2019', country: 'US', category: 'us-csl', value: 4 },
      { period: '2020', country: 'US', category: 'us-csl', value: 6 },
      { period: '2020', country: 'CN', category: 'cn-unreliable', value: 2 },
    ]);
    expect(data.categories).toEqual(['2019', '2020']);
    expect(data.series).toEqual([
      { name: 'US · US-CSL', code: null, values: [4, 6] },
      { name: 'CN · CN-UNRELIABLE', code: null, values: [null, 2] },
    ]);
  });

  it('stacks categories per place for a single period with several places', () => {
    const data = chart([
      { period: '2024', country: 'US', category: 'a', value: 1 },
      { period: '2024', country: 'CN', category: 'a', value: 2 },
      { period: '2024', country: 'CN', category: 'b', value: 5 },
    ]);
    expect(data.categories).toEqual(['US', 'CN']);
    expect(data.series).toEqual([
      { name: 'A', code: null, values: [1, 2] },
      { name: 'B', code: null, values: [null, 5] },
    ]);
  });
});

describe('chartOption', () => {
  it('stacks bars for a stacked-bar series', () => {
    const option = chartOption('stacked-bar', { categories: ['2024'], codes: [], byPlace: false, series: [{ name: 'US', code: 'US', values: [1] }] }, 'x');
    expect(option.series).toMatchObject([{ type: 'bar', stack: 'total' }]);
  });

  it('draws the title, unit and source on a downloaded PNG', () => {
    const option = chartOption('bar', { categories: ['2024'], codes: [], byPlace: false, series: [{ name: 'US', code: 'US', values: [1] }] }, 'firms');
    const exported = withExportTitle(option, { name: 'Unicorns', unit: 'Unit: firms', source: 'Source: Hurun' });
    expect(exported.title).toMatchObject([{ text: 'Unicorns', subtext: 'Unit: firms' }, { text: 'Source: Hurun' }]);
    expect(option.title).toBeUndefined();
  });
});

describe('placeName', () => {
  it('names countries and groups in the reader language', () => {
    expect(placeName('US', 'en', 'World')).toBe('United States');
    expect(placeName('DE+GB+FR', 'en', 'World')).toBe('Germany + United Kingdom + France');
    expect(placeName('WORLD', 'zh', '世界')).toBe('世界');
  });
});
