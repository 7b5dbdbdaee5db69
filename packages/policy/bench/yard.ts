/**
 * Technology-yard figures on the labelled set (src/yard/data/labelled-cases.json): accuracy,
 * false-open and false-review per language, for the tuning and held-out parts, beside a rival — the
 * same vocabulary read as a plain term list (any term found means review, no negation, no
 * traditional-script folding, no weighing of evidence), which is how the yard read text before.
 *
 *   npm run bench:policy
 */
import { AREAS } from '../src/yard/areas.ts';
import { isExportControlled } from '../src/yard/area.ts';
import { classify, type YardVerdict } from '../src/yard/classify.ts';
import { figures, LABELLED_CASES, LANGS, report, type Scored } from '../src/yard/labelled-set.ts';
import { decideScope } from '../src/yard/scope.ts';
import { compileDictionary, findTerms } from '../src/yard/text-match.ts';

const plainList = compileDictionary(
  AREAS.flatMap((a) => [...a.terms.en, ...a.terms.zh, ...a.weak.en, ...a.weak.zh].map((term) => ({ term, key: isExportControlled(a) }))),
);

function termListVerdict(text: string): YardVerdict {
  const hits = findTerms(plainList, text);
  if (hits.length === 0) return 'open';
  const controlled = hits.some((h) => h.keys.includes(true));
  return controlled && decideScope(text).scope === 'technology-development' ? 'restricted' : 'review';
}

const started = performance.now();
const ours: Scored[] = LABELLED_CASES.map((c) => ({ ...c, got: classify(c.text).verdict }));
const ms = performance.now() - started;
const rival: Scored[] = LABELLED_CASES.map((c) => ({ ...c, got: termListVerdict(c.text) }));

console.log(`Technology yard on ${LABELLED_CASES.length} labelled descriptions (${ms.toFixed(0)} ms for all, first call included)\n`);
console.log('classify (negation, folding, weighed evidence):');
for (const l of report(ours)) console.log(`  ${l}`);
console.log('\nrival: the same vocabulary as a plain term list:');
for (const l of report(rival).slice(0, 4 * 3)) console.log(`  ${l}`);
const misses = ours.filter((r) => r.got !== r.expected);
if (misses.length > 0) {
  console.log('\nmisses:');
  for (const r of misses) console.log(`  [${r.split}/${r.lang}] expected ${r.expected}, got ${r.got}: ${r.text}`);
}
const bar = LANGS.map((lang) => {
  const f = figures(ours.filter((r) => r.lang === lang));
  return `${lang}: false-open ${f.falseOpen <= 0.03 ? 'ok' : 'OVER'} (≤ 3%), false-review ${f.falseReview <= 0.1 ? 'ok' : 'OVER'} (≤ 10%)`;
});
console.log(`\ntargets per language — ${bar.join('; ')}`);
