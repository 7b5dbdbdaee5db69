import type { PartyName, PartyProposalStatus, ScreeningStatus } from '@qiao/contracts';
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sides } from '../sides/side.schema.ts';
import { users } from '../users/user.schema.ts';

/** A member's proposal to add an organisation or a person to the directory, and its decision. */
export const partyProposals = pgTable(
  'party_proposals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: ['organization', 'person'] }).notNull(),
    names: jsonb('names').$type<PartyName[]>().notNull(),
    side: text('side')
      .notNull()
      .references(() => sides.code),
    country: text('country'),
    orgKind: text('org_kind', { enum: ['university', 'institute', 'company', 'government', 'ngo', 'other'] }),
    reason: text('reason').notNull(),
    status: text('status').$type<PartyProposalStatus>().notNull().default('pending'),
    proposedBy: uuid('proposed_by')
      .notNull()
      .references(() => users.id),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
    /** The organisation or person created on acceptance (either table, so no foreign key). */
    partyId: uuid('party_id'),
    screeningStatus: text('screening_status').$type<ScreeningStatus>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('party_proposals_status_idx').on(t.status, t.createdAt)],
);
