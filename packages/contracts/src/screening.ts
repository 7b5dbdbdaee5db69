import { z } from 'zod';
import { CalendarDateSchema } from './dates.ts';
import { AllowShrinkFlagSchema } from './errors.ts';
import { LIMITS } from './limits.ts';
import { PartyNameSchema } from './parties.ts';
import { SideCodeSchema } from './sides.ts';
import { cleanText, INT4_MAX, optionalText, textField } from './text.ts';

/** Limits of the screening module that the server enforces and the web shows. */
export const SCREENING_LIMITS = {
  /** Longest reason a compliance officer may give for a decision. */
  reasonMax: 2000,
  /** Most matches one search returns. */
  searchLimitMax: 50,
  /** Rows per page of batch results. */
  batchPageMax: 1000,
} as const;

export const ENTITY_TYPES = ['organization', 'person', 'vessel', 'aircraft', 'unknown'] as const;
export const EntityTypeSchema = z.enum(ENTITY_TYPES);

/**
 * A party's screening status, computed from its latest screening and the decisions in force:
 * - `clear`: no hit at or above the threshold;
 * - `potential_match`: at least one hit without a decision in force;
 * - `confirmed_match`: a compliance officer marked a hit as a true match;
 * - `cleared_by_decision`: every hit is marked false positive by a decision still in force.
 */
export const SCREENING_STATUSES = ['clear', 'potential_match', 'confirmed_match', 'cleared_by_decision'] as const;
export const ScreeningStatusSchema = z.enum(SCREENING_STATUSES);
export type ScreeningStatus = z.infer<typeof ScreeningStatusSchema>;

export const PartyKindSchema = z.enum(['organization', 'person']);
export type PartyKind = z.infer<typeof PartyKindSchema>;

/** The side a list is issued by (`US`, `CN`), or `reference` for lists that carry no legal effect. */
export const ListSideSchema = z.string().regex(/^([A-Z]{2}|reference|unknown)$/, 'must be a side code (US, CN), reference or unknown');

export const LIST_FORMATS = ['csl-csv', 'csl-json', 'ftm', 'ofac-legacy-csv'] as const;

export const ListVersionSchema = z.object({
  id: z.string().uuid(),
  listId: z.string(),
  version: z.number().int(),
  side: ListSideSchema,
  authority: z.string(),
  title: z.string(),
  /** The publisher's date for the data, as the descriptor gives it (free text, e.g. `2026-07-09` or `2025`). */
  dataDate: z.string().nullable(),
  format: z.enum(LIST_FORMATS),
  recordCount: z.number().int(),
  /** SHA-256 (hex) over the list's files, in path order. */
  checksum: z.string(),
  files: z.array(z.string()),
  importedBy: z.string().nullable(),
  importedAt: z.string(),
  /** True for the version in force (the newest of its list). */
  current: z.boolean(),
});
export type ListVersion = z.infer<typeof ListVersionSchema>;

export const ListChangeCountsSchema = z.object({ added: z.number().int(), removed: z.number().int(), changed: z.number().int() });

export const ListImportItemSchema = z.object({
  listId: z.string(),
  /** `unchanged`: the same content as the version in force; nothing was written. */
  outcome: z.enum(['imported', 'unchanged']),
  version: ListVersionSchema,
  changes: ListChangeCountsSchema,
});
export const ListImportResultSchema = z.object({ items: z.array(ListImportItemSchema), warnings: z.array(z.string()) });
export type ListImportResult = z.infer<typeof ListImportResultSchema>;

export const ListImportQuerySchema = z.object({
  /** Issuing side for files without a descriptor (default: from the list id prefix `us-`/`cn-`). */
  side: ListSideSchema.optional(),
  /** File name of a raw (non-multipart) upload; its name decides the list id without a descriptor. */
  filename: cleanText().pipe(z.string().min(1).max(200).regex(/^[^/\\]+$/, 'a file name without folders')).optional(),
  /** Confirms an import that removes more than LIST_SHRINK_CONFIRM_RATIO of a list's records. */
  allowShrink: AllowShrinkFlagSchema,
});

/** Share of a list's records an import may remove without `allowShrink` (removing more is a decision). */
export const LIST_SHRINK_CONFIRM_RATIO = 0.1;

export const ListUpdateQuerySchema = z.object({ allowShrink: AllowShrinkFlagSchema });

