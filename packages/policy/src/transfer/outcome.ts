import type { Bilingual } from '../cite/citation.ts';
import type { Condition, Finding, Threshold } from './rule.ts';
import { describeBound } from './rule.ts';

/** What one regime concluded: its findings and the conditions they attach, in the order found. */
export interface RegimeOutcome {
  readonly findings: Finding[];
  readonly conditions: Condition[];
}

export function emptyOutcome(): RegimeOutcome {
  return { findings: [], conditions: [] };
}

/** Adds conditions, once each, in order. */
export function addConditions(outcome: RegimeOutcome, ...conditions: Condition[]): void {
  for (const c of conditions) if (!outcome.conditions.some((o) => o.id === c.id)) outcome.conditions.push(c);
}

const UNITS: Record<Threshold['unit'], Bilingual> = {
  'us-persons': { en: 'US persons', zh: '名美国人' },
  'us-devices': { en: 'US devices', zh: '台美国设备' },
  'natural-persons': { en: 'people', zh: '人' },
};

/** "human genomic data: 101 US persons (threshold: more than 100)". */
export function countDetail(threshold: Threshold, count: number, label: Bilingual = threshold.label): Bilingual {
  const bound = describeBound(threshold);
  const unit = UNITS[threshold.unit];
  const n = count.toLocaleString('en-US');
  return { en: `${label.en}: ${n} ${unit.en} (threshold: ${bound.en})`, zh: `${label.zh}：${n}${unit.zh}（门槛：${bound.zh}）` };
}

/** "non-sensitive personal information: 99,999 people (under the threshold of 100,000 or more)". */
export function belowDetail(threshold: Threshold, count: number): Bilingual {
  const bound = describeBound(threshold);
  const unit = UNITS[threshold.unit];
  const n = count.toLocaleString('en-US');
  return {
    en: `${threshold.label.en}: ${n} ${unit.en} (below the threshold: ${bound.en})`,
    zh: `${threshold.label.zh}：${n}${unit.zh}（未达门槛：${bound.zh}）`,
  };
}

export function joinDetails(details: readonly Bilingual[]): Bilingual {
  return { en: details.map((d) => d.en).join('; '), zh: details.map((d) => d.zh).join('；') };
}
