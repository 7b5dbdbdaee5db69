import type { Bilingual } from '../cite/citation.ts';
import type { CategoryCount, Dataset, DataCategory } from './dataset.ts';
import { addConditions, belowDetail, countDetail, emptyOutcome, joinDetails, type RegimeOutcome } from './outcome.ts';
import { meets } from './rule.ts';
import { CN_RULES as R, condition, finding, requireRules, threshold } from './rules.ts';
import { evaluateCnSpecialData } from './cn-special.ts';

requireRules(R, {
  thresholds: ['cn-pi-contract', 'cn-pi-assessment', 'cn-spi-contract', 'cn-spi-assessment'],
  findings: [
    'cn-small-volume-exempt', 'cn-contract-band', 'cn-assessment-volume', 'cn-ciio', 'cn-important-data', 'cn-no-personal-or-important',
    'cn-necessity-exempt', 'cn-collected-abroad-exempt', 'cn-not-cumulative', 'cn-mapped-categories', 'cn-foreign-judicial',
  ],
  conditions: ['cn-cac-security-assessment', 'cn-standard-contract-or-certification', 'cn-pipl-notice-consent', 'cn-count-cumulative', 'cn-judicial-approval'],
});

// PIPL Art. 28 names biometrics, medical/health, financial accounts and whereabouts as sensitive, so
// the DSP categories that are those things count as sensitive personal information here; identifiers
// are ordinary personal information. 'Omic data and biospecimens are left to the HGR rules.
const SENSITIVE: ReadonlySet<DataCategory> = new Set(['sensitive-personal-information', 'biometric-identifiers', 'personal-health', 'personal-financial', 'precise-geolocation']);
const ORDINARY: ReadonlySet<DataCategory> = new Set(['personal-information', 'covered-personal-identifiers']);

interface Volumes {
  /** People whose non-sensitive personal information goes abroad (a floor: the largest category). */
  readonly pi: number;
  readonly spi: number;
  readonly cumulative: boolean;
  readonly mapped: boolean;
}

function volumes(categories: readonly CategoryCount[]): Volumes {
  const of = (set: ReadonlySet<DataCategory>) => categories.filter((c) => set.has(c.category) && c.subjects > 0);
  const ordinary = of(ORDINARY);
  const sensitive = of(SENSITIVE);
  const used = [...ordinary, ...sensitive];
  return {
    pi: Math.max(0, ...ordinary.map((c) => c.subjects)),
    spi: Math.max(0, ...sensitive.map((c) => c.subjects)),
    cumulative: used.every((c) => c.cumulativeSinceJan1),
    mapped: used.some((c) => c.category !== 'personal-information' && c.category !== 'sensitive-personal-information'),
  };
}

/**
 * China's rules for a CN→US transfer: the outbound mechanism for personal information and important
 * data (PIPL Arts. 38–41 with the March 2024 Provisions' volume bands, counted since 1 January of the
 * current year, bounds inclusive), then human genetic resources, surveying and mapping, meteorological
 * and seismic data, which each carry their own approvals whatever the volume.
 */
export function evaluateCn(dataset: Dataset): RegimeOutcome {
  const out = emptyOutcome();
  const v = volumes(dataset.categories);
  const hasPi = v.pi > 0 || v.spi > 0;
  const important = dataset.kinds.includes('important-data');
  if (v.mapped) out.findings.push(finding(R, 'cn-mapped-categories'));
  if (hasPi && !v.cumulative) out.findings.push(finding(R, 'cn-not-cumulative'));
  if (dataset.cn.foreignJudicialRecipient) {
    out.findings.push(finding(R, 'cn-foreign-judicial'));
    addConditions(out, condition(R, 'cn-judicial-approval'));
  }
  mechanism(dataset, v, important, out);
  if (hasPi) addConditions(out, condition(R, 'cn-pipl-notice-consent'));
  evaluateCnSpecialData(dataset, out);
  return out;
}

function mechanism(dataset: Dataset, v: Volumes, important: boolean, out: RegimeOutcome): void {
  const hasPi = v.pi > 0 || v.spi > 0;
  if (!hasPi && !important) {
    out.findings.push(finding(R, 'cn-no-personal-or-important'));
    return;
  }
  if (dataset.cn.ciio) {
    out.findings.push(finding(R, 'cn-ciio'));
    addConditions(out, condition(R, 'cn-cac-security-assessment'));
    return;
  }
  if (important) {
    out.findings.push(finding(R, 'cn-important-data'));
    addConditions(out, condition(R, 'cn-cac-security-assessment'));
  }
  if (!hasPi) return;
  // The necessity and foreign-collected exemptions cover personal information, not important data.
  if (dataset.cn.exemption === 'collected-abroad') {
    out.findings.push(finding(R, 'cn-collected-abroad-exempt'));
    return;
  }
  if (dataset.cn.exemption !== undefined) {
    out.findings.push(finding(R, 'cn-necessity-exempt'));
    return;
  }
  personalInformationBand(v, important, out);
}

function personalInformationBand(v: Volumes, important: boolean, out: RegimeOutcome): void {
  const hit = (id: string, count: number): Bilingual[] => {
    const t = threshold(R, id);
    return count > 0 && meets(t, count) ? [countDetail(t, count)] : [];
  };
  const assessment = [...hit('cn-pi-assessment', v.pi), ...hit('cn-spi-assessment', v.spi)];
  if (assessment.length > 0) {
    out.findings.push(finding(R, 'cn-assessment-volume', joinDetails(assessment)));
    addConditions(out, condition(R, 'cn-cac-security-assessment'));
    return;
  }
  const band = [...hit('cn-pi-contract', v.pi), ...hit('cn-spi-contract', v.spi)];
  if (band.length > 0) {
    out.findings.push(finding(R, 'cn-contract-band', joinDetails(band)));
    // With important data in the same export the security assessment already covers it.
    if (!important) addConditions(out, condition(R, 'cn-standard-contract-or-certification'));
    return;
  }
  const t = threshold(R, 'cn-pi-contract');
  out.findings.push(finding(R, 'cn-small-volume-exempt', belowDetail(t, v.pi)));
  if (!v.cumulative) addConditions(out, condition(R, 'cn-count-cumulative'));
}
