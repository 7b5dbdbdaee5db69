import type { BilingualStored, Creator, TransferCondition, TransferReview } from '@qiao/contracts';
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sides } from '../sides/side.schema.ts';
import { users } from '../users/user.schema.ts';

export const datasets = pgTable(
  'datasets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: jsonb('title').$type<BilingualStored>().notNull(),
    description: jsonb('description').$type<BilingualStored>().notNull(),
    creators: jsonb('creators').$type<Creator[]>().notNull(),
    subjects: jsonb('subjects').$type<string[]>().notNull(),
    temporalStart: text('temporal_start'),
    temporalEnd: text('temporal_end'),
    spatial: jsonb('spatial').$type<string[]>().notNull(),
    licence: text('licence').notNull(),
    relatedPublications: jsonb('related_publications').$type<{ title: string; identifier: string }[]>().notNull(),
    accessLevel: text('access_level', { enum: ['open', 'on_request', 'restricted', 'embargoed'] }).notNull(),
    embargoUntil: text('embargo_until'),
    side: text('side')
      .notNull()
      .references(() => sides.code),
    dataDeclaration: jsonb('data_declaration').$type<Record<string, unknown>>().notNull(),
    stewardId: uuid('steward_id').references(() => users.id, { onDelete: 'set null' }),
    isDemo: boolean('is_demo').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('datasets_side_idx').on(t.side), index('datasets_updated_idx').on(t.updatedAt.desc().nullsFirst(), t.id)],
);

/** A version is a draft while files are added, then published and never changed again. */
export const datasetVersions = pgTable(
  'dataset_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    datasetId: uuid('dataset_id')
      .notNull()
      .references(() => datasets.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    note: text('note').notNull().default(''),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('dataset_versions_number').on(t.datasetId, t.number)],
);

/** Files point at content-addressed blobs, so a new version can reuse a file without copying or altering it. */
export const datasetFiles = pgTable(
  'dataset_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => datasetVersions.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    contentType: text('content_type').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('dataset_files_name').on(t.versionId, t.name)],
);

export const accessRequests = pgTable(
  'access_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    datasetId: uuid('dataset_id')
      .notNull()
      .references(() => datasets.id, { onDelete: 'cascade' }),
    requesterId: uuid('requester_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose').notNull(),
    status: text('status', { enum: ['pending', 'granted', 'denied', 'withdrawn', 'revoked'] }).notNull(),
    transfer: jsonb('transfer').$type<TransferReview | null>(),
    conditions: jsonb('conditions').$type<(TransferCondition & { met: boolean; metBy: string | null; metAt: string | null; note: string })[]>().notNull(),
    decisionNote: text('decision_note').notNull().default(''),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    expiresAt: text('expires_at'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: text('revoked_by'),
    revokeNote: text('revoke_note').notNull().default(''),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('access_requests_dataset_idx').on(t.datasetId),
    index('access_requests_requester_idx').on(t.requesterId),
    // One pending request per person and dataset, however many arrive at once.
    uniqueIndex('access_requests_one_pending').on(t.datasetId, t.requesterId).where(sql`${t.status} = 'pending'`),
  ],
);

export const downloadLog = pgTable(
  'download_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    datasetId: uuid('dataset_id')
      .notNull()
      .references(() => datasets.id, { onDelete: 'cascade' }),
    fileId: uuid('file_id').notNull(),
    fileName: text('file_name').notNull(),
    versionNumber: integer('version_number').notNull(),
    userId: uuid('user_id'),
    userEmail: text('user_email'),
    userSide: text('user_side'),
    bytes: bigint('bytes', { mode: 'number' }).notNull(),
    range: text('range'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('download_log_dataset_idx').on(t.datasetId)],
);
