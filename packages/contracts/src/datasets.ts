import { z } from 'zod';
import { bilingualInput, BilingualTextSchema } from './bilingual.ts';
import { CalendarDateSchema } from './dates.ts';
import { SideCodeSchema } from './sides.ts';
import { cleanText, optionalText, textField } from './text.ts';

export const ACCESS_LEVELS = ['open', 'on_request', 'restricted', 'embargoed'] as const;
export const AccessLevelSchema = z.enum(ACCESS_LEVELS);
export type AccessLevel = z.infer<typeof AccessLevelSchema>;

/** A creator as DataCite has it: a name, an affiliation, and here also the side they belong to. */
export const CreatorSchema = z.object({
  name: textField(200),
  affiliation: optionalText(300).default(''),
  side: SideCodeSchema,
});
export type Creator = z.infer<typeof CreatorSchema>;

export const RelatedPublicationSchema = z.object({
  title: textField(500),
  /** A DOI (10.xxxx/...) or a URL. */
  identifier: cleanText().pipe(z.string().trim().min(3).max(500)),
});

/** Dataset metadata fields; `DatasetInputSchema` adds the cross-field rules. */
export const DatasetFieldsSchema = z.object({
    title: bilingualInput(300),
    description: bilingualInput(20_000),
    creators: z.array(CreatorSchema).min(1).max(100),
    subjects: z.array(textField(100)).max(30).default([]),
    temporalStart: CalendarDateSchema.nullable().default(null),
    temporalEnd: CalendarDateSchema.nullable().default(null),
    spatial: z.array(textField(200)).max(50).default([]),
    /** SPDX licence id, e.g. CC-BY-4.0, CC0-1.0, ODbL-1.0. */
    licence: z.string().regex(/^[A-Za-z0-9.+-]{2,60}$/, 'must be an SPDX licence id such as CC-BY-4.0'),
    relatedPublications: z.array(RelatedPublicationSchema).max(50).default([]),
    accessLevel: AccessLevelSchema,
    embargoUntil: CalendarDateSchema.nullable().default(null),
    /** The side whose data this is; transfers to other sides are reviewed. */
    side: SideCodeSchema,
    /** What personal or regulated data the dataset holds, as the policy rules read it. */
    dataDeclaration: z.record(z.string(), z.unknown()).default({}),
  });

export const DatasetInputSchema = DatasetFieldsSchema.refine((d) => !d.temporalStart || !d.temporalEnd || d.temporalStart <= d.temporalEnd, { message: 'must not be before temporalStart', path: ['temporalEnd'] })
  .refine((d) => (d.accessLevel === 'embargoed') === (d.embargoUntil !== null), { message: 'is required exactly when accessLevel is embargoed', path: ['embargoUntil'] });
export type DatasetInput = z.infer<typeof DatasetInputSchema>;

/** Longest file name in a dataset version, in characters. */
export const DATASET_FILE_NAME_MAX = 200;

const isControl = (c: string) => c.charCodeAt(0) < 0x20 || c === '\u007F';

/** A file name in a version: no path separators, control characters or half surrogate pairs. */
export const DatasetFileNameSchema = z
  .string()
  .min(1)
  .max(DATASET_FILE_NAME_MAX)
  .refine((n) => !/[/\\]/.test(n) && !Array.from(n).some(isControl) && !/\p{Cs}/u.test(n) && n !== '.' && n !== '..', 'must be a file name without slashes or control characters');

/**
 * A media type as RFC 6838 spells it (`type/subtype`, no parameters). Anything else could not be
 * sent back in a Content-Type header, so it is refused before it is stored.
 */
export const FileContentTypeSchema = z
  .string()
  .max(127)
  .regex(/^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,62}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,62}$/, 'must be a media type such as text/csv, without parameters');

export const DatasetFileSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  contentType: z.string(),
  createdAt: z.string(),
});
export type DatasetFile = z.infer<typeof DatasetFileSchema>;

export const DatasetVersionSchema = z.object({
  number: z.number().int(),
  note: z.string(),
  createdAt: z.string(),
  /** Null while the version is a draft; a published version never changes. */
  publishedAt: z.string().nullable(),
  files: z.array(DatasetFileSchema),
});
export type DatasetVersion = z.infer<typeof DatasetVersionSchema>;

export const DatasetSchema = z.object({
  id: z.string().uuid(),
  title: BilingualTextSchema,
  description: BilingualTextSchema,
  creators: z.array(CreatorSchema),
  subjects: z.array(z.string()),
  temporalStart: z.string().nullable(),
  temporalEnd: z.string().nullable(),
  spatial: z.array(z.string()),
  licence: z.string(),
  relatedPublications: z.array(RelatedPublicationSchema),
  accessLevel: AccessLevelSchema,
  embargoUntil: z.string().nullable(),
  side: SideCodeSchema,
  dataDeclaration: z.record(z.string(), z.unknown()),
  stewardId: z.string().uuid().nullable(),
  isDemo: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  latestVersion: z.number().int(),
  /** What the caller may do with the files right now, and why not when they may not. */
  access: z.object({ canDownload: z.boolean(), reason: z.string() }),
});
export type Dataset = z.infer<typeof DatasetSchema>;

