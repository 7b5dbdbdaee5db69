import { sql } from 'drizzle-orm';
import { check, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { ResyncResult } from './federation.resync.ts';

/**
 * One row (id 1, created by the migration): the fingerprint of the federation settings the node last
 * ran its initial sync under, when, and what that sync appended. Null until the first one succeeds.
 * Locking the row serialises the nodes that share the database at start-up.
 */
export const federationSettings = pgTable(
  'federation_settings',
  {
    id: integer('id').primaryKey(),
    fingerprint: text('fingerprint'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }),
    lastResult: jsonb('last_result').$type<ResyncResult>(),
  },
  (t) => [check('federation_settings_one_row', sql`${t.id} = 1`)],
);
