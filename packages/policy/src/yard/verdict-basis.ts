import { z } from 'zod';
import { CitationRefSchema, type Citation } from '../cite/citation.ts';
import { resolveCitation } from '../cite/instruments.ts';
import raw from './data/verdict.json' with { type: 'json' };

const refs = z
  .object({ restricted: z.object({ cn: z.array(CitationRefSchema).min(1), eccn: z.array(CitationRefSchema).min(1) }) })
  .parse(raw).restricted;

/**
 * The legal effect behind a `restricted` verdict: China's technology-export rules when a Chinese
 * export-control entry is hit, the EAR when a US ECCN is written out.
 */
export const RESTRICTED_CITATIONS: { readonly cn: readonly Citation[]; readonly eccn: readonly Citation[] } = {
  cn: refs.cn.map((ref, i) => resolveCitation(ref, `verdict.json restricted.cn[${i}]`)),
  eccn: refs.eccn.map((ref, i) => resolveCitation(ref, `verdict.json restricted.eccn[${i}]`)),
};