export const DatasetListQuerySchema = z.object({
  q: cleanText().pipe(z.string().trim().max(200)).optional(),
  side: SideCodeSchema.optional(),
  subject: z.string().max(100).optional(),
  accessLevel: AccessLevelSchema.optional(),
  licence: z.string().max(60).optional(),
  /** Datasets whose temporal coverage overlaps this year. */
  year: z.coerce.number().int().min(1000).max(3000).optional(),
});
export type DatasetListQuery = z.infer<typeof DatasetListQuerySchema>;

/** A legal source as the policy module cites it. */
export const TransferCitationSchema = z.object({
  instrumentEn: z.string(),
  instrumentZh: z.string(),
  provision: z.string(),
  url: z.string(),
  asOf: z.string(),
});

/** One condition a transfer needs before access (e.g. a standard contract), with its citations. */
export const TransferConditionSchema = z.object({
  id: z.string(),
  textEn: z.string(),
  textZh: z.string(),
  citations: z.array(TransferCitationSchema),
});
export type TransferCondition = z.infer<typeof TransferConditionSchema>;

/** The policy module's verdict on moving a dataset from its side to the requester's side. */
export const TransferReviewSchema = z.object({
  direction: z.string(),
  verdict: z.enum(['allowed', 'conditions', 'prohibited']),
  conditions: z.array(TransferConditionSchema),
  /** Findings with citations, as the policy module explains them. */
  findings: z.array(z.object({ id: z.string(), effect: z.string(), textEn: z.string(), textZh: z.string(), citations: z.array(TransferCitationSchema) })),
  reasonEn: z.string(),
  reasonZh: z.string(),
});
export type TransferReview = z.infer<typeof TransferReviewSchema>;

/** `revoked`: a grant its dataset's steward ended, or that ended when the access level was tightened. */
export const ACCESS_REQUEST_STATUSES = ['pending', 'granted', 'denied', 'withdrawn', 'revoked'] as const;

export const AccessRequestSchema = z.object({
  id: z.string().uuid(),
  datasetId: z.string().uuid(),
  requester: z.object({ id: z.string().uuid(), email: z.string(), displayName: z.string(), side: SideCodeSchema }),
  purpose: z.string(),
  status: z.enum(ACCESS_REQUEST_STATUSES),
  /** Null when requester and dataset are on the same side: no transfer crosses sides. */
  transfer: TransferReviewSchema.nullable(),
  conditions: z.array(TransferConditionSchema.extend({ met: z.boolean(), metBy: z.string().nullable(), metAt: z.string().nullable(), note: z.string() })),
  decisionNote: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  createdAt: z.string(),
  /** Whether the grant is in force now (granted and not expired). */
  active: z.boolean(),
  revokedAt: z.string().nullable(),
  revokedBy: z.string().nullable(),
  revokeNote: z.string(),
});
export type AccessRequest = z.infer<typeof AccessRequestSchema>;

export const AccessRequestInputSchema = z.object({ purpose: cleanText({ multiline: true }).pipe(z.string().trim().min(10, 'say what the data is for (10 characters or more)').max(4000)) });
export const ConditionMetInputSchema = z.object({ met: z.boolean(), note: optionalText(2000, { multiline: true }).default('') });
export const AccessDecisionInputSchema = z.object({
  decision: z.enum(['grant', 'deny']),
  note: cleanText({ multiline: true }).pipe(z.string().trim().min(3).max(4000)),
  expiresAt: CalendarDateSchema.nullable().default(null),
});
export type AccessDecisionInput = z.infer<typeof AccessDecisionInputSchema>;
export const RevokeGrantInputSchema = z.object({ note: cleanText({ multiline: true }).pipe(z.string().trim().min(3).max(4000)) });

export const DownloadLogEntrySchema = z.object({
  at: z.string(),
  userEmail: z.string().nullable(),
  userSide: z.string().nullable(),
  fileName: z.string(),
  version: z.number().int(),
  bytes: z.number().int(),
  range: z.string().nullable(),
});
export type DownloadLogEntry = z.infer<typeof DownloadLogEntrySchema>;

export const CsvPreviewSchema = z.object({
  columns: z.array(z.string()),
  rows: z.array(z.array(z.string())),
  offset: z.number().int(),
  /** Rows in the file (without the header). */
  totalRows: z.number().int(),
  /** Columns whose every non-empty value is a number. */
  numericColumns: z.array(z.string()),
  /** A column of dates or years the chart can use as its x axis, if any. */
  timeColumn: z.string().nullable(),
  /** A column naming places (city, station, region…) to split series by, if any. */
  locationColumn: z.string().nullable(),
});
export type CsvPreview = z.infer<typeof CsvPreviewSchema>;
