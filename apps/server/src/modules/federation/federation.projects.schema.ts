import { bigint, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Replicated objects whose payload the transfer guard withholds: on the exporting node, what it sent
 * as a stub (`direction` from this node); on the receiving node, the stub it got from the peer. A
 * later permitted verdict sends the payload and removes the row on both.
 */
export const federationWithheld = pgTable(
  'federation_withheld',
  {
    objectType: text('object_type').notNull(),
    objectId: text('object_id').notNull(),
    /** The side whose transfer review withheld it (the exporting side). */
    exporter: text('exporter').notNull(),
    direction: text('direction').notNull(),
    verdict: text('verdict').notNull(),
    /** The stub as sent: the review's reason and findings, both languages. */
    stub: jsonb('stub').$type<Record<string, unknown>>().notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** On the receiving node: the peer's event that carried the stub. */
    seq: bigint('seq', { mode: 'number' }),
  },
  (t) => [primaryKey({ columns: [t.objectType, t.objectId] })],
);

/**
 * People whose profile (display name and side) this node has sent to the peer in full, by calendar
 * year (UTC): the count the exporting side's transfer review of personal information takes (distinct
 * people since 1 January, cumulative). Written in the transaction that appends the event.
 */
export const federationPeopleSent = pgTable(
  'federation_people_sent',
  {
    year: integer('year').notNull(),
    personId: text('person_id').notNull(),
    /** The first event of the year that carried the profile. */
    seq: bigint('seq', { mode: 'number' }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.year, t.personId] })],
);
