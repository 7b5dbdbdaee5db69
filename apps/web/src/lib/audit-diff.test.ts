import { describe, expect, it } from 'vitest';
import { diffRecords, formatValue } from './audit-diff.ts';

describe('audit diff', () => {
  it('lists only the fields that changed', () => {
    const before = { name: 'Old', side: 'US', version: 1 };
    const after = { name: 'New', side: 'US', version: 2 };
    expect(diffRecords(before, after)).toEqual([
      { field: 'name', before: 'Old', after: 'New' },
      { field: 'version', before: 1, after: 2 },
    ]);
  });

  it('shows every field of a created or deleted record', () => {
    expect(diffRecords(null, { a: 1 })).toEqual([{ field: 'a', before: undefined, after: 1 }]);
    expect(diffRecords({ a: 1 }, null)).toEqual([{ field: 'a', before: 1, after: undefined }]);
  });

  it('compares nested values by content', () => {
    expect(diffRecords({ names: [{ v: 'x' }] }, { names: [{ v: 'x' }] })).toEqual([]);
  });

  it('formats values for display', () => {
    expect(formatValue('text')).toBe('text');
    expect(formatValue({ a: 1 })).toBe('{"a":1}');
    expect(formatValue(undefined)).toBe('');
  });
});
