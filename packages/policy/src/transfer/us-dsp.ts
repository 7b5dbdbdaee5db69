import type { Dataset, DataCategory } from './dataset.ts';
import { addConditions, countDetail, emptyOutcome, joinDetails, type RegimeOutcome } from './outcome.ts';
import { meets, type Threshold } from './rule.ts';
import { condition, finding, requireRules, US_DSP_RULES as R } from './rules.ts';

requireRules(R, {
  findings: [
    'us-dsp-country-of-concern', 'us-dsp-bulk', 'us-dsp-combined', 'us-dsp-government-related', 'us-dsp-below-threshold',
    'us-dsp-deidentified', 'us-dsp-not-covered-transaction', 'us-dsp-brokerage-prohibited', 'us-dsp-omic-prohibited',
    'us-dsp-restricted-transaction', 'us-dsp-transaction-unspecified', 'us-dsp-no-research-exemption', 'us-dsp-exempt-federal',
    'us-dsp-exempt-regulatory', 'us-dsp-exempt-clinical', 'us-dsp-not-dsp-category',
  ],
  conditions: ['us-cisa-security-requirements', 'us-dsp-compliance-program', 'us-dsp-recordkeeping-reporting', 'us-dsp-classify-transaction'],
});

const OMIC: ReadonlySet<DataCategory> = new Set(['human-genomic', 'human-omic-other', 'human-biospecimens']);

interface Present {
  readonly threshold: Threshold;
  readonly subjects: number;
}

/** DSP categories present with their largest declared count (several rows of one category: the largest). */
function presentCategories(dataset: Dataset): Present[] {
  const present: Present[] = [];
  for (const t of R.thresholds) {
    const counts = dataset.categories.filter((c) => c.category === t.category && c.subjects > 0).map((c) => c.subjects);
    if (counts.length > 0) present.push({ threshold: t, subjects: Math.max(...counts) });
  }
  return present;
}

interface Bulk {
  readonly bulk: boolean;
  readonly omic: boolean;
}

/**
 * Bulk test. Each category against its own threshold; then, for a set holding several categories,
 * the combined-data rule: the lowest threshold present, applied to the set's size. The set's size is
 * not declared separately, so its largest category count stands in as a floor on it. A combined set
 * that meets the threshold and holds 'omic data or biospecimens is treated as bulk 'omic data, the
 * cautious reading of §202.303.
 */
function assessBulk(present: readonly Present[], out: RegimeOutcome): Bulk {
  const over = present.filter((p) => meets(p.threshold, p.subjects));
  if (over.length > 0) out.findings.push(finding(R, 'us-dsp-bulk', joinDetails(over.map((p) => countDetail(p.threshold, p.subjects)))));
  let combined = false;
  if (present.length > 1) {
    const lowest = present.reduce((a, b) => (b.threshold.value < a.threshold.value ? b : a));
    const size = Math.max(...present.map((p) => p.subjects));
    combined = meets(lowest.threshold, size);
    if (combined && over.length === 0) {
      const label = { en: `combined set (lowest threshold: ${lowest.threshold.label.en})`, zh: `组合数据集（最低门槛：${lowest.threshold.label.zh}）` };
      out.findings.push(finding(R, 'us-dsp-combined', countDetail(lowest.threshold, size, label)));
    }
  }
  const hasOmic = present.some((p) => OMIC.has(p.threshold.category as DataCategory));
  return {
    bulk: over.length > 0 || combined,
    omic: over.some((p) => OMIC.has(p.threshold.category as DataCategory)) || (combined && hasOmic),
  };
}

/**
 * US Data Security Program for a US→CN transfer. The recipient is in China, a country of concern,
 * so it is a covered person; what remains is whether the data is bulk or government-related, whether
 * a verified exemption applies, and what kind of transaction carries it.
 */
export function evaluateUsDsp(dataset: Dataset): RegimeOutcome {
  const out = emptyOutcome();
  out.findings.push(finding(R, 'us-dsp-country-of-concern'));
  if (dataset.categories.some((c) => (c.category === 'personal-information' || c.category === 'sensitive-personal-information') && c.subjects > 0)) {
    out.findings.push(finding(R, 'us-dsp-not-dsp-category'));
  }
  if (dataset.deidentified) out.findings.push(finding(R, 'us-dsp-deidentified'));
  const { bulk, omic } = assessBulk(presentCategories(dataset), out);
  const governmentRelated = dataset.kinds.includes('government-related-location') || dataset.kinds.includes('government-related-personnel');
  if (governmentRelated) out.findings.push(finding(R, 'us-dsp-government-related'));
  if (!bulk && !governmentRelated) {
    out.findings.push(finding(R, 'us-dsp-below-threshold'));
    return out;
  }
  switch (dataset.us.exemption) {
    case 'us-government-funded':
      out.findings.push(finding(R, 'us-dsp-exempt-federal'));
      addConditions(out, condition(R, 'us-dsp-recordkeeping-reporting'));
      return out;
    case 'regulatory-approval':
      out.findings.push(finding(R, 'us-dsp-exempt-regulatory'));
      addConditions(out, condition(R, 'us-dsp-recordkeeping-reporting'));
      return out;
    case 'clinical-investigation':
      out.findings.push(finding(R, 'us-dsp-exempt-clinical'));
      return out;
    case undefined:
      out.findings.push(finding(R, 'us-dsp-no-research-exemption'));
      break;
  }
  applyTransaction(dataset, omic, out);
  return out;
}

function applyTransaction(dataset: Dataset, omic: boolean, out: RegimeOutcome): void {
  switch (dataset.us.transaction) {
    case undefined:
      out.findings.push(finding(R, 'us-dsp-transaction-unspecified'));
      addConditions(out, condition(R, 'us-dsp-classify-transaction'));
      return;
    case 'none':
      out.findings.push(finding(R, 'us-dsp-not-covered-transaction'));
      return;
    case 'data-brokerage':
      out.findings.push(finding(R, 'us-dsp-brokerage-prohibited'));
      if (omic) out.findings.push(finding(R, 'us-dsp-omic-prohibited'));
      return;
    case 'vendor-agreement':
    case 'employment-agreement':
    case 'investment-agreement':
      if (omic) {
        out.findings.push(finding(R, 'us-dsp-omic-prohibited'));
        return;
      }
      out.findings.push(finding(R, 'us-dsp-restricted-transaction'));
      addConditions(out, condition(R, 'us-cisa-security-requirements'), condition(R, 'us-dsp-compliance-program'));
      return;
  }
}
