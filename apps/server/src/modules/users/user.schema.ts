import type { Role } from '@qiao/contracts';
import { boolean, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { people } from '../parties/party.schema.ts';
import { sides } from '../sides/side.schema.ts';

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull().unique(),
  displayName: text('display_name').notNull(),
  side: text('side')
    .notNull()
    .references(() => sides.code),
  /** scrypt hash in the form `scrypt$N$r$p$salt$hash` (base64url parts). */
  passwordHash: text('password_hash').notNull(),
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  locale: text('locale', { enum: ['en', 'zh'] })
    .notNull()
    .default('en'),
  personId: uuid('person_id').references(() => people.id, { onDelete: 'set null' }),
  isDemo: boolean('is_demo').notNull().default(false),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A role held for one side; the same user may hold several. */
export const roleGrants = pgTable(
  'role_grants',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').$type<Role>().notNull(),
    side: text('side')
      .notNull()
      .references(() => sides.code),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role, t.side] })],
);

export const invitations = pgTable('invitations', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** SHA-256 of the token; the token itself is shown once to the inviter and never stored. */
  tokenHash: text('token_hash').notNull().unique(),
  email: text('email').notNull(),
  side: text('side')
    .notNull()
    .references(() => sides.code),
  roles: jsonb('roles').$type<{ role: Role; side: string }[]>().notNull(),
  invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  acceptedAt: timestamp('accepted_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
