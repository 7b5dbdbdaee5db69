import { describe, expect, it } from 'vitest';
import type { DataCategory, DatasetInput } from './dataset.ts';
import { evaluateTransfer } from './evaluate.ts';

const usToCn = (dataset: DatasetInput) => evaluateTransfer(dataset, 'US-CN');
const ids = (dataset: DatasetInput) => usToCn(dataset).findings.map((f) => f.id);
const one = (category: DataCategory, subjects: number, transaction: 'vendor-agreement' | 'data-brokerage' = 'vendor-agreement') =>
  usToCn({ categories: [{ category, subjects }], us: { transaction } });

describe('US DSP bulk thresholds: "more than N" (N is not bulk, N+1 is)', () => {
  it.each<[DataCategory, number, 'restricted' | 'prohibited']>([
    ['human-genomic', 100, 'prohibited'],
    ['human-omic-other', 1000, 'prohibited'],
    ['human-biospecimens', 100, 'prohibited'],
    ['biometric-identifiers', 1000, 'restricted'],
    ['precise-geolocation', 1000, 'restricted'],
    ['personal-health', 10000, 'restricted'],
    ['personal-financial', 10000, 'restricted'],
    ['covered-personal-identifiers', 100000, 'restricted'],
  ])('%s: threshold %i', (category, n, overEffect) => {
    for (const below of [n - 1, n]) {
      const r = one(category, below);
      expect(r.verdict).toBe('allowed');
      expect(r.findings.map((f) => f.id)).toContain('us-dsp-below-threshold');
    }
    const over = one(category, n + 1);
    expect(over.findings.map((f) => f.id)).toContain('us-dsp-bulk');
    if (overEffect === 'prohibited') {
      expect(over.verdict).toBe('prohibited');
      expect(over.findings.map((f) => f.id)).toContain('us-dsp-omic-prohibited');
    } else {
      expect(over.verdict).toBe('conditions');
      expect(over.conditions.map((c) => c.id)).toEqual(['us-cisa-security-requirements', 'us-dsp-compliance-program']);
    }
  });

  it('says what crossed which bound in the finding detail', () => {
    const bulk = one('human-genomic', 101).findings.find((f) => f.id === 'us-dsp-bulk');
    expect(bulk?.detail?.en).toBe('human genomic data: 101 US persons (threshold: more than 100)');
    const geo = one('precise-geolocation', 1001).findings.find((f) => f.id === 'us-dsp-bulk');
    expect(geo?.detail?.en).toContain('1,001 US devices');
  });
});

describe('US DSP combined data: the lowest threshold of the categories present', () => {
  it('genomic data on 50 people with health data on 101: bulk at the genomic threshold, and treated as bulk omic data', () => {
    const r = usToCn({ categories: [{ category: 'human-genomic', subjects: 50 }, { category: 'personal-health', subjects: 101 }], us: { transaction: 'vendor-agreement' } });
    expect(r.findings.find((f) => f.id === 'us-dsp-combined')?.detail?.en).toContain('101 US persons (threshold: more than 100)');
    expect(r.verdict).toBe('prohibited');
  });

  it('at exactly the lowest threshold it is not bulk', () => {
    const r = usToCn({ categories: [{ category: 'biometric-identifiers', subjects: 1000 }, { category: 'personal-health', subjects: 1000 }], us: { transaction: 'vendor-agreement' } });
    expect(r.verdict).toBe('allowed');
  });

  it('one past the lowest threshold it is bulk (restricted for non-omic data)', () => {
    const r = usToCn({ categories: [{ category: 'biometric-identifiers', subjects: 10 }, { category: 'personal-health', subjects: 1001 }], us: { transaction: 'employment-agreement' } });
    expect(r.verdict).toBe('conditions');
    expect(r.findings.map((f) => f.id)).toContain('us-dsp-combined');
  });
});

