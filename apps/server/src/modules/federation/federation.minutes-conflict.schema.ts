import type { BilingualStored } from '@qiao/contracts';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { minutes } from '../dialogues/minutes.schema.ts';
import { users } from '../users/user.schema.ts';

export interface ConflictApproval {
  side: string;
  userId: string;
  at: string;
}

/**
 * Minutes revisions that lost to a concurrent revision of the same number written on the other node
 * (or that were written on top of one that lost). Kept with their text so the author can read them
 * and re-apply them on top of the revision that stands; approvals given to them are kept here and
 * never count. Keyed by the revision's hash, which both nodes compute alike.
 */
export const minutesRevisionConflicts = pgTable(
  'minutes_revision_conflicts',
  {
    minutesId: uuid('minutes_id')
      .notNull()
      .references(() => minutes.id, { onDelete: 'cascade' }),
    hash: text('hash').notNull(),
    number: integer('number').notNull(),
    baseHash: text('base_hash').notNull(),
    /** The side of the node where the revision was written. */
    origin: text('origin').notNull(),
    body: jsonb('body').$type<BilingualStored>().notNull(),
    decisions: jsonb('decisions').$type<BilingualStored[]>().notNull(),
    note: text('note'),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** Hash of the revision it lost to; null when it was written on top of a revision that lost. */
    lostTo: text('lost_to'),
    reason: text('reason').notNull(),
    approvals: jsonb('approvals').$type<ConflictApproval[]>().notNull().default([]),
    /** The revision number its text was re-applied as, once its author did. */
    reappliedAs: integer('reapplied_as'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.minutesId, t.hash] }), index('minutes_revision_conflicts_author_idx').on(t.authorId)],
);
