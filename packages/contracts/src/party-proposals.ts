import { z } from 'zod';
import { PartyNameSchema } from './parties.ts';
import { ScreeningStatusSchema } from './screening.ts';
import { SideCodeSchema } from './sides.ts';
import { optionalText, textField, VersionSchema } from './text.ts';

export const PARTY_PROPOSAL_STATUSES = ['pending', 'accepted', 'rejected'] as const;
export const PartyProposalStatusSchema = z.enum(PARTY_PROPOSAL_STATUSES);
export type PartyProposalStatus = z.infer<typeof PartyProposalStatusSchema>;

export const ORGANIZATION_KINDS = ['university', 'institute', 'company', 'government', 'ngo', 'other'] as const;

/**
 * Any member proposes an organisation or a person for the directory; an admin or a compliance officer
 * of the proposed side accepts it (the party is then created and screened) or rejects it.
 */
export const PartyProposalInputSchema = z
  .object({
    kind: z.enum(['organization', 'person']),
    /** Names in every language known, e.g. English and simplified Chinese. */
    names: z.array(PartyNameSchema).min(1).max(8),
    side: SideCodeSchema,
    /** ISO 3166-1 alpha-2; required for an organisation. */
    country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code').optional(),
    /** The type of organisation; ignored for a person. */
    orgKind: z.enum(ORGANIZATION_KINDS).default('other'),
    reason: textField(2000, { multiline: true }),
  })
  .refine((p) => p.kind !== 'organization' || p.country !== undefined, { message: 'is required for an organisation', path: ['country'] });
export type PartyProposalInput = z.infer<typeof PartyProposalInputSchema>;

export const PartyProposalDecisionSchema = z.object({
  decision: z.enum(['accept', 'reject']),
  note: optionalText(2000, { multiline: true }).default(''),
  version: VersionSchema,
});
export type PartyProposalDecision = z.infer<typeof PartyProposalDecisionSchema>;

const UserRefSchema = z.object({ id: z.string().uuid(), displayName: z.string() });

export const PartyProposalSchema = z.object({
  id: z.string().uuid(),
  kind: z.enum(['organization', 'person']),
  names: z.array(PartyNameSchema),
  side: SideCodeSchema,
  country: z.string().nullable(),
  orgKind: z.enum(ORGANIZATION_KINDS).nullable(),
  reason: z.string(),
  status: PartyProposalStatusSchema,
  proposedBy: UserRefSchema,
  createdAt: z.string(),
  decidedBy: UserRefSchema.nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  /** The organisation or person created on acceptance. */
  partyId: z.string().uuid().nullable(),
  /** Its screening status right after acceptance. */
  screeningStatus: ScreeningStatusSchema.nullable(),
  version: z.number().int(),
});
export type PartyProposal = z.infer<typeof PartyProposalSchema>;

export const PartyProposalListQuerySchema = z.object({ status: PartyProposalStatusSchema.optional() });
export type PartyProposalListQuery = z.infer<typeof PartyProposalListQuerySchema>;
