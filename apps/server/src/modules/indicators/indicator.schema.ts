import type { IndicatorSeriesInput, IndicatorSource, IndicatorValue } from '@qiao/contracts';
import { integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** A curated series: values live in the row, so an edit replaces them atomically under one version. */
export const indicatorSeries = pgTable('indicator_series', {
  id: text('id').primaryKey(),
  nameEn: text('name_en').notNull(),
  nameZh: text('name_zh').notNull(),
  unitEn: text('unit_en').notNull(),
  unitZh: text('unit_zh').notNull(),
  chart: text('chart', { enum: ['line', 'bar', 'stacked-bar'] }).notNull(),
  source: jsonb('source').$type<IndicatorSource>().notNull(),
  notesEn: text('notes_en').notNull().default(''),
  notesZh: text('notes_zh').notNull().default(''),
  values: jsonb('values').$type<IndicatorValue[]>().notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Every version a series has had, so earlier values stay visible after an edit. */
export const indicatorRevisions = pgTable(
  'indicator_revisions',
  {
    seriesId: text('series_id')
      .notNull()
      .references(() => indicatorSeries.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorEmail: text('actor_email'),
    snapshot: jsonb('snapshot').$type<IndicatorSeriesInput>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.seriesId, t.version] })],
);
