import { describe, expect, it } from 'vitest';
import { compareNames } from './compare.ts';
import { DEFAULT_THRESHOLD } from './matcher/token-matcher.ts';

describe('compareNames', () => {
  it('scores the same party in two scripts as a match, with an explanation', () => {
    const c = compareNames('Huawei Technologies Co. Ltd.', '华为技术有限公司');
    expect(c.score).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    expect(c.match).toBe(true);
    expect(c.explanation.some((e) => e.feature === 'part')).toBe(true);
  });

  it('scores reordered person names as a match', () => {
    expect(compareNames('Quanguo Chen', 'CHEN, Quanguo', 'person')).toMatchObject({ score: 1, match: true });
  });

  it('does not match when a proper name differs', () => {
    const c = compareNames('Huawei Guanghui', 'Huawei Technologies');
    expect(c.match).toBe(false);
    expect(c.explanation).toContainEqual(expect.objectContaining({ feature: 'extra-query-part', query: 'guanghui' }));
  });
});
