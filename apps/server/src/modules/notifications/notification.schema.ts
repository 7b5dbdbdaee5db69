import type { InboxKind, InboxModule, MailDelivery } from '@qiao/contracts';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../users/user.schema.ts';

/**
 * What a notice's mail has come to: `new` (not looked at yet), `queued` (in the outbox), `digest`
 * (waits for the daily digest), `sent`, or `skipped` (mail off, or raised while the server sent no mail).
 */
export type MailState = 'new' | 'queued' | 'digest' | 'sent' | 'skipped';

export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<InboxKind>().notNull(),
    module: text('module').$type<InboxModule>().notNull().default('groups'),
    groupId: uuid('group_id'),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    /** The parameters the words are rendered from, in the reader's language at read time. */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** The object's page in the web app. */
    link: text('link').notNull().default(''),
    /** Raising the same notice twice (a reminder job run twice in a day) is a no-op through this key. */
    dedupeKey: text('dedupe_key').notNull(),
    mailState: text('mail_state').$type<MailState>().notNull().default('new'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('notifications_dedupe').on(t.userId, t.dedupeKey),
    index('notifications_user_idx').on(t.userId, t.createdAt),
    index('notifications_mail_idx').on(t.mailState, t.createdAt),
  ],
);

/** A user's choice of mail per kind; a kind without a row uses its default. */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<InboxKind>().notNull(),
    delivery: text('delivery').$type<MailDelivery>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

/**
 * Mail waiting to go out: one notice or one day's digest. Rendered when sent, in the recipient's
 * language. A failed send is tried again later with a growing pause, so a mail server that is down
 * delays mail and loses none.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['notice', 'digest'] }).notNull(),
    notificationIds: jsonb('notification_ids').$type<string[]>().notNull(),
    status: text('status', { enum: ['pending', 'sent'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('mail_outbox_due_idx').on(t.status, t.nextAttemptAt)],
);
