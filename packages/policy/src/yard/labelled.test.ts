import { ClassifyResultSchema } from '@qiao/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { classify } from './classify.ts';
import raw from './data/labelled-cases.json' with { type: 'json' };

const Case = z.object({
  text: z.string().min(1),
  lang: z.enum(['en', 'zh', 'zh-Hant']),
  kind: z.enum(['plain', 'negation', 'synonym', 'traditional', 'near-miss', 'social-science']),
  expected: z.enum(['open', 'review', 'restricted']),
});
const cases = z.object({ cases: z.array(Case).min(60) }).parse(raw).cases;
const results = cases.map((c) => ({ ...c, got: classify(c.text).verdict }));

interface Figures {
  readonly n: number;
  readonly accuracy: number;
  /** Controlled (review/restricted) cases read as open. */
  readonly falseOpen: number;
  /** Open cases flagged. */
  readonly falseReview: number;
}

function figures(rows: readonly (typeof results)[number][]): Figures {
  const controlled = rows.filter((r) => r.expected !== 'open');
  const open = rows.filter((r) => r.expected === 'open');
  const rate = (k: number, n: number) => (n === 0 ? 0 : k / n);
  return {
    n: rows.length,
    accuracy: rate(rows.filter((r) => r.got === r.expected).length, rows.length),
    falseOpen: rate(controlled.filter((r) => r.got === 'open').length, controlled.length),
    falseReview: rate(open.filter((r) => r.got !== 'open').length, open.length),
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const group = <K extends 'kind' | 'lang'>(key: K) => [...new Set(results.map((r) => r[key]))].map((v) => [v, figures(results.filter((r) => r[key] === v))] as const);

describe('labelled project descriptions', () => {
  it('every result satisfies the API contract', () => {
    for (const c of cases) expect(() => ClassifyResultSchema.parse(classify(c.text)), c.text).not.toThrow();
  });

  it('reports accuracy, false-open and false-review per kind and per language, and meets the bar', () => {
    const lines = [...group('kind'), ...group('lang'), ['all', figures(results)] as const].map(
      ([k, f]) => `${String(k).padEnd(15)} n=${String(f.n).padStart(3)}  accuracy ${pct(f.accuracy)}  false-open ${pct(f.falseOpen)}  false-review ${pct(f.falseReview)}`,
    );
    const misses = results.filter((r) => r.got !== r.expected).map((r) => `  ${r.expected} → ${r.got}: ${r.text}`);
    console.log(['technology yard, labelled set:', ...lines, ...(misses.length ? ['misses:', ...misses] : [])].join('\n'));
    for (const [lang, f] of group('lang')) {
      expect(f.falseOpen, `false-open ${lang}`).toBeLessThanOrEqual(0.03);
      expect(f.falseReview, `false-review ${lang}`).toBeLessThanOrEqual(0.1);
    }
    expect(figures(results).accuracy).toBeGreaterThanOrEqual(0.95);
  });
});
