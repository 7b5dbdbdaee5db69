import { DATA_CATEGORIES, DATA_KINDS, type DataCategory, type DataKind } from '@qiao/contracts';
import { z } from 'zod';

export { DATA_CATEGORIES, DATA_KINDS, type DataCategory, type DataKind };

/** Directions a transfer can take; the exporting side's rules apply. */
export const DirectionSchema = z.enum(['US-CN', 'CN-US']);
export type Direction = z.infer<typeof DirectionSchema>;

export const DataCategorySchema = z.enum(DATA_CATEGORIES);

export const DataKindSchema = z.enum(DATA_KINDS);

export const CategoryCountSchema = z
  .object({
    category: DataCategorySchema,
    /**
     * Subjects the transfer reaches: persons, or devices for `precise-geolocation`. For US rules,
     * the most reached at any point in the preceding 12 months with the same counterparty.
     */
    subjects: z.number().int().nonnegative(),
    /** China: true when `subjects` already counts everything the exporter sent abroad since 1 January this year. */
    cumulativeSinceJan1: z.boolean().default(false),
  })
  .strict();
export type CategoryCount = z.infer<typeof CategoryCountSchema>;

export const UsContextSchema = z
  .object({
    /** What the transfer involves; `none` = no data brokerage, vendor, employment or investment agreement. */
    transaction: z.enum(['data-brokerage', 'vendor-agreement', 'employment-agreement', 'investment-agreement', 'none']).optional(),
    /** A Subpart E exemption the transfer falls under (only those the reference verifies). */
    exemption: z.enum(['us-government-funded', 'regulatory-approval', 'clinical-investigation']).optional(),
  })
  .strict();

export const CnContextSchema = z
  .object({
    /** The exporter is a critical information infrastructure operator. */
    ciio: z.boolean().default(false),
    /** The exporter is a foreign organisation or an entity a foreign party established or controls. */
    exporterForeignControlled: z.boolean().default(false),
    /** A 2024 Provisions exemption the transfer falls under. */
    exemption: z.enum(['contract-with-individual', 'cross-border-hr', 'emergency', 'collected-abroad']).optional(),
    /** HGR: an international clinical trial for Chinese drug or device marketing approval, no materials exported. */
    hgrClinicalTrial: z.boolean().default(false),
    /** The recipient is a foreign judicial or law-enforcement body. */
    foreignJudicialRecipient: z.boolean().default(false),
  })
  .strict();

/** A dataset as declared for a transfer review. Validated by the CLI and the server with this schema. */
export const DatasetSchema = z
  .object({
    title: z.string().max(500).optional(),
    categories: z.array(CategoryCountSchema).max(50).default([]),
    kinds: z.array(DataKindSchema).max(20).default([]),
    /** Declared de-identified, pseudonymised, anonymised or encrypted. */
    deidentified: z.boolean().default(false),
    us: UsContextSchema.default({}),
    cn: CnContextSchema.default({ ciio: false, exporterForeignControlled: false, hgrClinicalTrial: false, foreignJudicialRecipient: false }),
  })
  .strict();
/** The parsed dataset, defaults filled in. */
export type Dataset = z.infer<typeof DatasetSchema>;
/** What callers may write: every field with a default may be left out. */
export type DatasetInput = z.input<typeof DatasetSchema>;
