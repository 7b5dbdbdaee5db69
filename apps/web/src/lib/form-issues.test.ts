import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { issueKind } from './form-issues.ts';

const first = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  if (r.success) throw new Error('expected an issue');
  return issueKind(r.error.issues[0] as never);
};

describe('issueKind', () => {
  it('reads the common issues as things a person can fix', () => {
    expect(first(z.string().trim().min(1), '  ')).toEqual({ kind: 'required' });
    expect(first(z.string().min(12), 'short')).toEqual({ kind: 'tooShort', max: 12 });
    expect(first(z.string().max(3), 'abcd')).toEqual({ kind: 'tooLong', max: 3 });
    expect(first(z.array(z.string()).max(1), ['a', 'b'])).toEqual({ kind: 'tooMany', max: 1 });
    expect(first(z.number().max(10), 11)).toEqual({ kind: 'tooLarge', max: 10 });
    expect(first(z.number().nonnegative(), -1)).toEqual({ kind: 'negative' });
    expect(first(z.number(), Number.NaN)).toEqual({ kind: 'required' });
    expect(first(z.string().uuid(), 'x')).toEqual({ kind: 'invalid' });
  });
});
