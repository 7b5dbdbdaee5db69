import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** The parties to the collaboration; US and CN are seeded by the first migration. */
export const sides = pgTable('sides', {
  code: text('code').primaryKey(),
  nameEn: text('name_en').notNull(),
  nameZh: text('name_zh').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
