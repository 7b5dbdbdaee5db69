import { z } from 'zod';
import { BilingualTextSchema, bilingualInput } from './bilingual.ts';
import { IsoDateTimeSchema } from './dates.ts';
import { SideCodeSchema } from './sides.ts';
import { int4, optionalText, textField, VersionSchema } from './text.ts';

export const TrackInputSchema = z.object({ title: bilingualInput(300, { multiline: false }), description: bilingualInput(5000).optional() });
export type TrackInput = z.infer<typeof TrackInputSchema>;

export const TrackSchema = z.object({
  id: z.string().uuid(),
  groupId: z.string().uuid(),
  title: BilingualTextSchema,
  description: BilingualTextSchema.nullable(),
  createdAt: z.string(),
});
export type Track = z.infer<typeof TrackSchema>;

export const ROUND_STATUSES = ['planned', 'held', 'closed'] as const;
export const RoundStatusSchema = z.enum(ROUND_STATUSES);
export type RoundStatus = z.infer<typeof RoundStatusSchema>;
export const ROUND_TRANSITIONS: Record<RoundStatus, readonly RoundStatus[]> = { planned: ['held', 'closed'], held: ['closed'], closed: [] };

const roundFields = {
  title: bilingualInput(300, { multiline: false }),
  startsAt: IsoDateTimeSchema,
  endsAt: IsoDateTimeSchema.optional(),
  place: textField(300).optional(),
  onlineLink: z.string().url().max(1000).optional(),
  /** Users taking part; each must be a member of the group. */
  participantIds: z.array(z.string().uuid()).max(200).default([]),
};

const endNotBeforeStart = (v: { startsAt?: string; endsAt?: string }) => !v.startsAt || !v.endsAt || Date.parse(v.endsAt) >= Date.parse(v.startsAt);
const endIssue = { message: 'must not be before startsAt', path: ['endsAt'] };

export const RoundInputSchema = z
  .object(roundFields)
  .refine(endNotBeforeStart, endIssue)
  .refine((v) => v.place !== undefined || v.onlineLink !== undefined, { message: 'give a place or an online link', path: ['place'] });
export type RoundInput = z.infer<typeof RoundInputSchema>;

export const RoundUpdateSchema = z
  .object({
    title: bilingualInput(300, { multiline: false }).optional(),
    startsAt: IsoDateTimeSchema.optional(),
    endsAt: IsoDateTimeSchema.nullable().optional(),
    place: textField(300).nullable().optional(),
    onlineLink: z.string().url().max(1000).nullable().optional(),
    participantIds: z.array(z.string().uuid()).max(200).optional(),
    status: RoundStatusSchema.optional(),
    version: VersionSchema,
  })
  .refine((v) => endNotBeforeStart({ startsAt: v.startsAt, endsAt: v.endsAt ?? undefined }), endIssue);
export type RoundUpdate = z.infer<typeof RoundUpdateSchema>;

export const ParticipantSchema = z.object({ userId: z.string().uuid(), displayName: z.string(), side: SideCodeSchema });

export const RoundSchema = z.object({
  id: z.string().uuid(),
  trackId: z.string().uuid(),
  groupId: z.string().uuid(),
  title: BilingualTextSchema,
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  place: z.string().nullable(),
  onlineLink: z.string().nullable(),
  status: RoundStatusSchema,
  participants: z.array(ParticipantSchema),
  version: z.number().int(),
});
export type Round = z.infer<typeof RoundSchema>;

export const CONVERGENCE = ['agreed', 'narrowing', 'open', 'parked'] as const;
export const ConvergenceSchema = z.enum(CONVERGENCE);
export type Convergence = z.infer<typeof ConvergenceSchema>;

export const AgendaItemInputSchema = z.object({ title: bilingualInput(300, { multiline: false }), description: bilingualInput(5000).optional(), position: int4(0).optional() });
export type AgendaItemInput = z.infer<typeof AgendaItemInputSchema>;

export const PositionInputSchema = z.object({
  position: bilingualInput(20_000),
  concerns: bilingualInput(20_000).optional(),
  /** The version read before editing; omit when writing a side's position for the first time. */
  version: VersionSchema.optional(),
});
export type PositionInput = z.infer<typeof PositionInputSchema>;

export const SidePositionSchema = z.object({
  side: SideCodeSchema,
  position: BilingualTextSchema,
  concerns: BilingualTextSchema.nullable(),
  updatedBy: z.string().uuid(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type SidePosition = z.infer<typeof SidePositionSchema>;

export const ConvergenceChangeInputSchema = z.object({ status: ConvergenceSchema, note: optionalText(2000, { multiline: true }).optional() });
export type ConvergenceChangeInput = z.infer<typeof ConvergenceChangeInputSchema>;

export const ConvergenceChangeSchema = z.object({
  from: ConvergenceSchema,
  to: ConvergenceSchema,
  note: z.string().nullable(),
  actorId: z.string().uuid(),
  at: z.string(),
});
export type ConvergenceChange = z.infer<typeof ConvergenceChangeSchema>;

export const AgendaItemSchema = z.object({
  id: z.string().uuid(),
  roundId: z.string().uuid(),
  position: z.number().int(),
  title: BilingualTextSchema,
  description: BilingualTextSchema.nullable(),
  convergence: ConvergenceSchema,
  positions: z.array(SidePositionSchema),
  history: z.array(ConvergenceChangeSchema),
});
export type AgendaItem = z.infer<typeof AgendaItemSchema>;

export const RoundDetailSchema = RoundSchema.extend({ agenda: z.array(AgendaItemSchema), minutesId: z.string().uuid().nullable() });
export type RoundDetail = z.infer<typeof RoundDetailSchema>;
