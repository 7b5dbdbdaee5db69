/**
 * A data-plan row as the form holds it, and its translation to the policy module's dataset shape
 * (packages/policy/src/transfer/dataset.ts); the ids come from @qiao/contracts and the server
 * validates every dataset on save.
 */
import { DATA_CATEGORIES, DATA_KINDS, type DataCategory, type DataKind } from '@qiao/contracts';

export { DATA_CATEGORIES, DATA_KINDS, type DataCategory, type DataKind };

export const US_TRANSACTIONS = ['data-brokerage', 'vendor-agreement', 'employment-agreement', 'investment-agreement', 'none'] as const;
export const US_EXEMPTIONS = ['us-government-funded', 'regulatory-approval', 'clinical-investigation'] as const;
export const CN_EXEMPTIONS = ['contract-with-individual', 'cross-border-hr', 'emergency', 'collected-abroad'] as const;

export const DIRECTIONS = ['US-CN', 'CN-US'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export interface CategoryRow {
  /** Subjects as typed; empty means the category is not in the data. */
  subjects: string;
  cumulativeSinceJan1: boolean;
}

export interface FlowDraft {
  direction: Direction;
  description: string;
  categories: Partial<Record<DataCategory, CategoryRow>>;
  kinds: DataKind[];
  deidentified: boolean;
  usTransaction: '' | (typeof US_TRANSACTIONS)[number];
  usExemption: '' | (typeof US_EXEMPTIONS)[number];
  cnExemption: '' | (typeof CN_EXEMPTIONS)[number];
  cnCiio: boolean;
}

export function emptyFlow(direction: Direction = 'US-CN'): FlowDraft {
  return { direction, description: '', categories: {}, kinds: [], deidentified: false, usTransaction: '', usExemption: '', cnExemption: '', cnCiio: false };
}

/** The dataset as the policy module reads it; only what was declared is sent. */
export function toDataset(flow: FlowDraft): Record<string, unknown> {
  const categories = DATA_CATEGORIES.flatMap((category) => {
    const row = flow.categories[category];
    const raw = row?.subjects.trim();
    if (!row || !raw || !/^\d+$/.test(raw)) return [];
    return [{ category, subjects: Number(raw), ...(row.cumulativeSinceJan1 ? { cumulativeSinceJan1: true } : {}) }];
  });
  const us = { ...(flow.usTransaction ? { transaction: flow.usTransaction } : {}), ...(flow.usExemption ? { exemption: flow.usExemption } : {}) };
  const cn = { ...(flow.cnExemption ? { exemption: flow.cnExemption } : {}), ...(flow.cnCiio ? { ciio: true } : {}) };
  return {
    ...(categories.length ? { categories } : {}),
    ...(flow.kinds.length ? { kinds: flow.kinds } : {}),
    ...(flow.deidentified ? { deidentified: true } : {}),
    ...(Object.keys(us).length ? { us } : {}),
    ...(Object.keys(cn).length ? { cn } : {}),
  };
}

const isIn = <T extends string>(list: readonly T[], v: unknown): v is T => typeof v === 'string' && (list as readonly string[]).includes(v);
const record = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {});

/** A stored data flow back into form rows (for editing a draft). */
export function fromDataset(direction: string, description: string, dataset: Record<string, unknown>): FlowDraft {
  const flow = emptyFlow(isIn(DIRECTIONS, direction) ? direction : 'US-CN');
  flow.description = description;
  const cats = Array.isArray(dataset.categories) ? dataset.categories : [];
  for (const c of cats.map(record)) {
    if (isIn(DATA_CATEGORIES, c.category) && typeof c.subjects === 'number') {
      flow.categories[c.category] = { subjects: String(c.subjects), cumulativeSinceJan1: c.cumulativeSinceJan1 === true };
    }
  }
  flow.kinds = (Array.isArray(dataset.kinds) ? dataset.kinds : []).filter((k): k is DataKind => isIn(DATA_KINDS, k));
  flow.deidentified = dataset.deidentified === true;
  const us = record(dataset.us);
  const cn = record(dataset.cn);
  flow.usTransaction = isIn(US_TRANSACTIONS, us.transaction) ? us.transaction : '';
  flow.usExemption = isIn(US_EXEMPTIONS, us.exemption) ? us.exemption : '';
  flow.cnExemption = isIn(CN_EXEMPTIONS, cn.exemption) ? cn.exemption : '';
  flow.cnCiio = cn.ciio === true;
  return flow;
}

/** Whether anything at all is declared; an empty row has nothing for the transfer rules to read. */
export function isDeclared(flow: FlowDraft): boolean {
  return Object.keys(toDataset(flow)).length > 0;
}
