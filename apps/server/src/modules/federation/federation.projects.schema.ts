import { bigint, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

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
