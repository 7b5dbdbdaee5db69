import { describe, expect, it } from 'vitest';
import type { DatasetInput } from './dataset.ts';
import { evaluateTransfer } from './evaluate.ts';

const cnToUs = (dataset: DatasetInput) => evaluateTransfer(dataset, 'CN-US');
const pi = (subjects: number, cumulativeSinceJan1 = true) => cnToUs({ categories: [{ category: 'personal-information', subjects, cumulativeSinceJan1 }] });
const spi = (subjects: number, cumulativeSinceJan1 = true) => cnToUs({ categories: [{ category: 'sensitive-personal-information', subjects, cumulativeSinceJan1 }] });
const conditionIds = (r: ReturnType<typeof cnToUs>) => r.conditions.map((c) => c.id);
const findingIds = (r: ReturnType<typeof cnToUs>) => r.findings.map((f) => f.id);

describe('China: non-sensitive personal information, "N or more" since 1 January', () => {
  it('99,999 people: small-volume exemption (notice and separate consent still apply)', () => {
    const r = pi(99_999);
    expect(findingIds(r)).toEqual(['cn-small-volume-exempt']);
    expect(conditionIds(r)).toEqual(['cn-pipl-notice-consent']);
    expect(r.verdict).toBe('conditions');
  });

  it.each([100_000, 100_001, 999_999])('%i people: standard contract or certification', (n) => {
    const r = pi(n);
    expect(findingIds(r)).toEqual(['cn-contract-band']);
    expect(conditionIds(r)).toEqual(['cn-standard-contract-or-certification', 'cn-pipl-notice-consent']);
  });

  it.each([1_000_000, 1_000_001])('%i people: CAC security assessment', (n) => {
    const r = pi(n);
    expect(findingIds(r)).toEqual(['cn-assessment-volume']);
    expect(conditionIds(r)).toEqual(['cn-cac-security-assessment', 'cn-pipl-notice-consent']);
    expect(r.findings[0]?.detail?.en).toContain('(threshold: 1,000,000 or more)');
  });
});

describe('China: sensitive personal information has no floor', () => {
  it('0 people: nothing to export', () => {
    expect(findingIds(spi(0))).toEqual(['cn-no-personal-or-important']);
    expect(spi(0).verdict).toBe('allowed');
  });

  it.each([1, 2, 9_999])('%i people: standard contract or certification', (n) => {
    expect(findingIds(spi(n))).toEqual(['cn-contract-band']);
    expect(conditionIds(spi(n))).toContain('cn-standard-contract-or-certification');
  });

  it.each([10_000, 10_001])('%i people: security assessment', (n) => {
    expect(conditionIds(spi(n))).toEqual(['cn-cac-security-assessment', 'cn-pipl-notice-consent']);
  });

  it('US DSP health/biometric/financial/geolocation categories count as sensitive (PIPL Art. 28)', () => {
    const r = cnToUs({ categories: [{ category: 'personal-health', subjects: 10_000, cumulativeSinceJan1: true }] });
    expect(findingIds(r)).toEqual(['cn-mapped-categories', 'cn-assessment-volume']);
  });
});

describe('China: cumulative counting since 1 January', () => {
  it('a count not declared cumulative is flagged, and a small volume is not treated as settled', () => {
    const r = pi(5_000, false);
    expect(findingIds(r)).toEqual(['cn-not-cumulative', 'cn-small-volume-exempt']);
    expect(conditionIds(r)).toEqual(['cn-count-cumulative', 'cn-pipl-notice-consent']);
  });

  it('a cumulative count under 100,000 needs no such check', () => {
    expect(conditionIds(pi(5_000, true))).toEqual(['cn-pipl-notice-consent']);
  });
});

