import { describe, expect, it } from 'vitest';
import { runMatcherCases } from './matcher.case.test.ts';
import { createMatcher, TokenMatcher } from './token-matcher.ts';

runMatcherCases('TokenMatcher', () => createMatcher());

describe('TokenMatcher lifecycle', () => {
  it('refuses to match before build()', () => {
    expect(() => new TokenMatcher().match({ name: 'x' })).toThrow(/before build/);
  });
});
