import type { BilingualStored, DataFlow, ProjectChecks, ProjectPartyInput, ProjectStatus } from '@qiao/contracts';
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { workingGroups } from '../groups/group.schema.ts';
import { users } from '../users/user.schema.ts';

export interface ReviewRow {
  side: string;
  decision: 'cleared' | 'blocked';
  reason: string;
  reviewer: string;
  at: string;
  checksRunAt: string;
}
export interface SignOffRow {
  side: string;
  coChair: string;
  at: string;
  checksRunAt: string;
}

/**
 * What the proposing node's directory says of a party, sent with a replicated proposal so the peer can
 * show it (the directory is not replicated): side and English name, an organisation's names, and for a
 * person the outcome of the exporting side's review of people's profiles (a withheld one has the
 * neutral name only).
 */
export interface PartyProfile {
  side: string;
  name: string;
  names?: { lang: string; value: string }[];
  withheld?: boolean;
  transfer?: Record<string, unknown>;
}

export type StoredProjectParty = ProjectPartyInput & { profile?: PartyProfile | null };

export const projects = pgTable(
  'projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => workingGroups.id),
    title: jsonb('title').$type<BilingualStored>().notNull(),
    abstract: jsonb('abstract').$type<BilingualStored>().notNull(),
    technologyArea: text('technology_area').notNull(),
    keywords: jsonb('keywords').$type<string[]>().notNull(),
    /**
     * Party references; the screening listener finds a party's projects with jsonb containment. A
     * proposal from the peer's node also keeps, per party, what that node's directory said of it.
     */
    parties: jsonb('parties').$type<StoredProjectParty[]>().notNull(),
    dataPlan: jsonb('data_plan').$type<DataFlow[]>().notNull(),
    budget: jsonb('budget').$type<{ side: string; item: string; amount: number; currency: string }[]>().notNull(),
    status: text('status').$type<ProjectStatus>().notNull().default('draft'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    /** The latest pre-checks; reviews and sign-offs name the run they were made on. */
    checks: jsonb('checks').$type<ProjectChecks | null>(),
    reviews: jsonb('reviews').$type<ReviewRow[]>().notNull().default([]),
    signOffs: jsonb('sign_offs').$type<SignOffRow[]>().notNull().default([]),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('projects_group_idx').on(t.groupId), index('projects_status_idx').on(t.status), index('projects_updated_idx').on(t.updatedAt.desc().nullsFirst(), t.id)],
);

/** The project's history: every transition, review and sign-off, in order. */
export const projectEvents = pgTable(
  'project_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actor: text('actor'),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    reason: text('reason').notNull().default(''),
  },
  (t) => [index('project_events_project_idx').on(t.projectId)],
);
