import { z } from 'zod';
import { BilingualTextSchema, bilingualInput } from './bilingual.ts';
import { CalendarDateSchema } from './dates.ts';
import { SideCodeSchema } from './sides.ts';
import { VersionSchema } from './text.ts';

export const ACTION_STATUSES = ['open', 'in_progress', 'done', 'blocked', 'cancelled'] as const;
export const ActionStatusSchema = z.enum(ACTION_STATUSES);
export type ActionStatus = z.infer<typeof ActionStatusSchema>;
/** Statuses that end an action: such an action is never overdue. */
export const CLOSED_ACTION_STATUSES: readonly ActionStatus[] = ['done', 'cancelled'];

/** Every side of the group names one owner; the server refuses an action missing a side. */
export const ActionOwnerSchema = z.object({ side: SideCodeSchema, userId: z.string().uuid() });
export type ActionOwner = z.infer<typeof ActionOwnerSchema>;

export const ActionInputSchema = z.object({
  decisionId: z.string().uuid(),
  title: bilingualInput(500, { multiline: false }),
  owners: z.array(ActionOwnerSchema).min(1).max(6),
  dueDate: CalendarDateSchema,
  resultId: z.string().uuid().optional(),
});
export type ActionInput = z.infer<typeof ActionInputSchema>;

export const ActionUpdateSchema = z.object({
  title: bilingualInput(500, { multiline: false }).optional(),
  owners: z.array(ActionOwnerSchema).min(1).max(6).optional(),
  dueDate: CalendarDateSchema.optional(),
  status: ActionStatusSchema.optional(),
  resultId: z.string().uuid().nullable().optional(),
  version: VersionSchema,
});
export type ActionUpdate = z.infer<typeof ActionUpdateSchema>;

export const ActionItemSchema = z.object({
  id: z.string().uuid(),
  groupId: z.string().uuid(),
  decisionId: z.string().uuid(),
  resultId: z.string().uuid().nullable(),
  title: BilingualTextSchema,
  owners: z.array(ActionOwnerSchema),
  dueDate: z.string(),
  status: ActionStatusSchema,
  /** Due date before today (UTC) and not done or cancelled. */
  overdue: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type ActionItem = z.infer<typeof ActionItemSchema>;

export const ActionListQuerySchema = z.object({ overdue: z.enum(['true', 'false']).optional().transform((v) => (v === undefined ? undefined : v === 'true')) });
export type ActionListQuery = z.infer<typeof ActionListQuerySchema>;

export const MilestoneInputSchema = z.object({ title: bilingualInput(500, { multiline: false }), dueDate: CalendarDateSchema.optional() });
export type MilestoneInput = z.infer<typeof MilestoneInputSchema>;

export const MilestoneSchema = z.object({ id: z.string().uuid(), title: BilingualTextSchema, dueDate: z.string().nullable(), doneAt: z.string().nullable(), version: z.number().int() });
export type Milestone = z.infer<typeof MilestoneSchema>;

export const ResultInputSchema = z.object({ groupId: z.string().uuid(), title: bilingualInput(500, { multiline: false }), description: bilingualInput(5000).optional() });
export type ResultInput = z.infer<typeof ResultInputSchema>;

export const ResultSchema = z.object({
  id: z.string().uuid(),
  groupId: z.string().uuid(),
  title: BilingualTextSchema,
  description: BilingualTextSchema.nullable(),
  milestones: z.array(MilestoneSchema),
  actionIds: z.array(z.string().uuid()),
  /**
   * 0–100: completed parts over all parts, where the parts are the milestones and the linked actions
   * that are not cancelled; a milestone counts when done, an action when its status is done.
   */
  progress: z.number(),
  createdAt: z.string(),
});
export type Result = z.infer<typeof ResultSchema>;

/** `version`: the milestone's version the change is made on; an older one is refused (409 `conflict`). */
export const MilestoneDoneSchema = z.object({ done: z.boolean(), version: z.number().int().positive().optional() });

export const NOTIFICATION_KINDS = ['minutes_approval_needed', 'join_request', 'action_assigned', 'action_overdue'] as const;
export const NotificationKindSchema = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKindSchema>;

export const NotificationSchema = z.object({
  id: z.string().uuid(),
  kind: NotificationKindSchema,
  groupId: z.string().uuid().nullable(),
  entity: z.string(),
  entityId: z.string(),
  /** A short summary in both languages where the source has them. */
  payload: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof NotificationSchema>;

export const NotificationQuerySchema = z.object({ unread: z.enum(['true', 'false']).optional().transform((v) => v === 'true') });
export type NotificationQuery = z.infer<typeof NotificationQuerySchema>;

export const MarkReadSchema = z.object({ ids: z.array(z.string().uuid()).max(500).optional(), all: z.boolean().optional() });
export type MarkRead = z.infer<typeof MarkReadSchema>;
