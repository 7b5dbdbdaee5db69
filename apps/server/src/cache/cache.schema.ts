import { bigint, pgTable, text } from 'drizzle-orm/pg-core';

/** One counter per cached topic, bumped at commit by triggers on the tables the topic reads (migration 0013). */
export const cacheTopics = pgTable('cache_topics', {
  topic: text('topic').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
});
