import { z } from 'zod';
import { BilingualSchema, type Bilingual } from '../cite/citation.ts';
import { resolveCitation } from '../cite/instruments.ts';
import { AreaRowSchema, ExportAreaRowSchema, type Area, type AreaRow, type AreaSource } from './area.ts';
import { latinTokens, isHanTerm } from './text-match.ts';
import cetRaw from './data/cet-2024.json' with { type: 'json' };
import cclRaw from './data/ccl.json' with { type: 'json' };
import cnRaw from './data/cn-export.json' with { type: 'json' };
import bankCet from './data/term-bank/cet.json' with { type: 'json' };
import bankCcl from './data/term-bank/ccl.json' with { type: 'json' };
import bankCn from './data/term-bank/cn.json' with { type: 'json' };
import { mergeTermBanks, withTermBank } from './term-bank.ts';

const ProductGroupSchema = z.object({ letter: z.enum(['A', 'B', 'C', 'D', 'E']), name: BilingualSchema });
export type ProductGroup = z.infer<typeof ProductGroupSchema>;

const cet = z.object({ areas: z.array(AreaRowSchema).length(18) }).parse(cetRaw);
const ccl = z.object({ productGroups: z.array(ProductGroupSchema).length(5), areas: z.array(AreaRowSchema).length(10) }).parse(cclRaw);
const cn = z.object({ areas: z.array(ExportAreaRowSchema).min(1) }).parse(cnRaw);

/** The key a term is compared by, so duplicates within an area are caught whatever their spelling. */
function termKey(term: string): string {
  return isHanTerm(term) ? term : latinTokens(term).join(' ').toLowerCase();
}

function toArea(row: AreaRow, source: AreaSource, control: Area['control']): Area {
  const keys = [...row.terms.en, ...row.terms.zh].map(termKey);
  const dup = keys.find((k, i) => keys.indexOf(k) !== i);
  if (dup !== undefined) throw new Error(`${row.id}: duplicate term "${dup}"`);
  return { id: row.id, source, number: row.number, name: row.name, control, terms: row.terms, weak: { en: [], zh: [] }, citation: resolveCitation(row.citation, row.id) };
}

/**
 * Every technology-yard area with its term-bank vocabulary, validated at load; order is US CET, US CCL,
 * then China's lists.
 */
export const AREAS: readonly Area[] = withTermBank(
  [
    ...cet.areas.map((row) => toArea(row, 'us-cet-2024', 'none')),
    ...ccl.areas.map((row) => toArea(row, 'us-ccl', 'none')),
    ...cn.areas.map((row) => toArea(row, row.source, row.control)),
  ],
  mergeTermBanks([bankCet, bankCcl, bankCn]),
);

const ids = new Set(AREAS.map((a) => a.id));
if (ids.size !== AREAS.length) throw new Error('technology yard: duplicate area id');

/** CCL product groups A–E; the letter after the category digit in an ECCN. */
export const CCL_PRODUCT_GROUPS: readonly ProductGroup[] = ccl.productGroups;

export function productGroupName(letter: string): Bilingual | undefined {
  return CCL_PRODUCT_GROUPS.find((g) => g.letter === letter)?.name;
}
