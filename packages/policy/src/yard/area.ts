import { z } from 'zod';
import { BilingualSchema, CitationRefSchema, type Bilingual, type Citation } from '../cite/citation.ts';

/** Which list an area comes from; the first two are the US side's, the last two China's. */
export const AREA_SOURCES = ['us-cet-2024', 'us-ccl', 'cn-tech-catalogue', 'cn-export-control'] as const;
export type AreaSource = (typeof AREA_SOURCES)[number];

/**
 * `none`: a technology area, not an export-control entry (CET areas, CCL categories read from terms);
 * `prohibited`: may not be exported; `restricted`: export needs a licence;
 * `listed`: in China's catalogue, section not recorded in the reference.
 */
export const AREA_CONTROLS = ['none', 'prohibited', 'restricted', 'listed'] as const;
export type AreaControl = (typeof AREA_CONTROLS)[number];

/** An area id exists only once the data file that declares it has been validated. */
export const AreaIdSchema = z.string().regex(/^(cet|ccl|cn)-[a-z0-9-]+$/).brand<'AreaId'>();
export type AreaId = z.infer<typeof AreaIdSchema>;

const NO_HAN = /^[^\p{Script=Han}]+$/u;

export const AreaTermsSchema = z.object({
  en: z.array(z.string().trim().min(2).regex(NO_HAN, 'English terms carry no Chinese characters')).min(1),
  zh: z.array(z.string().trim().min(1).regex(/\p{Script=Han}/u, 'Chinese terms carry Chinese characters')).min(1),
});

export const AreaRowSchema = z.object({
  id: AreaIdSchema,
  number: z.string().min(1),
  name: BilingualSchema,
  terms: AreaTermsSchema,
  citation: CitationRefSchema,
});
export type AreaRow = z.infer<typeof AreaRowSchema>;

export const ExportAreaRowSchema = AreaRowSchema.extend({
  source: z.enum(['cn-tech-catalogue', 'cn-export-control']),
  control: z.enum(['prohibited', 'restricted', 'listed']),
});

export interface Area {
  readonly id: AreaId;
  readonly source: AreaSource;
  /** The area's number or code in its list: CET area "6", CCL category "3", catalogue item "252604X". */
  readonly number: string;
  readonly name: Bilingual;
  readonly control: AreaControl;
  /** Strong terms: each names the technology itself, so one is enough for `review`. */
  readonly terms: AreaTerms;
  /** Weak terms: words also used as everyday tools elsewhere (machine learning, drone); two are needed. */
  readonly weak: AreaTerms;
  readonly citation: Citation;
}

export interface AreaTerms {
  readonly en: readonly string[];
  readonly zh: readonly string[];
}

/** How much a term says about its area: `strong` counts 1, `weak` counts ½; `review` needs 1. */
export type TermWeight = 'strong' | 'weak';

/** True for areas whose hit means an item on an export-control list, not just a sensitive field. */
export function isExportControlled(area: Pick<Area, 'control'>): boolean {
  return area.control !== 'none';
}
