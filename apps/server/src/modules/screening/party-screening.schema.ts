import { date, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { ExplanationItem } from '@qiao/contracts';

/** When each party was last screened in full, and against which of its versions (names change). */
export const screeningPartyScreenings = pgTable('screening_party_screenings', {
  partyId: uuid('party_id').primaryKey(),
  partyKind: text('party_kind', { enum: ['organization', 'person'] }).notNull(),
  /** The party row's `version` screened; a newer one makes the screening stale. */
  partyVersion: integer('party_version').notNull(),
  screenedAt: timestamp('screened_at', { withTimezone: true }).notNull(),
});

/** A party's current hits: list records it matches at or above the threshold. */
export const screeningPartyHits = pgTable(
  'screening_party_hits',
  {
    partyId: uuid('party_id').notNull(),
    partyKind: text('party_kind', { enum: ['organization', 'person'] }).notNull(),
    listId: text('list_id').notNull(),
    recordId: text('record_id').notNull(),
    versionId: uuid('version_id').notNull(),
    partyName: text('party_name').notNull(),
    name: text('name').notNull(),
    entityName: text('entity_name').notNull(),
    score: real('score').notNull(),
    programs: jsonb('programs').$type<string[]>().notNull(),
    explanation: jsonb('explanation').$type<ExplanationItem[]>().notNull(),
    /** The record's material hash when last matched; a different one on re-screening is a changed hit. */
    materialHash: text('material_hash').notNull(),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.partyId, t.listId, t.recordId] }), index('screening_party_hits_list').on(t.listId, t.recordId)],
);

/** Decisions on hits, append-only: the newest per (party, list, record, deciding side) is the one that may apply for that side. */
export const screeningDecisions = pgTable(
  'screening_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partyId: uuid('party_id').notNull(),
    partyKind: text('party_kind', { enum: ['organization', 'person'] }).notNull(),
    /** The party's side when the decision was made. */
    side: text('side').notNull(),
    /** The deciding officer's side: the decision answers this side's concern (status, flags, alerts) only. */
    decidedBySide: text('decided_by_side').notNull(),
    listId: text('list_id').notNull(),
    recordId: text('record_id').notNull(),
    decision: text('decision', { enum: ['false_positive', 'true_match'] }).notNull(),
    reason: text('reason').notNull(),
    /** Last day (UTC) the decision applies; null: until the record changes materially. */
    expiresOn: date('expires_on', { mode: 'string' }),
    materialHash: text('material_hash').notNull(),
    decidedBy: uuid('decided_by'),
    decidedByEmail: text('decided_by_email'),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('screening_decisions_hit').on(t.partyId, t.listId, t.recordId, t.decidedAt), index('screening_decisions_side_hit').on(t.partyId, t.decidedBySide, t.listId, t.recordId)],
);

/** New or changed hits found by re-screening after a list import, for the party side's officers. */
export const screeningAlerts = pgTable(
  'screening_alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partyId: uuid('party_id').notNull(),
    partyKind: text('party_kind', { enum: ['organization', 'person'] }).notNull(),
    partyName: text('party_name').notNull(),
    side: text('side').notNull(),
    listId: text('list_id').notNull(),
    recordId: text('record_id').notNull(),
    versionId: uuid('version_id').notNull(),
    reason: text('reason', { enum: ['new_hit', 'changed_hit'] }).notNull(),
    score: real('score').notNull(),
    matchedName: text('matched_name').notNull(),
    entityName: text('entity_name').notNull(),
    status: text('status', { enum: ['open', 'acknowledged', 'resolved'] })
      .notNull()
      .default('open'),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedBy: text('acknowledged_by'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: text('resolved_by'),
  },
  (t) => [
    // A re-run of the same re-screening job raises nothing twice.
    uniqueIndex('screening_alerts_once').on(t.partyId, t.listId, t.recordId, t.versionId),
    index('screening_alerts_side_status').on(t.side, t.status, t.createdAt),
  ],
);
