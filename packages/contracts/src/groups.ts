import { z } from 'zod';
import { BilingualTextSchema, bilingualInput } from './bilingual.ts';
import { SideCodeSchema } from './sides.ts';
import { optionalText, textField, VersionSchema } from './text.ts';

export const GROUP_STATUSES = ['proposed', 'active', 'paused', 'closed'] as const;
export const GroupStatusSchema = z.enum(GROUP_STATUSES);
export type GroupStatus = z.infer<typeof GroupStatusSchema>;

/** Workflow as data: the statuses a group may move to from each status. */
export const GROUP_TRANSITIONS: Record<GroupStatus, readonly GroupStatus[]> = {
  proposed: ['active', 'closed'],
  active: ['paused', 'closed'],
  paused: ['active', 'closed'],
  closed: [],
};

export const MEMBER_ROLES = ['co_chair', 'member', 'observer'] as const;
export const MemberRoleSchema = z.enum(MEMBER_ROLES);
export type MemberRole = z.infer<typeof MemberRoleSchema>;

export const GroupInputSchema = z.object({
  name: bilingualInput(300, { multiline: false }),
  charter: bilingualInput(20_000),
  technologyArea: textField(120),
  /** The sides that must each have a co-chair; US and CN unless the group is multilateral. */
  sides: z.array(SideCodeSchema).min(2).max(6).default(['US', 'CN']),
});
export type GroupInput = z.infer<typeof GroupInputSchema>;

export const GroupUpdateSchema = z.object({
  name: bilingualInput(300, { multiline: false }).optional(),
  charter: bilingualInput(20_000).optional(),
  technologyArea: textField(120).optional(),
  version: VersionSchema,
});
export type GroupUpdate = z.infer<typeof GroupUpdateSchema>;

export const GroupStatusChangeSchema = z.object({ status: GroupStatusSchema, version: VersionSchema });
export type GroupStatusChange = z.infer<typeof GroupStatusChangeSchema>;

export const GroupMemberSchema = z.object({
  userId: z.string().uuid(),
  displayName: z.string(),
  email: z.string(),
  side: SideCodeSchema,
  role: MemberRoleSchema,
  joinedAt: z.string(),
});
export type GroupMember = z.infer<typeof GroupMemberSchema>;

export const GroupSchema = z.object({
  id: z.string().uuid(),
  name: BilingualTextSchema,
  charter: BilingualTextSchema,
  technologyArea: z.string(),
  status: GroupStatusSchema,
  sides: z.array(SideCodeSchema),
  /** One per side once appointed; a side without one is missing from this map. */
  coChairs: z.record(z.string(), z.string().uuid()),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Group = z.infer<typeof GroupSchema>;

export const GroupDetailSchema = GroupSchema.extend({ members: z.array(GroupMemberSchema) });
export type GroupDetail = z.infer<typeof GroupDetailSchema>;

export const AppointCoChairSchema = z.object({ userId: z.string().uuid() });
export type AppointCoChair = z.infer<typeof AppointCoChairSchema>;

export const JoinRequestInputSchema = z.object({
  role: z.enum(['member', 'observer']).default('member'),
  message: optionalText(2000, { multiline: true }).optional(),
});
export type JoinRequestInput = z.infer<typeof JoinRequestInputSchema>;

export const JoinRequestSchema = z.object({
  id: z.string().uuid(),
  groupId: z.string().uuid(),
  userId: z.string().uuid(),
  side: SideCodeSchema,
  role: z.enum(['member', 'observer']),
  message: z.string().nullable(),
  status: z.enum(['pending', 'approved', 'declined']),
  decidedBy: z.string().uuid().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type JoinRequest = z.infer<typeof JoinRequestSchema>;

/** A join request as co-chairs read it: with the requester's name, so nobody decides on an id. */
export const JoinRequestListItemSchema = JoinRequestSchema.extend({ requesterName: z.string() });
export type JoinRequestListItem = z.infer<typeof JoinRequestListItemSchema>;

export const JoinDecisionSchema = z.object({ decision: z.enum(['approve', 'decline']) });
export type JoinDecision = z.infer<typeof JoinDecisionSchema>;

export const GroupListQuerySchema = z.object({
  status: GroupStatusSchema.optional(),
  /** `true`: only groups the caller belongs to (any role). */
  mine: z.enum(['true', 'false']).optional().transform((v) => v === 'true'),
});
export type GroupListQuery = z.infer<typeof GroupListQuerySchema>;
