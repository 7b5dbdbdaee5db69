import { describe, expect, it } from 'vitest';
import { formatBytes, formatDay, formatNumber } from './format.ts';

describe('one format per language', () => {
  it('writes a calendar day the same way whatever the time of day', () => {
    expect(formatDay('2026-03-05', 'en')).toBe('Mar 5, 2026');
    expect(formatDay('2026-03-05T23:59:00Z', 'en')).toBe('Mar 5, 2026');
    expect(formatDay('2026-03-05', 'zh')).toBe('2026年3月5日');
  });

  it('groups digits and caps decimals', () => {
    expect(formatNumber(1234.567, 'en')).toBe('1,234.57');
    expect(formatNumber(1234.567, 'zh', 0)).toBe('1,235');
    expect(formatBytes(1536, 'en')).toBe('1.5 KB');
    expect(formatBytes(12, 'zh')).toBe('12 B');
  });

  it('leaves text it cannot read as it is', () => {
    expect(formatDay('soon', 'en')).toBe('soon');
  });
});
