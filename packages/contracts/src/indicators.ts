import { z } from 'zod';
import { CalendarDateSchema, isIsoDate } from './dates.ts';
import { AllowShrinkFlagSchema } from './errors.ts';
import { LIMITS } from './limits.ts';
import { cleanText, textField, VersionSchema } from './text.ts';

/** A period an indicator value refers to: a year, a month or a day. */
export const PeriodSchema = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number);
    if (m !== undefined && (m < 1 || m > 12)) return false;
    if (d === undefined) return true;
    return isIsoDate(s) && y !== undefined;
  }, 'is not a real month or date');

/** ISO 3166-1 alpha-2 code, or a group of them joined by "+" (e.g. DE+GB+FR), or WORLD. */
export const IndicatorCountrySchema = z.string().regex(/^(WORLD|[A-Z]{2}(\+[A-Z]{2})*)$/, 'must be a country code like US, a group like DE+GB+FR, or WORLD');

export const IndicatorValueSchema = z.object({
  period: PeriodSchema,
  country: IndicatorCountrySchema,
  /** A breakdown within a country and period (a list, a status); charts stack or split by it. */
  category: textField(80).optional(),
  value: z.number().finite(),
});
export type IndicatorValue = z.infer<typeof IndicatorValueSchema>;

export const IndicatorSourceSchema = z.object({
  publisher: textField(200),
  title: textField(400),
  /** Where the figure was published; absent only while `verified` is false. */
  url: z.string().url().max(1000).optional(),
  retrievedOn: CalendarDateSchema,
  /** Whether someone has checked the figure against the publication at `url`; the dashboard says so. */
  verified: z.boolean().default(false),
});
export type IndicatorSource = z.infer<typeof IndicatorSourceSchema>;

export const CHART_KINDS = ['line', 'bar', 'stacked-bar'] as const;

export const IndicatorSeriesInputSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'must be a lower-case slug such as unicorns-by-country'),
  nameEn: textField(200),
  nameZh: textField(200),
  unitEn: textField(80),
  unitZh: textField(80),
  chart: z.enum(CHART_KINDS),
  source: IndicatorSourceSchema,
  notesEn: cleanText({ multiline: true }).pipe(z.string().max(2000)).default(''),
  notesZh: cleanText({ multiline: true }).pipe(z.string().max(2000)).default(''),
  values: z.array(IndicatorValueSchema).max(10_000),
});
export type IndicatorSeriesInput = z.infer<typeof IndicatorSeriesInputSchema>;

export const IndicatorSeriesUpdateSchema = IndicatorSeriesInputSchema.omit({ id: true })
  .partial()
  .extend({
    version: VersionSchema,
    /** Confirms new values that would empty the series or remove more than half of its values. */
    allowShrink: z.boolean().optional(),
  });

/** `PUT /api/indicators/:id/values.csv` query: the version the CSV replaces, and the shrink confirmation. */
export const IndicatorCsvImportQuerySchema = z.object({ version: z.coerce.number().int().min(1).max(LIMITS.pgIntMax), allowShrink: AllowShrinkFlagSchema });
export type IndicatorSeriesUpdate = z.infer<typeof IndicatorSeriesUpdateSchema>;

export const IndicatorSeriesSchema = IndicatorSeriesInputSchema.extend({
  /** `curated`: entered by admins from a published source; `live`: computed from the platform's own data. */
  kind: z.enum(['curated', 'live']),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type IndicatorSeries = z.infer<typeof IndicatorSeriesSchema>;

export const IndicatorRevisionSchema = z.object({
  version: z.number().int(),
  at: z.string(),
  actorEmail: z.string().nullable(),
  /** The series as it was in this version, values included. */
  series: IndicatorSeriesInputSchema,
});
export type IndicatorRevision = z.infer<typeof IndicatorRevisionSchema>;

/** One bad line of an uploaded CSV; the import changes nothing when there is any. */
export const CsvLineErrorSchema = z.object({ line: z.number().int(), message: z.string() });
export type CsvLineError = z.infer<typeof CsvLineErrorSchema>;
