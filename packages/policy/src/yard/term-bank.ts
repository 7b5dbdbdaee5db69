import { z } from 'zod';
import { resolveCitation } from '../cite/instruments.ts';
import type { Area, AreaId, TermWeight } from './area.ts';
import { AreaIdSchema } from './area.ts';
import { foldHan } from './fold.ts';
import { isHanTerm, latinTokens } from './text-match.ts';

const NO_HAN = /^[^\p{Script=Han}]+$/u;
const HAN = /\p{Script=Han}/u;

/**
 * Where a group of terms comes from: the list, the instrument that publishes it (an id in
 * instruments.json, checked at load) and the entry (CET area, CCL category and product groups,
 * catalogue item) it spells out.
 */
const TermSourceSchema = z.object({
  list: z.enum(['US CET 2024', 'US CCL', 'China technology export catalogue', 'China export control']),
  instrument: z.string().min(1),
  entry: z.string().min(1),
});

export const TermGroupSchema = z
  .object({
    area: AreaIdSchema,
    /** `strong`: names the technology itself; `weak`: also an everyday tool elsewhere (counts half). */
    weight: z.enum(['strong', 'weak']).default('strong'),
    source: TermSourceSchema,
    en: z.array(z.string().trim().min(2).regex(NO_HAN)),
    zh: z.array(z.string().trim().min(1).regex(HAN)),
    /** Regional (Taiwan, Hong Kong) vocabulary that folding to simplified script does not map (量子電腦, 演算法). */
    zhHant: z.array(z.string().trim().min(1).regex(HAN)),
  })
  .refine((g) => g.en.length + g.zh.length + g.zhHant.length > 0, 'a term group holds at least one term');
export type TermGroup = z.infer<typeof TermGroupSchema>;

/** A term deliberately listed in areas of different control, with the reason. */
export const SharedTermRuleSchema = z.object({ term: z.string().min(1), areas: z.array(AreaIdSchema).min(2), why: z.string().min(1) });

export const TermBankFileSchema = z.object({ groups: z.array(TermGroupSchema).min(1), sharedTerms: z.array(SharedTermRuleSchema).default([]) });
export const TermBankSchema = z.object({ groups: z.array(TermGroupSchema).min(1), sharedTerms: z.array(SharedTermRuleSchema) });
export type TermBank = z.infer<typeof TermBankSchema>;

/** Several term-bank files read as one bank. */
export function mergeTermBanks(files: readonly unknown[]): TermBank {
  const parsed = files.map((f) => TermBankFileSchema.parse(f));
  return { groups: parsed.flatMap((f) => f.groups), sharedTerms: parsed.flatMap((f) => f.sharedTerms) };
}

/** The key a term is compared by: folded Chinese, or lower-cased Latin tokens. */
export function termKey(term: string): string {
  return isHanTerm(term) ? foldHan(term) : latinTokens(term).join(' ').toLowerCase();
}

/**
 * Adds the term bank to the areas and checks the whole vocabulary, throwing on the first problem:
 * a group for an unknown area or citing an unknown instrument; a term repeated within an area in any
 * spelling, weight or script (a traditional term that folds to a term the area already has is
 * redundant: folding handles it, so only the simplified form is stored); an area left without strong
 * English or Chinese terms; or a term shared by areas of different control (a `restricted` catalogue
 * entry and a plain CET area, say) with no rule in `sharedTerms` saying why.
 */
export function withTermBank(areas: readonly Area[], bank: TermBank): Area[] {
  const known = new Set<AreaId>(areas.map((a) => a.id));
  for (const g of bank.groups) {
    if (!known.has(g.area)) throw new Error(`term bank: unknown area ${g.area}`);
    resolveCitation({ instrument: g.source.instrument, provision: g.source.entry }, `term bank: ${g.area}`);
  }
  const merged = areas.map((area) => {
    const groups = bank.groups.filter((g) => g.area === area.id);
    const of = (weight: TermWeight) => groups.filter((g) => g.weight === weight);
    const terms = {
      en: [...area.terms.en, ...of('strong').flatMap((g) => g.en)],
      zh: [...area.terms.zh, ...of('strong').flatMap((g) => [...g.zh, ...g.zhHant])],
    };
    const weak = {
      en: [...area.weak.en, ...of('weak').flatMap((g) => g.en)],
      zh: [...area.weak.zh, ...of('weak').flatMap((g) => [...g.zh, ...g.zhHant])],
    };
    if (terms.en.length === 0 || terms.zh.length === 0) throw new Error(`term bank: ${area.id} has no ${terms.en.length === 0 ? 'English' : 'Chinese'} terms`);
    const keys = [...terms.en, ...terms.zh, ...weak.en, ...weak.zh].map(termKey);
    const dupAt = keys.findIndex((k, i) => keys.indexOf(k) !== i);
    if (dupAt !== -1) {
      const all = [...terms.en, ...terms.zh, ...weak.en, ...weak.zh];
      const first = all[keys.indexOf(keys[dupAt] as string)];
      const again = all[dupAt];
      const how = again !== undefined && isHanTerm(again) && again !== keys[dupAt] ? ` ("${again}" folds to "${keys[dupAt]}": store the simplified form only)` : '';
      throw new Error(`term bank: ${area.id}: duplicate term "${keys[dupAt]}" (${first} / ${again})${how}`);
    }
    return { ...area, terms, weak };
  });
  checkConflicts(merged, bank);
  return merged;
}

function checkConflicts(areas: readonly Area[], bank: TermBank): void {
  const owners = new Map<string, Area[]>();
  for (const area of areas) {
    const all = [...area.terms.en, ...area.terms.zh, ...area.weak.en, ...area.weak.zh];
    for (const term of new Set(all.map(termKey))) owners.set(term, [...(owners.get(term) ?? []), area]);
  }
  const problems: string[] = [];
  for (const [term, list] of owners) {
    if (new Set(list.map((a) => a.control)).size < 2) continue;
    const rule = bank.sharedTerms.find((r) => termKey(r.term) === term && list.every((a) => r.areas.includes(a.id)));
    if (!rule) problems.push(`"${term}" (${list.map((a) => `${a.id}: ${a.control}`).join(', ')})`);
  }
  if (problems.length > 0) throw new Error(`term bank: terms in areas of different control with no sharedTerms rule: ${problems.join('; ')}`);
}
