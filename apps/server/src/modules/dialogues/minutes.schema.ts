import type { BilingualStored, MinutesStatus } from '@qiao/contracts';
import { integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { workingGroups } from '../groups/group.schema.ts';
import { sides } from '../sides/side.schema.ts';
import { users } from '../users/user.schema.ts';
import { dialogueRounds } from './dialogue.schema.ts';

export const minutes = pgTable('minutes', {
  id: uuid('id').primaryKey().defaultRandom(),
  roundId: uuid('round_id')
    .notNull()
    .unique()
    .references(() => dialogueRounds.id, { onDelete: 'cascade' }),
  groupId: uuid('group_id')
    .notNull()
    .references(() => workingGroups.id, { onDelete: 'cascade' }),
  status: text('status').$type<MinutesStatus>().notNull().default('draft'),
  currentRevision: integer('current_revision').notNull().default(1),
  lockedRevision: integer('locked_revision'),
  version: integer('version').notNull().default(1),
});

/** Every revision is kept; an amendment adds one and never rewrites an older one. */
export const minutesRevisions = pgTable(
  'minutes_revisions',
  {
    minutesId: uuid('minutes_id')
      .notNull()
      .references(() => minutes.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    body: jsonb('body').$type<BilingualStored>().notNull(),
    decisions: jsonb('decisions').$type<BilingualStored[]>().notNull(),
    note: text('note'),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.minutesId, t.number] })],
);

/** An approval names the revision it approves, so a later amendment is not covered by it. */
export const minutesApprovals = pgTable(
  'minutes_approvals',
  {
    minutesId: uuid('minutes_id')
      .notNull()
      .references(() => minutes.id, { onDelete: 'cascade' }),
    revision: integer('revision').notNull(),
    side: text('side')
      .notNull()
      .references(() => sides.code),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.minutesId, t.revision, t.side] })],
);

export const minutesComments = pgTable('minutes_comments', {
  id: uuid('id').primaryKey().defaultRandom(),
  minutesId: uuid('minutes_id')
    .notNull()
    .references(() => minutes.id, { onDelete: 'cascade' }),
  revision: integer('revision').notNull(),
  authorId: uuid('author_id')
    .notNull()
    .references(() => users.id),
  body: text('body').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Decisions of a locked revision, one row each; action items hang off them. */
export const decisions = pgTable(
  'decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => workingGroups.id, { onDelete: 'cascade' }),
    minutesId: uuid('minutes_id')
      .notNull()
      .references(() => minutes.id, { onDelete: 'cascade' }),
    revision: integer('revision').notNull(),
    ordinal: integer('ordinal').notNull(),
    text: jsonb('text').$type<BilingualStored>().notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('decisions_minutes_revision_ordinal').on(t.minutesId, t.revision, t.ordinal)],
);
