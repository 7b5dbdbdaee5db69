import type { CheckpointSignature, RecordHashVersion, RecordKind } from '@qiao/contracts';
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sides } from '../sides/side.schema.ts';

/**
 * The hash-chained record. Rows are only ever inserted (see record.repository.ts); `recorded_at` is
 * kept as the exact ISO string that went into the hash, so no database rounding can change it.
 */
export const recordEntries = pgTable(
  'record_entries',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    groupId: text('group_id').notNull(),
    kind: text('kind').$type<RecordKind>().notNull(),
    entityId: text('entity_id').notNull(),
    recordedAt: text('recorded_at').notNull(),
    content: jsonb('content').notNull(),
    contentHash: text('content_hash').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    hashVersion: integer('hash_version').$type<RecordHashVersion>().notNull().default(1),
  },
  (t) => [index('record_entries_group_idx').on(t.groupId)],
);

/** The record's head when a group's minutes were approved by every side, with each side's signature. */
export const recordCheckpoints = pgTable(
  'record_checkpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: text('group_id').notNull(),
    minutesId: text('minutes_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    headHash: text('head_hash').notNull(),
    // The exact ISO string that was signed, like record_entries.recorded_at.
    takenAt: text('taken_at').notNull(),
    sides: jsonb('sides').$type<string[]>().notNull(),
    signatures: jsonb('signatures').$type<CheckpointSignature[]>().notNull(),
  },
  (t) => [index('record_checkpoints_group_idx').on(t.groupId, t.seq)],
);

/**
 * One Ed25519 key pair per side, created on first use. Kept in the database so that every app node
 * on one PostgreSQL signs with the same key and PGlite needs nothing else; see record.keys.ts.
 */
export const recordSigningKeys = pgTable('record_signing_keys', {
  side: text('side')
    .primaryKey()
    .references(() => sides.code),
  publicKey: text('public_key').notNull(),
  privateKey: text('private_key').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
