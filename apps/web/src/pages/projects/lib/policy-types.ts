/**
 * The policy module's result shapes as the API sends them (packages/policy: ClassifyResult,
 * TransferResult). The web may not depend on @qiao/policy, so the fields the pages read are repeated
 * here; the contract types them as `unknown`, so readers check before trusting (see asClassify).
 */

export interface BilingualPair {
  en: string;
  zh: string;
}

export interface PolicyCitation {
  instrumentId: string;
  instrument: BilingualPair;
  provision: string;
  url: string;
  effective?: string;
  asOf: string;
}

export type YardVerdict = 'open' | 'review' | 'restricted';

export interface AreaHit {
  id: string;
  source: 'us-cet-2024' | 'us-ccl' | 'cn-tech-catalogue' | 'cn-export-control';
  number: string;
  name: BilingualPair;
  control: string;
  citation: PolicyCitation;
  matched: string[];
}

export interface Evidence {
  term: string;
  text: string;
  start: number;
  end: number;
  areaIds: string[];
}

export interface ClassifyResult {
  verdict: YardVerdict;
  reason: { code: string; text: BilingualPair; citations: PolicyCitation[] };
  areas: AreaHit[];
  evidence: Evidence[];
  scope: { scope: 'basic-research' | 'technology-development'; reason: BilingualPair; citations: PolicyCitation[] };
}

export type TransferVerdict = 'allowed' | 'conditions' | 'prohibited';

export interface TransferCondition {
  id: string;
  text: BilingualPair;
  citations: PolicyCitation[];
}

export interface TransferFinding extends TransferCondition {
  effect: 'prohibited' | 'conditions' | 'exempt' | 'info';
  detail?: BilingualPair;
}

export interface TransferResult {
  direction: 'US-CN' | 'CN-US';
  regime: { id: string; name: BilingualPair };
  verdict: TransferVerdict;
  reason: BilingualPair;
  conditions: TransferCondition[];
  findings: TransferFinding[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

export function asClassify(value: unknown): ClassifyResult | null {
  return isObject(value) && typeof value.verdict === 'string' && Array.isArray(value.areas) && Array.isArray(value.evidence)
    ? (value as unknown as ClassifyResult)
    : null;
}

export function asTransfer(value: unknown): TransferResult | null {
  return isObject(value) && typeof value.verdict === 'string' && Array.isArray(value.conditions) && Array.isArray(value.findings)
    ? (value as unknown as TransferResult)
    : null;
}