describe('China: CIIO, important data, exemptions, foreign judicial bodies', () => {
  it('a CIIO exporting any personal information needs a security assessment', () => {
    const r = cnToUs({ categories: [{ category: 'personal-information', subjects: 1, cumulativeSinceJan1: true }], cn: { ciio: true } });
    expect(findingIds(r)).toEqual(['cn-ciio']);
    expect(conditionIds(r)).toContain('cn-cac-security-assessment');
  });

  it('important data (notified or published) needs a security assessment', () => {
    const r = cnToUs({ kinds: ['important-data'] });
    expect(findingIds(r)).toEqual(['cn-important-data']);
    expect(conditionIds(r)).toEqual(['cn-cac-security-assessment']);
  });

  it('academic-cooperation data without personal information or important data is exempt: allowed', () => {
    const r = cnToUs({ title: 'Neutrino detector calibration data' });
    expect(r.verdict).toBe('allowed');
    expect(findingIds(r)).toEqual(['cn-no-personal-or-important']);
  });

  it.each(['contract-with-individual', 'cross-border-hr', 'emergency'] as const)('%s exempts personal information from the mechanisms', (exemption) => {
    const r = cnToUs({ categories: [{ category: 'sensitive-personal-information', subjects: 50_000, cumulativeSinceJan1: true }], cn: { exemption } });
    expect(findingIds(r)).toEqual(['cn-necessity-exempt']);
    expect(conditionIds(r)).toEqual(['cn-pipl-notice-consent']);
  });

  it('foreign-collected data is exempt, but important data in the same export is not', () => {
    const r = cnToUs({ categories: [{ category: 'personal-information', subjects: 2_000_000, cumulativeSinceJan1: true }], kinds: ['important-data'], cn: { exemption: 'collected-abroad' } });
    expect(findingIds(r)).toEqual(['cn-important-data', 'cn-collected-abroad-exempt']);
    expect(conditionIds(r)).toEqual(['cn-cac-security-assessment', 'cn-pipl-notice-consent']);
  });

  it('providing data to a foreign judicial or law-enforcement body needs approval', () => {
    const r = cnToUs({ cn: { foreignJudicialRecipient: true } });
    expect(conditionIds(r)).toEqual(['cn-judicial-approval']);
  });
});

describe('China: data regulated by kind', () => {
  it('HGR information: cooperation approval, conduct duties, filing and backup', () => {
    const r = cnToUs({ kinds: ['hgr-information'] });
    expect(r.verdict).toBe('conditions');
    expect(conditionIds(r)).toEqual(['cn-hgr-cooperation-approval', 'cn-hgr-cooperation-conduct', 'cn-hgr-information-filing']);
    expect(r.findings.find((f) => f.id === 'cn-hgr')?.text.en).toContain('National Health Commission');
  });

  it('human genomic data and biospecimens are HGR even when not declared as such', () => {
    const r = cnToUs({ categories: [{ category: 'human-genomic', subjects: 10 }, { category: 'human-biospecimens', subjects: 10 }] });
    expect(findingIds(r)).toEqual(['cn-no-personal-or-important', 'cn-hgr-from-categories', 'cn-hgr']);
    expect(conditionIds(r)).toEqual(['cn-hgr-cooperation-approval', 'cn-hgr-cooperation-conduct', 'cn-hgr-material-export', 'cn-hgr-information-filing']);
  });

  it('other omic data (e.g. proteomic) is not HGR information by itself', () => {
    expect(cnToUs({ categories: [{ category: 'human-omic-other', subjects: 10 }] }).verdict).toBe('allowed');
  });

  it('HGR materials need an export certificate too', () => {
    expect(conditionIds(cnToUs({ kinds: ['hgr-materials'] }))).toContain('cn-hgr-material-export');
  });

  it('a qualifying clinical trial with no materials exported needs only a filing', () => {
    const r = cnToUs({ kinds: ['hgr-information'], cn: { hgrClinicalTrial: true } });
    expect(conditionIds(r)).toContain('cn-hgr-clinical-trial-filing');
    expect(conditionIds(r)).not.toContain('cn-hgr-cooperation-approval');
  });

  it('the clinical-trial filing route closes when materials leave China', () => {
    const r = cnToUs({ kinds: ['hgr-materials'], cn: { hgrClinicalTrial: true } });
    expect(conditionIds(r)).toContain('cn-hgr-cooperation-approval');
  });

  it('a foreign-controlled exporter may not provide HGR abroad: prohibited', () => {
    const r = cnToUs({ kinds: ['hgr-information'], cn: { exporterForeignControlled: true } });
    expect(r.verdict).toBe('prohibited');
    expect(findingIds(r)).toContain('cn-hgr-foreign-party-prohibited');
  });

  it.each([
    ['surveying-mapping', ['cn-surveying-approval', 'cn-surveying-results']],
    ['meteorological', ['cn-meteorological-approval']],
    ['seismic', ['cn-seismic-approval']],
  ] as const)('%s data carries its approvals', (kind, expected) => {
    const r = cnToUs({ kinds: [kind] });
    expect(r.verdict).toBe('conditions');
    expect(conditionIds(r)).toEqual(expected);
  });
});
