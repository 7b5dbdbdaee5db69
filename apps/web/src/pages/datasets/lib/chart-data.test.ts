import { describe, expect, it } from 'vitest';
import { buildChartData, seriesName } from './chart-data.ts';

const preview = { columns: ['date', 'city', 'pm25', 'o3'], numericColumns: ['pm25', 'o3'], timeColumn: 'date', locationColumn: 'city' };

describe('buildChartData', () => {
  it('makes one series per numeric column and place, on sorted dates', () => {
    const rows = [
      ['2024-01-02', 'Beijing', '80', '20'],
      ['2024-01-01', 'Beijing', '60', '25'],
      ['2024-01-01', 'Los Angeles', '12', '40'],
    ];
    const data = buildChartData(preview, rows);
    expect(data?.x).toEqual(['2024-01-01', '2024-01-02']);
    expect(data?.series.map(seriesName)).toEqual(['pm25 · Beijing', 'o3 · Beijing', 'pm25 · Los Angeles', 'o3 · Los Angeles']);
    expect(data?.series[0]?.values).toEqual([60, 80]);
    // Los Angeles has no row on the 2nd: a gap, not a zero.
    expect(data?.series[2]?.values).toEqual([12, null]);
  });

  it('keeps only the chosen column', () => {
    const data = buildChartData(preview, [['2024-01-01', 'Beijing', '60', '25']], 'o3');
    expect(data?.series.map(seriesName)).toEqual(['o3 · Beijing']);
  });

  it('has no chart without a time column or numbers', () => {
    expect(buildChartData({ ...preview, timeColumn: null }, [])).toBeNull();
    expect(buildChartData({ ...preview, numericColumns: [] }, [])).toBeNull();
  });
});
