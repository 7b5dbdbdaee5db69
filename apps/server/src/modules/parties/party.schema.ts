import type { PartyName } from '@qiao/contracts';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sides } from '../sides/side.schema.ts';

const common = {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Names in every language and script the party is known by; the screening engine reads all of them. */
  names: jsonb('names').$type<PartyName[]>().notNull(),
  side: text('side')
    .notNull()
    .references(() => sides.code),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  /** Optimistic concurrency: an update names the version it read and fails if someone wrote since. */
  version: integer('version').notNull().default(1),
};

export const organizations = pgTable(
  'organizations',
  {
    ...common,
    country: text('country').notNull(),
    kind: text('kind', { enum: ['university', 'institute', 'company', 'government', 'ngo', 'other'] }).notNull(),
    website: text('website'),
  },
  (t) => [index('organizations_side_idx').on(t.side)],
);

export const people = pgTable(
  'people',
  {
    ...common,
    affiliationId: uuid('affiliation_id').references(() => organizations.id, { onDelete: 'set null' }),
    email: text('email'),
  },
  (t) => [index('people_side_idx').on(t.side), index('people_affiliation_idx').on(t.affiliationId)],
);
