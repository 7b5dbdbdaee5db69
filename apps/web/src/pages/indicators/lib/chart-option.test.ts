import { describe, expect, it } from 'vitest';
import { chartOption, indicatorChartData, placeName } from './chart-option.ts';

const id = (c: string) => c;

describe('indicatorChartData', () => {
  it('puts countries on the axis for a single period', () => {
    const data = indicatorChartData({ values: [{ period: '2024', country: 'US', value: 703 }, { period: '2024', country: 'CN', value: 340 }] }, id);
    expect(data).toEqual({ categories: ['US', 'CN'], codes: ['US', 'CN'], byPlace: true, series: [{ name: '2024', code: null, values: [703, 340] }] });
  });

  it('puts sorted periods on the axis with one series per country, gaps as null', () => {
    const data = indicatorChartData(
      {
        values: [
          { period: '2024', country: 'CN', value: 99.4 },
          { period: '2021', country: 'CN', value: 100 },
          { period: '2021', country: 'US', value: 5 },
        ],
      },
      id,
    );
    expect(data.categories).toEqual(['2021', '2024']);
    expect(data.series).toEqual([
      { name: 'CN', code: 'CN', values: [100, 99.4] },
      { name: 'US', code: 'US', values: [5, null] },
    ]);
  });
});

describe('chartOption', () => {
  it('stacks bars for a stacked-bar series', () => {
    const option = chartOption('stacked-bar', { categories: ['2024'], codes: [], byPlace: false, series: [{ name: 'US', code: 'US', values: [1] }] }, 'x');
    expect(option.series).toMatchObject([{ type: 'bar', stack: 'total' }]);
  });
});

describe('placeName', () => {
  it('names countries and groups in the reader language', () => {
    expect(placeName('US', 'en', 'World')).toBe('United States');
    expect(placeName('DE+GB+FR', 'en', 'World')).toBe('Germany + United Kingdom + France');
    expect(placeName('WORLD', 'zh', '世界')).toBe('世界');
  });
});