describe('US DSP government-related data: no volume threshold', () => {
  it.each(['government-related-location', 'government-related-personnel'] as const)('%s with one record is covered', (kind) => {
    const r = usToCn({ categories: [{ category: 'precise-geolocation', subjects: 1 }], kinds: [kind], us: { transaction: 'vendor-agreement' } });
    expect(r.verdict).toBe('conditions');
    expect(r.findings.map((f) => f.id)).toContain('us-dsp-government-related');
  });

  it('government-related data through data brokerage is prohibited', () => {
    expect(usToCn({ kinds: ['government-related-personnel'], us: { transaction: 'data-brokerage' } }).verdict).toBe('prohibited');
  });
});

describe('US DSP transactions', () => {
  it('data brokerage of bulk data is prohibited', () => {
    const r = one('personal-financial', 10001, 'data-brokerage');
    expect(r.verdict).toBe('prohibited');
    expect(r.findings.map((f) => f.id)).toContain('us-dsp-brokerage-prohibited');
  });

  it('an undeclared transaction type needs classifying first', () => {
    const r = usToCn({ categories: [{ category: 'personal-health', subjects: 20000 }] });
    expect(r.verdict).toBe('conditions');
    expect(r.conditions.map((c) => c.id)).toEqual(['us-dsp-classify-transaction']);
  });

  it('no brokerage, vendor, employment or investment agreement: not a covered data transaction', () => {
    const r = usToCn({ categories: [{ category: 'personal-health', subjects: 20000 }], us: { transaction: 'none' } });
    expect(r.verdict).toBe('allowed');
    expect(r.findings.map((f) => f.id)).toContain('us-dsp-not-covered-transaction');
  });

  it('de-identification does not take data out of scope, and says so', () => {
    const r = usToCn({ categories: [{ category: 'personal-health', subjects: 20000 }], deidentified: true, us: { transaction: 'vendor-agreement' } });
    expect(r.verdict).toBe('conditions');
    expect(r.findings.map((f) => f.id)).toContain('us-dsp-deidentified');
  });

  it('every US→CN result names China as a country of concern', () => {
    expect(ids({})[0]).toBe('us-dsp-country-of-concern');
  });
});

describe('US DSP exemptions (only those the reference verifies)', () => {
  const bulkGenomic = { categories: [{ category: 'human-genomic' as const, subjects: 5000 }], us: { transaction: 'vendor-agreement' as const } };

  it('federally funded research is exempt but keeps recordkeeping and reporting (§202.504)', () => {
    const r = usToCn({ ...bulkGenomic, us: { ...bulkGenomic.us, exemption: 'us-government-funded' } });
    expect(r.verdict).toBe('conditions');
    expect(r.findings.map((f) => f.id)).toContain('us-dsp-exempt-federal');
    expect(r.conditions.map((c) => c.id)).toEqual(['us-dsp-recordkeeping-reporting']);
  });

  it('regulatory-approval data keeps recordkeeping and reporting (§202.510)', () => {
    const r = usToCn({ ...bulkGenomic, us: { ...bulkGenomic.us, exemption: 'regulatory-approval' } });
    expect(r.conditions.map((c) => c.id)).toEqual(['us-dsp-recordkeeping-reporting']);
  });

  it('clinical investigations are exempt (§202.511)', () => {
    expect(usToCn({ ...bulkGenomic, us: { ...bulkGenomic.us, exemption: 'clinical-investigation' } }).verdict).toBe('allowed');
  });

  it('privately funded research gets no exemption, and the finding says there is none', () => {
    const r = usToCn(bulkGenomic);
    expect(r.verdict).toBe('prohibited');
    expect(r.findings.map((f) => f.id)).toContain('us-dsp-no-research-exemption');
  });
});

describe('US DSP categories only', () => {
  it("China's PIPL classes are not DSP categories and do not count", () => {
    const r = usToCn({ categories: [{ category: 'sensitive-personal-information', subjects: 1_000_000 }] });
    expect(r.verdict).toBe('allowed');
    expect(r.findings.map((f) => f.id)).toContain('us-dsp-not-dsp-category');
  });
});