/** A list version number: bounded so it always fits the database column. */
export const ListVersionNumberSchema = z.coerce.number().int().min(1).max(LIMITS.pgIntMax);

export const ListRecordSchema = z.object({
  listId: z.string(),
  recordId: z.string(),
  type: EntityTypeSchema,
  name: z.string(),
  aliases: z.array(z.string()),
  /** Names in Han script among the primary name and aliases. */
  chineseNames: z.array(z.string()),
  countries: z.array(z.string()),
  programs: z.array(z.string()),
  sourceUrl: z.string().nullable(),
  /** The record as the source file has it (CSL row, FtM properties, OFAC rows). */
  details: z.record(z.string(), z.unknown()),
  /** SHA-256 over every field including details. */
  contentHash: z.string(),
  /** SHA-256 over what identifies the record: names, ids, type and programmes; decisions lapse when it changes. */
  materialHash: z.string(),
});
export type ListRecordView = z.infer<typeof ListRecordSchema>;

export const ListRecordQuerySchema = z.object({
  /** Default: the version in force. */
  version: ListVersionNumberSchema.optional(),
  q: cleanText().pipe(z.string().trim().max(LIMITS.nameMax)).optional(),
  offset: z.coerce.number().int().min(0).max(INT4_MAX).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const ListRecordChangeSchema = z.object({
  before: ListRecordSchema,
  after: ListRecordSchema,
  /** Whether names, ids, type or programmes changed (decisions on the record lapse). */
  material: z.boolean(),
  /** Top-level fields that differ. */
  fields: z.array(z.string()),
});

export const ListDiffSchema = z.object({
  listId: z.string(),
  from: ListVersionSchema.nullable(),
  to: ListVersionSchema,
  counts: ListChangeCountsSchema,
  added: z.array(ListRecordSchema),
  removed: z.array(ListRecordSchema),
  changed: z.array(ListRecordChangeSchema),
});
export type ListDiff = z.infer<typeof ListDiffSchema>;

export const ListDiffQuerySchema = z.object({
  from: ListVersionNumberSchema.optional(),
  to: ListVersionNumberSchema.optional(),
});

/** A character range `[start, end)` in UTF-16 code units, as JavaScript's `slice` takes it. */
export const TextRangeSchema = z.object({ start: z.number().int(), end: z.number().int() });

export const HIGHLIGHT_KINDS = ['matched', 'unmatched', 'ignored'] as const;
export const HighlightSchema = TextRangeSchema.extend({
  kind: z.enum(HIGHLIGHT_KINDS),
  /** For matched parts: how they matched (exact, fuzzy, han, pinyin, translated, joined). */
  how: z.string().optional(),
  /** Index into `explanation` of the feature this range belongs to. */
  feature: z.number().int(),
});

/**
 * One piece of evidence behind a score, as the engine gives it, with the ranges of its parts in the
 * query (`queryRanges`) and in the matched name (`listRanges`) so a page can highlight them.
 */
export const ExplanationItemSchema = z.object({
  feature: z.enum(['part', 'extra-query-part', 'extra-list-part', 'ignored', 'script', 'qualifier']),
  query: z.string().optional(),
  list: z.string().optional(),
  how: z.string().optional(),
  score: z.number().optional(),
  weight: z.number().optional(),
  kind: z.string().optional(),
  side: z.enum(['query', 'list']).optional(),
  text: z.string().optional(),
  reason: z.string().optional(),
  path: z.string().optional(),
  factor: z.number().optional(),
  queryRanges: z.array(TextRangeSchema).optional(),
  listRanges: z.array(TextRangeSchema).optional(),
});
export type ExplanationItem = z.infer<typeof ExplanationItemSchema>;

export const DECISION_KINDS = ['false_positive', 'true_match'] as const;
export const ScreeningDecisionKindSchema = z.enum(DECISION_KINDS);

export const ScreeningDecisionInputSchema = z.object({
  partyId: z.string().uuid(),
  listId: cleanText().pipe(z.string().min(1).max(100)),
  recordId: cleanText().pipe(z.string().min(1).max(200)),
  decision: ScreeningDecisionKindSchema,
  reason: cleanText({ multiline: true }).pipe(z.string().trim().min(1, 'a reason is required').max(SCREENING_LIMITS.reasonMax)),
  /** Last day the decision applies (UTC); omitted: until the record changes materially. */
  expiresOn: CalendarDateSchema.optional(),
  /**
   * The side whose concern this decision answers; the deciding officer must be of that side. Default:
   * the party's own side (its status). Another side may decide only a hit that concerns it (its own
   * list, or a reference list on the other side's party) and only for its own flags.
   */
  side: SideCodeSchema.optional(),
});
export type ScreeningDecisionInput = z.infer<typeof ScreeningDecisionInputSchema>;

/**
 * `in_force`: re-applied to the hit. `expired`: past its expiry date. `lapsed`: the list record changed
 * materially since (or left the list). `superseded`: a later decision on the same hit replaced it.
 */
export const ScreeningDecisionStateSchema = z.enum(['in_force', 'expired', 'lapsed', 'superseded']);

export const ScreeningDecisionSchema = z.object({
  id: z.string().uuid(),
  partyId: z.string().uuid(),
  partyKind: PartyKindSchema,
  listId: z.string(),
  recordId: z.string(),
  decision: ScreeningDecisionKindSchema,
  reason: z.string(),
  expiresOn: z.string().nullable(),
  /** The record's material hash when decided. */
  materialHash: z.string(),
  /** The deciding side: the decision answers this side's concern only (its status, flags, alerts). */
  side: SideCodeSchema,
  /** The party's side when the decision was made. */
  partySide: SideCodeSchema,
  decidedBy: z.string().nullable(),
  decidedAt: z.string(),
  state: ScreeningDecisionStateSchema,
});
export type ScreeningDecision = z.infer<typeof ScreeningDecisionSchema>;

export const ScreeningDecisionQuerySchema = z.object({
  partyId: z.string().uuid().optional(),
  side: SideCodeSchema.optional(),
  listId: cleanText().pipe(z.string().max(100)).optional(),
  recordId: cleanText().pipe(z.string().max(200)).optional(),
});

export const SearchRequestSchema = z.object({
  name: textField(LIMITS.nameMax),
  type: EntityTypeSchema.optional(),
  country: z.string().regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166-1 alpha-2 code').optional(),
  /** 0–1; default the engine's alert line. */
  threshold: z.number().min(0).max(1).optional(),
  limit: z.number().int().min(1).max(SCREENING_LIMITS.searchLimitMax).optional(),
  /** When set, each match carries the decision recorded for this party and record. */
  partyId: z.string().uuid().optional(),
});
export type SearchRequest = z.infer<typeof SearchRequestSchema>;

export const SearchMatchSchema = z.object({
  listId: z.string(),
  listTitle: z.string(),
  listSide: ListSideSchema,
  versionId: z.string().uuid(),
  recordId: z.string(),
  /** The list name (primary or alias) that matched. */
  name: z.string(),
  /** The record's primary name. */
  entityName: z.string(),
  type: EntityTypeSchema,
  score: z.number(),
  programs: z.array(z.string()),
  /** Every list record of the same entity (e.g. one CSL row per sub-list). */
  records: z.array(z.object({ listId: z.string(), recordId: z.string(), programs: z.array(z.string()) })),
  record: ListRecordSchema.nullable(),
  explanation: z.array(ExplanationItemSchema),
  /** Ranges to highlight in the query (`query`) and in the matched name (`name`). */
  highlights: z.object({ query: z.array(HighlightSchema), name: z.array(HighlightSchema) }),
  decision: ScreeningDecisionSchema.nullable(),
});
export type SearchMatch = z.infer<typeof SearchMatchSchema>;

export const SearchResponseSchema = z.object({
  query: z.string(),
  threshold: z.number(),
  matches: z.array(SearchMatchSchema),
  /** The list versions searched. */
  lists: z.array(z.object({ listId: z.string(), versionId: z.string(), version: z.number().int(), title: z.string(), side: ListSideSchema })),
});
export type SearchResponse = z.infer<typeof SearchResponseSchema>;

export const PartyHitSchema = z.object({
  listId: z.string(),
  recordId: z.string(),
  listTitle: z.string(),
  listSide: ListSideSchema,
  /** The party's name that matched. */
  partyName: z.string(),
  name: z.string(),
  entityName: z.string(),
  score: z.number(),
  programs: z.array(z.string()),
  explanation: z.array(ExplanationItemSchema),
  /** The party's own side's newest decision: the one its status follows. */
  decision: ScreeningDecisionSchema.nullable(),
  /** The newest decision of each side that decided this hit, the party's own side first. */
  decisions: z.array(ScreeningDecisionSchema),
  /** The side a project flag for this hit belongs to: the list's side, or for a reference list the side opposite the party. */
  concernSide: SideCodeSchema,
  firstSeenAt: z.string(),
});

export const PartyScreeningSchema = z.object({
  partyId: z.string().uuid(),
  partyKind: PartyKindSchema,
  side: SideCodeSchema,
  names: z.array(PartyNameSchema),
  status: ScreeningStatusSchema,
  screenedAt: z.string().nullable(),
  hitCount: z.number().int(),
});
export type PartyScreening = z.infer<typeof PartyScreeningSchema>;

export const PartyScreeningDetailSchema = PartyScreeningSchema.extend({ hits: z.array(PartyHitSchema) });
export type PartyScreeningDetail = z.infer<typeof PartyScreeningDetailSchema>;

export const PartyScreeningQuerySchema = z.object({
  status: ScreeningStatusSchema.optional(),
  side: SideCodeSchema.optional(),
  kind: PartyKindSchema.optional(),
});

export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export const AlertStatusSchema = z.enum(ALERT_STATUSES);

export const AlertSchema = z.object({
  id: z.string().uuid(),
  partyId: z.string().uuid(),
  partyKind: PartyKindSchema,
  partyName: z.string(),
  /** The party's side: its compliance officers get the alert. */
  side: SideCodeSchema,
  listId: z.string(),
  recordId: z.string(),
  versionId: z.string().uuid(),
  /** `new_hit`: the party newly matches the record; `changed_hit`: a record it matched changed. */
  reason: z.enum(['new_hit', 'changed_hit']),
  score: z.number(),
  matchedName: z.string(),
  entityName: z.string(),
  status: AlertStatusSchema,
  note: z.string().nullable(),
  createdAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
});
export type Alert = z.infer<typeof AlertSchema>;

export const AlertQuerySchema = z.object({
  status: AlertStatusSchema.optional(),
  side: SideCodeSchema.optional(),
  listId: cleanText().pipe(z.string().max(100)).optional(),
  partyId: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const AlertUpdateSchema = z.object({ note: optionalText(SCREENING_LIMITS.reasonMax, { multiline: true }).optional() });

export const AlertSummarySchema = z.object({ open: z.number().int(), acknowledged: z.number().int() });

export const JOB_STATUSES = ['queued', 'running', 'done', 'failed'] as const;

export const BatchJobSchema = z.object({
  id: z.string().uuid(),
  status: z.enum(JOB_STATUSES),
  total: z.number().int(),
  done: z.number().int(),
  /** 0–100. */
  percent: z.number(),
  matchedRows: z.number().int(),
  threshold: z.number(),
  attempts: z.number().int(),
  error: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** The uploaded file's name, when the page sent it: how a person recognises a past batch. */
  fileName: z.string().nullable(),
});
export type BatchJob = z.infer<typeof BatchJobSchema>;

/** The signed-in user's own batches, newest first (GET /api/screening/batches). */
export const BatchListSchema = z.object({ items: z.array(BatchJobSchema) });

export const BatchCreateQuerySchema = z.object({ threshold: z.coerce.number().min(0).max(1).optional(), fileName: z.string().trim().min(1).max(200).optional() });

export const BatchResultsQuerySchema = z.object({
  offset: z.coerce.number().int().min(0).max(INT4_MAX).default(0),
  limit: z.coerce.number().int().min(1).max(SCREENING_LIMITS.batchPageMax).default(100),
  matchedOnly: z.enum(['true', 'false']).optional().transform((v) => v === 'true'),
});

export const BatchMatchSchema = z.object({
  listId: z.string(),
  recordId: z.string(),
  name: z.string(),
  entityName: z.string(),
  score: z.number(),
  programs: z.array(z.string()),
});

export const BatchRowSchema = z.object({
  /** 1-based data row (the header is not counted). */
  row: z.number().int(),
  id: z.string().nullable(),
  name: z.string(),
  type: z.string().nullable(),
  country: z.string().nullable(),
  matches: z.array(BatchMatchSchema).nullable(),
});
export type BatchRow = z.infer<typeof BatchRowSchema>;

export const BatchResultsSchema = z.object({ job: BatchJobSchema, items: z.array(BatchRowSchema) });
