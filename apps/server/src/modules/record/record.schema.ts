import type { RecordKind } from '@qiao/contracts';
import { bigint, index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';

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
  },
  (t) => [index('record_entries_group_idx').on(t.groupId)],
);
