import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.ts';
import { parseValuesCsv, valuesToCsv } from './indicator.csv.ts';

function linesOf(fn: () => unknown): { line: number; message: string }[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e.lines ?? [];
    throw e;
  }
  throw new Error('expected a csv_invalid error');
}

describe('indicator CSV', () => {
  it('reads period,country,value in any column order, with a BOM and blank lines', () => {
    expect(parseValuesCsv('\uFEFFcountry,value,period\nUS,703,2024\n\nCN,340,2024\nDE+GB+FR,116.5,2024-06\n')).toEqual([
      { period: '2024', country: 'US', value: 703 },
      { period: '2024', country: 'CN', value: 340 },
      { period: '2024-06', country: 'DE+GB+FR', value: 116.5 },
    ]);
  });

  it('reports every bad line with its number and the field', () => {
    const lines = linesOf(() => parseValuesCsv('period,country,value\n2024,US,1\n2024-13,US,2\n2024,usa,3\n2024,CN,abc\n2024-02-30,CN,4\n2024,US,5\n2024,CN,\n'));
    expect(lines).toEqual([
      { line: 3, message: expect.stringMatching(/^period: /) as string },
      { line: 4, message: expect.stringMatching(/^country: /) as string },
      { line: 5, message: 'value: "abc" is not a number' },
      { line: 6, message: expect.stringMatching(/^period: /) as string },
      { line: 7, message: 'duplicate value for 2024 US' },
      { line: 8, message: 'value: "" is not a number' },
    ]);
  });

  it('refuses a header without the required columns', () => {
    expect(linesOf(() => parseValuesCsv('year,nation,amount\n2024,US,1\n'))).toEqual([{ line: 1, message: 'header must have the columns period, country, value; missing: period, country, value' }]);
    expect(linesOf(() => parseValuesCsv(''))[0]?.line).toBe(1);
  });

  it('reports unbalanced quotes as unreadable', () => {
    expect(linesOf(() => parseValuesCsv('period,country,value\n"2024,US,1\n'))).toHaveLength(1);
  });

  it('reads an optional category column and keeps it on export', () => {
    const values = parseValuesCsv('period,country,category,value\n2024,US,entity-list,10\n2024,US,meu,2\n2024,US,,7\n');
    expect(values).toEqual([
      { period: '2024', country: 'US', category: 'entity-list', value: 10 },
      { period: '2024', country: 'US', category: 'meu', value: 2 },
      { period: '2024', country: 'US', value: 7 },
    ]);
    expect(parseValuesCsv(valuesToCsv(values))).toEqual(values);
    expect(linesOf(() => parseValuesCsv('period,country,category,value\n2024,US,meu,1\n2024,US,meu,2\n'))).toEqual([{ line: 3, message: 'duplicate value for 2024 US meu' }]);
  });

  it('writes what it reads', () => {
    const values = [
      { period: '2021', country: 'CN', value: 100 },
      { period: '2024', country: 'CN', value: 99.4 },
    ];
    expect(parseValuesCsv(valuesToCsv(values))).toEqual(values);
  });
});
