import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Changes of a versioned object (working group, round, action item, milestone) that lost to a change of
 * the same version made on the other node at the same time. Both nodes order the two alike and keep the
 * loser with the same key, so each node's admins, and the group's members, see the same list on both.
 */
export const federationConcurrentEdits = pgTable(
  'federation_concurrent_edits',
  {
    objectType: text('object_type').notNull(),
    objectId: text('object_id').notNull(),
    /** SHA-256 (hex) of the losing change's canonical payload, as both nodes hold it. */
    hash: text('hash').notNull(),
    version: integer('version').notNull(),
    groupId: text('group_id').notNull(),
    /** The side of the node where the losing change was made. */
    origin: text('origin').notNull(),
    /** The losing change's payload (the object's state as that node sent it). */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** Hash of the change that stands, and the side of the node where it was made. */
    lostTo: text('lost_to').notNull(),
    winnerOrigin: text('winner_origin').notNull(),
    reason: text('reason').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.objectType, t.objectId, t.hash] }), index('federation_concurrent_edits_group_idx').on(t.groupId)],
);
