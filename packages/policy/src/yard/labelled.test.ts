import { ClassifyResultSchema } from '@qiao/contracts';
import { describe, expect, it } from 'vitest';
import { classify } from './classify.ts';
import { figures, LABELLED_CASES, LANGS, report } from './labelled-set.ts';

const results = LABELLED_CASES.map((c) => ({ ...c, got: classify(c.text).verdict }));

describe('labelled project descriptions', () => {
  it('holds at least 150 descriptions in each of English, simplified and traditional Chinese together, with a held-out part', () => {
    expect(LABELLED_CASES.length).toBeGreaterThanOrEqual(150);
    for (const lang of LANGS) expect(LABELLED_CASES.filter((c) => c.lang === lang && c.split === 'held-out').length, lang).toBeGreaterThanOrEqual(20);
    for (const expected of ['open', 'review', 'restricted'] as const) {
      for (const lang of LANGS) expect(LABELLED_CASES.some((c) => c.lang === lang && c.expected === expected), `${lang} ${expected}`).toBe(true);
    }
  });

  it('every result satisfies the API contract', () => {
    for (const c of LABELLED_CASES) expect(() => ClassifyResultSchema.parse(classify(c.text)), c.text).not.toThrow();
  });

  it('meets the bar in each language: false-open ≤ 3%, false-review ≤ 10%', () => {
    const misses = results.filter((r) => r.got !== r.expected).map((r) => `  [${r.split}] ${r.expected} → ${r.got}: ${r.text}`);
    console.log(['technology yard, labelled set:', ...report(results), ...(misses.length ? ['misses:', ...misses] : [])].join('\n'));
    for (const lang of LANGS) {
      const f = figures(results.filter((r) => r.lang === lang));
      expect(f.falseOpen, `false-open ${lang}`).toBeLessThanOrEqual(0.03);
      expect(f.falseReview, `false-review ${lang}`).toBeLessThanOrEqual(0.1);
    }
  });
});
