import { bigint, index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/**
 * Statements over one working group's record (group, length, head hash, time), each signed by the
 * node that took it and co-signed by the other node once its own copy matches. A row with both
 * signatures is a co-signed, final checkpoint. See federation.checkpoints.ts and docs/FEDERATION.md.
 */
export const federationCheckpoints = pgTable(
  'federation_checkpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The side of the node that took the checkpoint (and signed first). */
    origin: text('origin').notNull(),
    groupId: text('group_id').notNull(),
    length: bigint('length', { mode: 'number' }).notNull(),
    headHash: text('head_hash').notNull(),
    takenAt: text('taken_at').notNull(),
    /** The canonical JSON exactly as signed; the columns above repeat it for queries. */
    statement: text('statement').notNull(),
    usSignature: text('us_signature'),
    cnSignature: text('cn_signature'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('federation_checkpoints_statement_unique').on(t.statement), index('federation_checkpoints_group_idx').on(t.groupId, t.length)],
);

/** Checkpoints from the peer this node would not co-sign or keep, with the reason. */
export const federationCheckpointRefusals = pgTable(
  'federation_checkpoint_refusals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    origin: text('origin'),
    statement: text('statement').notNull(),
    reason: text('reason').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('federation_checkpoint_refusals_received_idx').on(t.receivedAt)],
);
