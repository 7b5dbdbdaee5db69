import { z } from 'zod';
import type { Area, AreaId } from './area.ts';
import { AreaIdSchema } from './area.ts';
import { foldHan } from './fold.ts';
import { isHanTerm, latinTokens } from './text-match.ts';

const NO_HAN = /^[^\p{Script=Han}]+$/u;
const HAN = /\p{Script=Han}/u;

/** Where a group of terms comes from: the list and the entry (CET area, CCL category, catalogue item) it spells out. */
const TermSourceSchema = z.object({ list: z.enum(['US CET 2024', 'US CCL', 'China technology export catalogue', 'China export control']), entry: z.string().min(1) });

export const TermGroupSchema = z.object({
  area: AreaIdSchema,
  source: TermSourceSchema,
  en: z.array(z.string().trim().min(2).regex(NO_HAN)).min(1),
  zh: z.array(z.string().trim().min(1).regex(HAN)).min(1),
  zhHant: z.array(z.string().trim().min(1).regex(HAN)),
});
export type TermGroup = z.infer<typeof TermGroupSchema>;

/** A term deliberately listed in areas of different control, with the reason. */
export const SharedTermRuleSchema = z.object({ term: z.string().min(1), areas: z.array(AreaIdSchema).min(2), why: z.string().min(1) });

export const TermBankSchema = z.object({ groups: z.array(TermGroupSchema).min(1), sharedTerms: z.array(SharedTermRuleSchema) });
export type TermBank = z.infer<typeof TermBankSchema>;

/** The key a term is compared by: folded Chinese, or lower-cased Latin tokens. */
export function termKey(term: string): string {
  return isHanTerm(term) ? foldHan(term) : latinTokens(term).join(' ').toLowerCase();
}

/**
 * Adds the term bank to the areas and checks the whole vocabulary, throwing on the first problem:
 * a group for an unknown area, a traditional term that does not fold to one of its group's simplified
 * terms, a term repeated within an area, an area left without English or Chinese terms, or a term
 * shared by areas of different control (a `restricted` entry and a plain CET area, say) with no rule
 * in `sharedTerms` saying why.
 */
export function withTermBank(areas: readonly Area[], bank: TermBank): Area[] {
  const known = new Set<AreaId>(areas.map((a) => a.id));
  for (const g of bank.groups) {
    if (!known.has(g.area)) throw new Error(`term bank: unknown area ${g.area}`);
    const simplified = new Set(g.zh.map(termKey));
    const stray = g.zhHant.find((t) => !simplified.has(termKey(t)));
    if (stray !== undefined) throw new Error(`term bank: ${g.area}: traditional term "${stray}" folds to "${foldHan(stray)}", not a simplified term of its group`);
  }
  const merged = areas.map((area) => {
    const groups = bank.groups.filter((g) => g.area === area.id);
    const en = [...area.terms.en, ...groups.flatMap((g) => g.en)];
    const zh = [...area.terms.zh, ...groups.flatMap((g) => [...g.zh, ...g.zhHant])];
    if (en.length === 0 || zh.length === 0) throw new Error(`term bank: ${area.id} has no ${en.length === 0 ? 'English' : 'Chinese'} terms`);
    // Traditional forms fold to their simplified term, so they are kept once as data but not repeated.
    const keys = [...en, ...zh.filter((t) => !groups.some((g) => g.zhHant.includes(t)))].map(termKey);
    const dup = keys.find((k, i) => keys.indexOf(k) !== i);
    if (dup !== undefined) throw new Error(`term bank: ${area.id}: duplicate term "${dup}"`);
    return { ...area, terms: { en, zh } };
  });
  checkConflicts(merged, bank);
  return merged;
}

function checkConflicts(areas: readonly Area[], bank: TermBank): void {
  const owners = new Map<string, Area[]>();
  for (const area of areas) {
    for (const term of new Set([...area.terms.en, ...area.terms.zh].map(termKey))) owners.set(term, [...(owners.get(term) ?? []), area]);
  }
  const problems: string[] = [];
  for (const [term, list] of owners) {
    if (new Set(list.map((a) => a.control)).size < 2) continue;
    const rule = bank.sharedTerms.find((r) => termKey(r.term) === term && list.every((a) => r.areas.includes(a.id)));
    if (!rule) problems.push(`"${term}" (${list.map((a) => `${a.id}: ${a.control}`).join(', ')})`);
  }
  if (problems.length > 0) throw new Error(`term bank: terms in areas of different control with no sharedTerms rule: ${problems.join('; ')}`);
}
