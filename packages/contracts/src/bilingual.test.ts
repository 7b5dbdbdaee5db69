import { describe, expect, it } from 'vitest';
import { bilingualFlag, BilingualInputSchema, mergeBilingual } from './bilingual.ts';
import { CalendarDateSchema, IsoDateTimeSchema } from './dates.ts';

describe('bilingual text', () => {
  const t0 = new Date('2026-05-01T00:00:00Z');
  const t1 = new Date('2026-05-02T00:00:00Z');

  it('flags a missing language and the language left behind', () => {
    const en = mergeBilingual(null, { en: 'Charter' }, t0);
    expect(bilingualFlag(en)).toBe('missing_zh');
    const both = mergeBilingual(en, { zh: '章程' }, t1);
    expect(bilingualFlag(both)).toBe('en_older');
    expect(bilingualFlag(mergeBilingual(both, { en: 'Charter v2' }, t1))).toBe('ok');
    // Sending the same text again is not an edit.
    expect(mergeBilingual(both, { en: 'Charter' }, new Date('2027-01-01T00:00:00Z')).enEditedAt).toBe(t0.toISOString());
    expect(bilingualFlag({ en: null, zh: null, enEditedAt: null, zhEditedAt: null })).toBe('missing_both');
  });

  it('needs at least one language in input', () => {
    expect(BilingualInputSchema.safeParse({}).success).toBe(false);
    expect(BilingualInputSchema.safeParse({ zh: '议程' }).success).toBe(true);
  });
});

describe('dates', () => {
  it('accepts real calendar dates and offset date-times only', () => {
    expect(CalendarDateSchema.safeParse('2028-02-29').success).toBe(true);
    for (const bad of ['2026-02-30', '2026-2-3', '01/05/2026', '2026-05-01T09:00:00Z']) expect(CalendarDateSchema.safeParse(bad).success, bad).toBe(false);
    for (const good of ['2026-05-01', '2026-05-01T09:00:00Z', '2026-05-01T09:00+08:00', '2026-05-01T09:00:00.123-05:00']) expect(IsoDateTimeSchema.safeParse(good).success, good).toBe(true);
    for (const bad of ['2026-05-01T09:00:00', '2026-05-01T25:00:00Z', '2026-02-30T09:00:00Z', 'tomorrow']) expect(IsoDateTimeSchema.safeParse(bad).success, bad).toBe(false);
  });
});
