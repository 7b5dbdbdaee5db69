import { boolean, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/** One imported version of one list; the newest of a list is the one in force (`is_current`). */
export const screeningListVersions = pgTable(
  'screening_list_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    listId: text('list_id').notNull(),
    version: integer('version').notNull(),
    /** Issuing side (US, CN), `reference` or `unknown`: not a foreign key, lists exist beyond the sides. */
    side: text('side').notNull(),
    authority: text('authority').notNull(),
    title: text('title').notNull(),
    dataDate: text('data_date'),
    format: text('format', { enum: ['csl-csv', 'csl-json', 'ftm', 'ofac-legacy-csv'] }).notNull(),
    recordCount: integer('record_count').notNull(),
    checksum: text('checksum').notNull(),
    files: jsonb('files').$type<string[]>().notNull(),
    isCurrent: boolean('is_current').notNull().default(true),
    importedBy: uuid('imported_by'),
    importedByEmail: text('imported_by_email'),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('screening_list_versions_list_version').on(t.listId, t.version),
    // At most one version in force per list, even when two nodes import at once.
    uniqueIndex('screening_list_versions_current').on(t.listId).where(sql`${t.isCurrent}`),
  ],
);

/** Every record of a version, as a full snapshot, so any two versions can be diffed. */
export const screeningListRecords = pgTable(
  'screening_list_records',
  {
    versionId: uuid('version_id')
      .notNull()
      .references(() => screeningListVersions.id, { onDelete: 'cascade' }),
    recordId: text('record_id').notNull(),
    type: text('type').notNull(),
    name: text('name').notNull(),
    aliases: jsonb('aliases').$type<string[]>().notNull(),
    chineseNames: jsonb('chinese_names').$type<string[]>().notNull(),
    countries: jsonb('countries').$type<string[]>().notNull(),
    programs: jsonb('programs').$type<string[]>().notNull(),
    sourceUrl: text('source_url'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
    contentHash: text('content_hash').notNull(),
    materialHash: text('material_hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.recordId] })],
);

