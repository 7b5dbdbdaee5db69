import { z } from 'zod';

/** Confidence the reference gives a fact; only `high` and `med` rows are encoded (low and UNVERIFIED are not). */
export const ConfidenceSchema = z.enum(['high', 'med']);
export type Confidence = z.infer<typeof ConfidenceSchema>;

/** Text every user-facing rule string carries in both languages. */
export const BilingualSchema = z.object({ en: z.string().min(1), zh: z.string().min(1) });
export type Bilingual = z.infer<typeof BilingualSchema>;

export const InstrumentIdSchema = z.string().regex(/^(us|cn|us-cn)-[a-z0-9-]+$/).brand<'InstrumentId'>();
export type InstrumentId = z.infer<typeof InstrumentIdSchema>;

/** A legal instrument as the rule data records it (src/data/instruments.json). */
export const InstrumentSchema = z.object({
  id: InstrumentIdSchema,
  title: BilingualSchema,
  url: z.url(),
  published: z.iso.date().optional(),
  effective: z.iso.date().optional(),
  edition: z.string().min(1).optional(),
  // The date the row was last checked against shared/reference/policy-rules.md.
  asOf: z.iso.date(),
  confidence: ConfidenceSchema,
});
export type Instrument = z.infer<typeof InstrumentSchema>;

/** How a rule row points at its source: an instrument plus the article or section it rests on. */
export const CitationRefSchema = z.object({
  instrument: z.string().min(1),
  provision: z.string().min(1),
  // A more specific source for this provision than the instrument's own address.
  url: z.url().optional(),
  // Lower than the instrument's when the reference rates this provision lower.
  confidence: ConfidenceSchema.optional(),
});
export type CitationRef = z.infer<typeof CitationRefSchema>;

/** A citation resolved against its instrument, as every result carries it. */
export interface Citation {
  readonly instrumentId: InstrumentId;
  readonly instrument: Bilingual;
  readonly provision: string;
  readonly url: string;
  readonly published?: string;
  readonly effective?: string;
  readonly edition?: string;
  readonly asOf: string;
  readonly confidence: Confidence;
}
