import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** This node's outbound log: insert-only, hash-chained and signed with the node key. */
export const federationEvents = pgTable('federation_events', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  objectType: text('object_type').notNull(),
  objectId: text('object_id').notNull(),
  op: text('op').notNull(),
  /** Canonical JSON exactly as hashed and signed. */
  payload: text('payload').notNull(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
  signature: text('signature').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The head of the outbound log, one row; updating it locks it, so concurrent writers get dense sequences. */
export const federationHead = pgTable('federation_head', {
  id: integer('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
});

/** The peer's events this node accepted (verified), in the peer's order. */
export const federationPeerEvents = pgTable(
  'federation_peer_events',
  {
    origin: text('origin').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id').notNull(),
    op: text('op').notNull(),
    payload: text('payload').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    signature: text('signature').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    /** Null until applied: `applied`, `noop` (already so here) or `refused` (kept, never applied; see outcome_reason). */
    outcome: text('outcome').$type<'applied' | 'noop' | 'refused'>(),
    outcomeReason: text('outcome_reason'),
    appliedAt: timestamp('applied_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.origin, t.seq] })],
);

/** Events from the peer that failed verification, kept as evidence with the reason; never applied. */
export const federationRejectedEvents = pgTable(
  'federation_rejected_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    origin: text('origin'),
    seq: bigint('seq', { mode: 'number' }),
    event: jsonb('event').notNull(),
    reason: text('reason').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('federation_rejected_events_received_idx').on(t.receivedAt)],
);

/** Nonces of signed requests seen in the last minutes: a second use is a replay. */
export const federationNonces = pgTable('federation_nonces', {
  nonce: text('nonce').primaryKey(),
  seenAt: timestamp('seen_at', { withTimezone: true }).notNull(),
});

/** How far this node has pulled the peer's log, and how the last pull went. */
export const federationPeerState = pgTable('federation_peer_state', {
  side: text('side').primaryKey(),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
  lastHash: text('last_hash').notNull(),
  lastSyncAt: timestamp('last_sync_at', { withTimezone: true }),
  peerHeadSeq: bigint('peer_head_seq', { mode: 'number' }),
  lastError: text('last_error'),
  /** The last of the peer's accepted events that was applied here (or refused); later ones wait. */
  appliedSeq: bigint('applied_seq', { mode: 'number' }).notNull().default(0),
  /** Why the next event waits (a prerequisite not here yet), or null. */
  applyError: text('apply_error'),
});

/**
 * Objects on this node that came from the peer: their ids are the originating node's, so the mapping is
 * the identity; this says which rows are replicas, from which side, and the last event applied to each.
 */
export const federationReplicas = pgTable(
  'federation_replicas',
  {
    objectType: text('object_type').notNull(),
    objectId: text('object_id').notNull(),
    origin: text('origin').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    appliedAt: timestamp('applied_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.objectType, t.objectId] })],
);
