import type { BilingualStored, Convergence, RoundStatus } from '@qiao/contracts';
import { bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { workingGroups } from '../groups/group.schema.ts';
import { sides } from '../sides/side.schema.ts';
import { users } from '../users/user.schema.ts';

export const dialogueTracks = pgTable('dialogue_tracks', {
  id: uuid('id').primaryKey().defaultRandom(),
  groupId: uuid('group_id')
    .notNull()
    .references(() => workingGroups.id, { onDelete: 'cascade' }),
  title: jsonb('title').$type<BilingualStored>().notNull(),
  description: jsonb('description').$type<BilingualStored>(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const dialogueRounds = pgTable(
  'dialogue_rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trackId: uuid('track_id')
      .notNull()
      .references(() => dialogueTracks.id, { onDelete: 'cascade' }),
    groupId: uuid('group_id')
      .notNull()
      .references(() => workingGroups.id, { onDelete: 'cascade' }),
    title: jsonb('title').$type<BilingualStored>().notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    place: text('place'),
    onlineLink: text('online_link'),
    status: text('status').$type<RoundStatus>().notNull().default('planned'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('dialogue_rounds_track_idx').on(t.trackId)],
);

export const roundParticipants = pgTable(
  'round_participants',
  {
    roundId: uuid('round_id')
      .notNull()
      .references(() => dialogueRounds.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    side: text('side')
      .notNull()
      .references(() => sides.code),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.userId] })],
);

export const agendaItems = pgTable(
  'agenda_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => dialogueRounds.id, { onDelete: 'cascade' }),
    groupId: uuid('group_id')
      .notNull()
      .references(() => workingGroups.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: jsonb('title').$type<BilingualStored>().notNull(),
    description: jsonb('description').$type<BilingualStored>(),
    convergence: text('convergence').$type<Convergence>().notNull().default('open'),
  },
  (t) => [index('agenda_items_round_idx').on(t.roundId)],
);

/** One row per side per item; only members of that side in the group may write it. */
export const itemPositions = pgTable(
  'agenda_item_positions',
  {
    itemId: uuid('item_id')
      .notNull()
      .references(() => agendaItems.id, { onDelete: 'cascade' }),
    side: text('side')
      .notNull()
      .references(() => sides.code),
    position: jsonb('position').$type<BilingualStored>().notNull(),
    concerns: jsonb('concerns').$type<BilingualStored>(),
    updatedBy: uuid('updated_by')
      .notNull()
      .references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.side] })],
);

export const convergenceHistory = pgTable(
  'agenda_item_convergence_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => agendaItems.id, { onDelete: 'cascade' }),
    fromStatus: text('from_status').$type<Convergence>().notNull(),
    toStatus: text('to_status').$type<Convergence>().notNull(),
    note: text('note'),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('convergence_history_item_idx').on(t.itemId)],
);
