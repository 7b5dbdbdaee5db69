import { z } from 'zod';
import { bilingualInput, BilingualTextSchema } from './bilingual.ts';
import { ClassifyResultSchema, TransferResultSchema } from './policy.ts';
import { SideCodeSchema } from './sides.ts';
import { cleanText, optionalText, textField, VersionSchema } from './text.ts';

export const PROJECT_STATUSES = ['draft', 'submitted', 'under_review', 'changes_requested', 'approved', 'rejected', 'withdrawn'] as const;
export const ProjectStatusSchema = z.enum(PROJECT_STATUSES);
export type ProjectStatus = z.infer<typeof ProjectStatusSchema>;

export const PROJECT_ACTIONS = ['submit', 'start_review', 'request_changes', 'approve', 'reject', 'withdraw', 'reopen'] as const;
export const ProjectActionSchema = z.enum(PROJECT_ACTIONS);
export type ProjectAction = z.infer<typeof ProjectActionSchema>;

export const ProjectPartySchema = z.object({
  partyId: z.string().uuid(),
  kind: z.enum(['organization', 'person']),
  role: z.enum(['lead', 'partner', 'member']).default('partner'),
});
export type ProjectPartyInput = z.infer<typeof ProjectPartySchema>;

export const BudgetLineSchema = z.object({
  side: SideCodeSchema,
  item: textField(200),
  amount: z.number().nonnegative().max(1e12),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD or CNY'),
});

/** Which way data moves in the project and what it holds, in the policy module's dataset terms. */
export const DataFlowSchema = z.object({
  direction: z.enum(['US-CN', 'CN-US']),
  description: optionalText(2000, { multiline: true }).default(''),
  /** Validated by the policy module's dataset schema on save. */
  dataset: z.record(z.string(), z.unknown()).default({}),
});
export type DataFlow = z.infer<typeof DataFlowSchema>;

const projectFields = {
  title: bilingualInput(300, { multiline: false }),
  abstract: bilingualInput(10_000),
  technologyArea: textField(200),
  keywords: z.array(textField(80)).max(30),
  parties: z.array(ProjectPartySchema).max(200),
  dataPlan: z.array(DataFlowSchema).max(10),
  budget: z.array(BudgetLineSchema).max(200),
};

export const ProjectInputSchema = z.object({
  ...projectFields,
  groupId: z.string().uuid(),
  keywords: projectFields.keywords.default([]),
  parties: projectFields.parties.default([]),
  dataPlan: projectFields.dataPlan.default([]),
  budget: projectFields.budget.default([]),
});
export type ProjectInput = z.infer<typeof ProjectInputSchema>;

/** Only the fields sent change; there are no defaults here, so an omitted list keeps its stored value. */
export const ProjectUpdateSchema = z.object(projectFields).partial().extend({ version: VersionSchema });
export type ProjectUpdate = z.infer<typeof ProjectUpdateSchema>;

/** Something a compliance officer of `side` must look at before the project can be approved. */
export const ProjectFlagSchema = z.object({
  id: z.string(),
  side: SideCodeSchema,
  kind: z.enum(['screening', 'technology', 'transfer']),
  /** `blocking` cannot be cleared (a prohibited transfer, a confirmed list match). */
  severity: z.enum(['review', 'blocking']),
  summaryEn: z.string(),
  summaryZh: z.string(),
  evidence: z.unknown(),
});
export type ProjectFlag = z.infer<typeof ProjectFlagSchema>;

export const ProjectChecksSchema = z.object({
  runAt: z.string(),
  /** Why they ran: on submit, on a party's screening change, or on request. */
  trigger: z.string(),
  screening: z.array(z.object({ partyId: z.string(), kind: z.string(), side: z.string(), name: z.string(), status: z.string(), hits: z.array(z.unknown()) })),
  technology: ClassifyResultSchema,
  transfers: z.array(z.object({ direction: z.string(), result: TransferResultSchema })),
  flags: z.array(ProjectFlagSchema),
});
export type ProjectChecks = z.infer<typeof ProjectChecksSchema>;

export const ProjectReviewSchema = z.object({
  side: SideCodeSchema,
  decision: z.enum(['cleared', 'blocked']),
  reason: z.string(),
  reviewer: z.string(),
  at: z.string(),
  checksRunAt: z.string(),
});

export const ProjectSignOffSchema = z.object({ side: SideCodeSchema, coChair: z.string(), at: z.string(), checksRunAt: z.string() });

export const ProjectSchema = z.object({
  id: z.string().uuid(),
  groupId: z.string().uuid(),
  title: BilingualTextSchema,
  abstract: BilingualTextSchema,
  technologyArea: z.string(),
  keywords: z.array(z.string()),
  parties: z.array(ProjectPartySchema.extend({ side: z.string(), name: z.string(), screeningStatus: z.string().nullable() })),
  dataPlan: z.array(DataFlowSchema),
  budget: z.array(BudgetLineSchema),
  status: ProjectStatusSchema,
  createdBy: z.string().uuid().nullable(),
  checks: ProjectChecksSchema.nullable(),
  reviews: z.array(ProjectReviewSchema),
  signOffs: z.array(ProjectSignOffSchema),
  /** Sides whose flags still wait for their compliance officer's decision. */
  pendingReviewSides: z.array(z.string()),
  /** What the caller may do now, so the UI shows only the buttons that will work. */
  allowedActions: z.array(z.string()),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Project = z.infer<typeof ProjectSchema>;

export const ProjectTransitionSchema = z.object({
  action: ProjectActionSchema,
  reason: optionalText(4000, { multiline: true }).default(''),
  version: VersionSchema,
});
export type ProjectTransition = z.infer<typeof ProjectTransitionSchema>;

export const ProjectReviewInputSchema = z.object({
  side: SideCodeSchema,
  decision: z.enum(['cleared', 'blocked']),
  reason: cleanText({ multiline: true }).pipe(z.string().trim().min(10, 'give the reason (10 characters or more)').max(4000)),
});

export const ProjectHistoryEntrySchema = z.object({
  at: z.string(),
  actor: z.string().nullable(),
  action: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  reason: z.string(),
  /** With `rechecked`: the party whose screening changed, by name, and its new screening status. */
  recheck: z.object({ partyId: z.string(), partyName: z.string().nullable(), status: z.string() }).nullable(),
});
export type ProjectHistoryEntry = z.infer<typeof ProjectHistoryEntrySchema>;

export const ProjectListQuerySchema = z.object({
  status: ProjectStatusSchema.optional(),
  groupId: z.string().uuid().optional(),
  q: cleanText().pipe(z.string().trim().max(200)).optional(),
  flagged: z.enum(['true', 'false']).optional(),
});
export type ProjectListQuery = z.infer<typeof ProjectListQuerySchema>;
