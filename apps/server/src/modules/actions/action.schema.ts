import type { ActionStatus, BilingualStored } from '@qiao/contracts';
import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { decisions } from '../dialogues/minutes.schema.ts';
import { workingGroups } from '../groups/group.schema.ts';
import { sides } from '../sides/side.schema.ts';
import { users } from '../users/user.schema.ts';

export const results = pgTable('results', {
  id: uuid('id').primaryKey().defaultRandom(),
  groupId: uuid('group_id')
    .notNull()
    .references(() => workingGroups.id, { onDelete: 'cascade' }),
  title: jsonb('title').$type<BilingualStored>().notNull(),
  description: jsonb('description').$type<BilingualStored>(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const milestones = pgTable('result_milestones', {
  id: uuid('id').primaryKey().defaultRandom(),
  resultId: uuid('result_id')
    .notNull()
    .references(() => results.id, { onDelete: 'cascade' }),
  title: jsonb('title').$type<BilingualStored>().notNull(),
  dueDate: date('due_date', { mode: 'string' }),
  doneAt: timestamp('done_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /** Raised by every change; a change made on an older version is refused, here and on the peer node. */
  version: integer('version').notNull().default(1),
});

export const actionItems = pgTable(
  'action_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => workingGroups.id, { onDelete: 'cascade' }),
    decisionId: uuid('decision_id')
      .notNull()
      .references(() => decisions.id),
    resultId: uuid('result_id').references(() => results.id, { onDelete: 'set null' }),
    title: jsonb('title').$type<BilingualStored>().notNull(),
    /** A UTC calendar day; overdue once today (UTC) is past it. */
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    status: text('status').$type<ActionStatus>().notNull().default('open'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('action_items_group_idx').on(t.groupId), index('action_items_due_idx').on(t.dueDate)],
);

export const actionOwners = pgTable(
  'action_owners',
  {
    actionId: uuid('action_id')
      .notNull()
      .references(() => actionItems.id, { onDelete: 'cascade' }),
    side: text('side')
      .notNull()
      .references(() => sides.code),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.actionId, t.side] }), index('action_owners_user_idx').on(t.userId)],
);
