import type { BilingualStored, GroupStatus, MemberRole } from '@qiao/contracts';
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sides } from '../sides/side.schema.ts';
import { users } from '../users/user.schema.ts';

export const workingGroups = pgTable('working_groups', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: jsonb('name').$type<BilingualStored>().notNull(),
  charter: jsonb('charter').$type<BilingualStored>().notNull(),
  technologyArea: text('technology_area').notNull(),
  status: text('status').$type<GroupStatus>().notNull().default('proposed'),
  /** Sides that must each have exactly one co-chair before the group can be active. */
  sides: jsonb('sides').$type<string[]>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

export const groupMembers = pgTable(
  'group_members',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => workingGroups.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Copied from the user when they join: a member acts for the side they joined for. */
    side: text('side')
      .notNull()
      .references(() => sides.code),
    role: text('role').$type<MemberRole>().notNull(),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('group_members_pk').on(t.groupId, t.userId),
    // Parity held by the database too: two concurrent appointments cannot both land.
    uniqueIndex('group_members_one_co_chair_per_side').on(t.groupId, t.side).where(sql`${t.role} = 'co_chair'`),
    index('group_members_user_idx').on(t.userId),
  ],
);

export const joinRequests = pgTable(
  'group_join_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => workingGroups.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    side: text('side')
      .notNull()
      .references(() => sides.code),
    role: text('role').$type<'member' | 'observer'>().notNull(),
    message: text('message'),
    status: text('status').$type<'pending' | 'approved' | 'declined'>().notNull().default('pending'),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('group_join_requests_one_pending').on(t.groupId, t.userId).where(sql`${t.status} = 'pending'`)],
);
