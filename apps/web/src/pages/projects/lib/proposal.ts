import type { Project, ProjectInput, ProjectPartyInput } from '@qiao/contracts';
import type { TextParts } from './check-text.ts';
import { fromDataset, toDataset, type FlowDraft } from './data-plan.ts';

export interface PartyDraft extends ProjectPartyInput {
  side: string;
  name: string;
}

export interface BudgetDraft {
  side: string;
  item: string;
  /** As typed, so a half-typed number is not lost. */
  amount: string;
  currency: string;
}

export interface ProposalDraft {
  groupId: string;
  titleEn: string;
  titleZh: string;
  abstractEn: string;
  abstractZh: string;
  technologyArea: string;
  /** Comma-separated as typed. */
  keywords: string;
  parties: PartyDraft[];
  dataPlan: FlowDraft[];
  budget: BudgetDraft[];
}

export const EMPTY_PROPOSAL: ProposalDraft = {
  groupId: '',
  titleEn: '',
  titleZh: '',
  abstractEn: '',
  abstractZh: '',
  technologyArea: '',
  keywords: '',
  parties: [],
  dataPlan: [],
  budget: [],
};

/** The currency a side usually budgets in, as the first guess for a new line. */
export const SIDE_CURRENCY: Record<string, string> = { US: 'USD', CN: 'CNY' };

/** Keywords typed with commas (English or Chinese), semicolons or new lines. */
export function splitKeywords(text: string): string[] {
  return [...new Set(text.split(/[,，;；\n]/).map((s) => s.trim()).filter(Boolean))];
}

const bilingual = (en: string, zh: string) => ({ ...(en.trim() ? { en: en.trim() } : {}), ...(zh.trim() ? { zh: zh.trim() } : {}) });

export function toProjectInput(d: ProposalDraft): ProjectInput {
  return {
    groupId: d.groupId,
    title: bilingual(d.titleEn, d.titleZh),
    abstract: bilingual(d.abstractEn, d.abstractZh),
    technologyArea: d.technologyArea.trim(),
    keywords: splitKeywords(d.keywords),
    parties: d.parties.map(({ partyId, kind, role }) => ({ partyId, kind, role })),
    dataPlan: d.dataPlan.map((flow) => ({ direction: flow.direction, description: flow.description.trim(), dataset: toDataset(flow) })),
    budget: d.budget.map((line) => ({ side: line.side, item: line.item.trim(), amount: Number(line.amount), currency: line.currency.trim().toUpperCase() })),
  };
}

export function fromProject(p: Project): ProposalDraft {
  return {
    groupId: p.groupId,
    titleEn: p.title.en ?? '',
    titleZh: p.title.zh ?? '',
    abstractEn: p.abstract.en ?? '',
    abstractZh: p.abstract.zh ?? '',
    technologyArea: p.technologyArea,
    keywords: p.keywords.join(', '),
    parties: p.parties.map(({ partyId, kind, role, side, name }) => ({ partyId, kind, role, side, name })),
    dataPlan: p.dataPlan.map((f) => fromDataset(f.direction, f.description, f.dataset)),
    budget: p.budget.map((b) => ({ side: b.side, item: b.item, amount: String(b.amount), currency: b.currency })),
  };
}

export function textParts(d: ProposalDraft): TextParts {
  return {
    titleEn: d.titleEn.trim(),
    titleZh: d.titleZh.trim(),
    technologyArea: d.technologyArea.trim(),
    abstractEn: d.abstractEn.trim(),
    abstractZh: d.abstractZh.trim(),
    keywords: splitKeywords(d.keywords).join(', '),
  };
}

/** What the server insists on before a submission, checked as the form is filled in. */
export interface Readiness {
  bothTitles: boolean;
  bothAbstracts: boolean;
  /** Sides (US, CN) with no party yet. */
  missingSides: string[];
}

export function readiness(d: ProposalDraft): Readiness {
  const sides = new Set(d.parties.map((p) => p.side));
  return {
    bothTitles: Boolean(d.titleEn.trim() && d.titleZh.trim()),
    bothAbstracts: Boolean(d.abstractEn.trim() && d.abstractZh.trim()),
    missingSides: ['US', 'CN'].filter((s) => !sides.has(s)),
  };
}

export function isReady(r: Readiness): boolean {
  return r.bothTitles && r.bothAbstracts && r.missingSides.length === 0;
}

/** Budget totals per side and currency: "US: 120,000 USD". */
export function budgetTotals(lines: readonly BudgetDraft[]): { side: string; currency: string; total: number }[] {
  const totals = new Map<string, { side: string; currency: string; total: number }>();
  for (const line of lines) {
    const amount = Number(line.amount);
    if (!line.amount.trim() || !Number.isFinite(amount)) continue;
    const currency = line.currency.trim().toUpperCase();
    const key = `${line.side} ${currency}`;
    const entry = totals.get(key) ?? { side: line.side, currency, total: 0 };
    entry.total += amount;
    totals.set(key, entry);
  }
  return [...totals.values()];
}
