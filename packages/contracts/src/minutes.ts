import { z } from 'zod';
import { BilingualTextSchema, bilingualInput } from './bilingual.ts';
import { SideCodeSchema } from './sides.ts';
import { int4, optionalText, textField, VersionSchema } from './text.ts';

/**
 * Minutes move draft → locked when every side's co-chair has approved the same revision. An amendment
 * makes a new revision; approvals belong to a revision, so an amendment resets them, and a locked
 * minutes amended goes back to draft until the new revision is approved by both again.
 */
export const MinutesStatusSchema = z.enum(['draft', 'locked']);
export type MinutesStatus = z.infer<typeof MinutesStatusSchema>;

export const MinutesDraftSchema = z.object({
  body: bilingualInput(100_000),
  /** Decisions recorded in these minutes; each becomes part of the record and can carry action items. */
  decisions: z.array(bilingualInput(5000)).max(100).default([]),
  note: optionalText(2000, { multiline: true }).optional(),
});
export type MinutesDraft = z.infer<typeof MinutesDraftSchema>;

export const MinutesAmendSchema = MinutesDraftSchema.extend({ version: VersionSchema });
export type MinutesAmend = z.infer<typeof MinutesAmendSchema>;

export const MinutesRevisionSchema = z.object({
  number: z.number().int(),
  body: BilingualTextSchema,
  decisions: z.array(BilingualTextSchema),
  note: z.string().nullable(),
  authorId: z.string().uuid(),
  createdAt: z.string(),
});
export type MinutesRevision = z.infer<typeof MinutesRevisionSchema>;

export const MinutesApprovalSchema = z.object({ revision: z.number().int(), side: SideCodeSchema, userId: z.string().uuid(), at: z.string() });
export type MinutesApproval = z.infer<typeof MinutesApprovalSchema>;

export const MinutesSchema = z.object({
  id: z.string().uuid(),
  roundId: z.string().uuid(),
  groupId: z.string().uuid(),
  status: MinutesStatusSchema,
  currentRevision: z.number().int(),
  /** The last revision both co-chairs approved, or null if none has been. */
  lockedRevision: z.number().int().nullable(),
  revision: MinutesRevisionSchema,
  /** Approvals of the current revision. */
  approvals: z.array(MinutesApprovalSchema),
  /** Sides whose co-chair has not yet approved the current revision. */
  awaitingSides: z.array(SideCodeSchema),
  /** Ids of decisions entered into the record from the locked revision. */
  decisionIds: z.array(z.string().uuid()),
  version: z.number().int(),
});
export type Minutes = z.infer<typeof MinutesSchema>;

export const ApproveMinutesSchema = z.object({ revision: int4(1) });
export type ApproveMinutes = z.infer<typeof ApproveMinutesSchema>;

export const CommentInputSchema = z.object({ body: textField(5000, { multiline: true }), revision: int4(1).optional() });
export type CommentInput = z.infer<typeof CommentInputSchema>;

export const MinutesCommentSchema = z.object({ id: z.string().uuid(), revision: z.number().int(), authorId: z.string().uuid(), body: z.string(), createdAt: z.string() });
export type MinutesComment = z.infer<typeof MinutesCommentSchema>;

export const DecisionSchema = z.object({
  id: z.string().uuid(),
  groupId: z.string().uuid(),
  minutesId: z.string().uuid(),
  revision: z.number().int(),
  ordinal: z.number().int(),
  text: BilingualTextSchema,
  recordedAt: z.string(),
});
export type Decision = z.infer<typeof DecisionSchema>;
