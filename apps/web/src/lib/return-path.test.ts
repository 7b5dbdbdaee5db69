import { describe, expect, it } from 'vitest';
import { returnPath } from './return-path.ts';

describe('returnPath', () => {
  it('returns to the page the person was heading for', () => {
    expect(returnPath({ from: '/directory?side=CN' })).toBe('/directory?side=CN');
  });

  it('goes to the overview when there is nowhere safe to return to', () => {
    expect(returnPath(null)).toBe('/');
    expect(returnPath({})).toBe('/');
    expect(returnPath({ from: 42 })).toBe('/');
    expect(returnPath({ from: 'https://evil.example/' })).toBe('/');
    expect(returnPath({ from: '//evil.example/' })).toBe('/');
    expect(returnPath({ from: '/\\evil.example/' })).toBe('/');
    expect(returnPath({ from: '/sign-in' })).toBe('/');
  });
});
