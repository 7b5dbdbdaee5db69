import { z } from 'zod';
import type { YardVerdict } from './classify.ts';
import raw from './data/labelled-cases.json' with { type: 'json' };

/** One labelled project description (data/labelled-cases.json). */
export const LabelledCaseSchema = z.object({
  text: z.string().min(1),
  lang: z.enum(['en', 'zh', 'zh-Hant']),
  kind: z.enum(['plain', 'negation', 'synonym', 'traditional', 'near-miss', 'social-science']),
  expected: z.enum(['open', 'review', 'restricted']),
  /** `tuning`: used while building the vocabulary; `held-out`: never tuned on. */
  split: z.enum(['tuning', 'held-out']),
});
export type LabelledCase = z.infer<typeof LabelledCaseSchema>;

export const LABELLED_CASES: readonly LabelledCase[] = z.object({ cases: z.array(LabelledCaseSchema).min(150) }).parse(raw).cases;

export interface Scored extends LabelledCase {
  readonly got: YardVerdict;
}

export interface Figures {
  readonly n: number;
  readonly accuracy: number;
  /** Controlled (review/restricted) cases read as open: the costly error. */
  readonly falseOpen: number;
  /** Open cases flagged (review or restricted). */
  readonly falseReview: number;
}

const rate = (k: number, n: number): number => (n === 0 ? 0 : k / n);

export function figures(rows: readonly Scored[]): Figures {
  const controlled = rows.filter((r) => r.expected !== 'open');
  const open = rows.filter((r) => r.expected === 'open');
  return {
    n: rows.length,
    accuracy: rate(rows.filter((r) => r.got === r.expected).length, rows.length),
    falseOpen: rate(controlled.filter((r) => r.got === 'open').length, controlled.length),
    falseReview: rate(open.filter((r) => r.got !== 'open').length, open.length),
  };
}

export const LANGS = ['en', 'zh', 'zh-Hant'] as const;
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`.padStart(6);

/** A table of figures per split and language, and per kind over the whole set. */
export function report(rows: readonly Scored[]): string[] {
  const line = (label: string, f: Figures) =>
    `${label.padEnd(26)} n=${String(f.n).padStart(3)}  accuracy ${pct(f.accuracy)}  false-open ${pct(f.falseOpen)}  false-review ${pct(f.falseReview)}`;
  const out: string[] = [];
  for (const split of ['all', 'tuning', 'held-out'] as const) {
    const inSplit = rows.filter((r) => split === 'all' || r.split === split);
    for (const lang of LANGS) out.push(line(`${split} / ${lang}`, figures(inSplit.filter((r) => r.lang === lang))));
    out.push(line(`${split} / every language`, figures(inSplit)));
  }
  for (const kind of [...new Set(rows.map((r) => r.kind))]) out.push(line(`kind: ${kind}`, figures(rows.filter((r) => r.kind === kind))));
  return out;
}
