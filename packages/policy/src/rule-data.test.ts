import { describe, expect, it } from 'vitest';
import type { Citation } from './cite/citation.ts';
import { AGREEMENT_CITATION, AREAS, RESTRICTED_CITATIONS, CN_RULES, INSTRUMENTS, US_DSP_RULES, type RuleSet } from './index.ts';

function ruleCitations(rules: RuleSet): Array<[string, Citation]> {
  return [
    ...rules.thresholds.map((t): [string, Citation] => [t.id, t.citation]),
    ...[...rules.findings.values()].flatMap((f) => f.citations.map((c): [string, Citation] => [f.id, c])),
    ...[...rules.conditions.values()].flatMap((c) => c.citations.map((x): [string, Citation] => [c.id, x])),
  ];
}

const everyCitation: Array<[string, Citation]> = [
  ...AREAS.map((a): [string, Citation] => [a.id, a.citation]),
  ['scope.agreement', AGREEMENT_CITATION],
  ...[...RESTRICTED_CITATIONS.cn, ...RESTRICTED_CITATIONS.eccn].map((c): [string, Citation] => ['verdict.restricted', c]),
  ...ruleCitations(US_DSP_RULES),
  ...ruleCitations(CN_RULES),
];

describe('rule data: every rule is cited', () => {
  it.each(everyCitation)('%s cites an instrument, a provision, a URL and a date', (_id, citation) => {
    expect(citation.instrument.en.length).toBeGreaterThan(0);
    expect(citation.instrument.zh.length).toBeGreaterThan(0);
    expect(citation.provision.length).toBeGreaterThan(0);
    expect(() => new URL(citation.url)).not.toThrow();
    expect(citation.url).toMatch(/^https?:\/\//);
    expect(citation.asOf ?? citation.effective).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Only rows the reference rates High or Med are encoded.
    expect(['high', 'med']).toContain(citation.confidence);
  });

  it('every instrument has a title in both languages, a URL and an asOf date', () => {
    for (const i of INSTRUMENTS) {
      expect(i.title.en && i.title.zh).toBeTruthy();
      expect(() => new URL(i.url)).not.toThrow();
      expect(i.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('every instrument is cited by some rule (no orphan sources)', () => {
    const cited = new Set(everyCitation.map(([, c]) => c.instrumentId as string));
    cited.add('us-ear-734-8'); // cited by the basic-research scope result
    expect(INSTRUMENTS.map((i) => i.id).filter((id) => !cited.has(id))).toEqual([]);
  });
});

describe('rule data: the technology yard', () => {
  it('has the 18 CET areas of the Feb 2024 update, CCL categories 0–9 and China export-control entries', () => {
    expect(AREAS.filter((a) => a.source === 'us-cet-2024')).toHaveLength(18);
    expect(AREAS.filter((a) => a.source === 'us-ccl').map((a) => a.number)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(AREAS.filter((a) => a.source === 'cn-tech-catalogue').length).toBeGreaterThanOrEqual(8);
    expect(AREAS.find((a) => a.id === 'cn-cat-rare-earth-prohibited')?.control).toBe('prohibited');
  });

  it('uses the 2024 CET area names, not the 2020/2022 ones', () => {
    const names = AREAS.filter((a) => a.source === 'us-cet-2024').map((a) => a.name.en);
    expect(names).toContain('Clean Energy Generation and Storage');
    expect(names).toContain('Data Privacy, Data Security, and Cybersecurity Technologies');
    expect(names).not.toContain('Financial Technologies');
    expect(names).not.toContain('Renewable Energy Generation and Storage');
  });

  it('every area has English and Chinese names and terms', () => {
    for (const a of AREAS) {
      expect(a.name.en && a.name.zh).toBeTruthy();
      expect(a.terms.en.length).toBeGreaterThan(0);
      expect(a.terms.zh.length).toBeGreaterThan(0);
    }
  });

  it('keeps out the Dec 2022 draft catalogue additions (a draft, not law)', () => {
    const terms = AREAS.flatMap((a) => [...a.terms.en, ...a.terms.zh]);
    expect(terms).not.toContain('heterosis');
    expect(AREAS.some((a) => a.source === 'cn-tech-catalogue' && a.terms.en.includes('CRISPR'))).toBe(false);
  });
});

describe('rule data: transfer thresholds', () => {
  it('US bulk thresholds are all "more than N" over the preceding 12 months', () => {
    for (const t of US_DSP_RULES.thresholds) {
      expect(t.comparator).toBe('gt');
      expect(t.window).toBe('preceding-12-months');
    }
  });

  it('China thresholds are all "N or more" counted since 1 January of the current year', () => {
    for (const t of CN_RULES.thresholds) {
      expect(t.comparator).toBe('gte');
      expect(t.window).toBe('since-1-january-current-year');
    }
  });

  it('carries the reference values (genomic > 100, geolocation > 1,000 devices, 1M / 10k for China)', () => {
    const us = Object.fromEntries(US_DSP_RULES.thresholds.map((t) => [t.category, [t.value, t.unit]]));
    expect(us).toMatchObject({
      'human-genomic': [100, 'us-persons'],
      'human-omic-other': [1000, 'us-persons'],
      'biometric-identifiers': [1000, 'us-persons'],
      'precise-geolocation': [1000, 'us-devices'],
      'personal-health': [10000, 'us-persons'],
      'personal-financial': [10000, 'us-persons'],
      'covered-personal-identifiers': [100000, 'us-persons'],
    });
    const cn = Object.fromEntries(CN_RULES.thresholds.map((t) => [t.id, t.value]));
    expect(cn).toEqual({ 'cn-pi-contract': 100000, 'cn-pi-assessment': 1000000, 'cn-spi-contract': 1, 'cn-spi-assessment': 10000 });
  });

  it('encodes no UNVERIFIED item: no HGR 500-person trigger, no §§202.505–.509 exemptions', () => {
    const text = JSON.stringify([...CN_RULES.findings.values(), ...CN_RULES.conditions.values(), ...US_DSP_RULES.findings.values()]);
    expect(text).not.toMatch(/\b500\b/);
    expect(text).not.toMatch(/202\.50[5-9]/);
    expect(text).not.toMatch(/Order No\. 13/);
  });
});
