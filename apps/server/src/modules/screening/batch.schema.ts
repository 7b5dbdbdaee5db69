import { integer, jsonb, pgTable, primaryKey, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { jobs } from '../jobs/job.schema.ts';

export interface BatchMatchRow {
  listId: string;
  recordId: string;
  name: string;
  entityName: string;
  score: number;
  programs: string[];
}

/**
 * The rows of a batch job: written when the CSV is accepted, then filled with results chunk by chunk.
 * A row with `matches` set is finished; a resumed job starts at the first unfinished row.
 */
export const screeningBatchRows = pgTable(
  'screening_batch_rows',
  {
    jobId: uuid('job_id')
      .notNull()
      .references(() => jobs.id, { onDelete: 'cascade' }),
    row: integer('row').notNull(),
    inputId: text('input_id'),
    name: text('name').notNull(),
    type: text('type'),
    country: text('country'),
    matches: jsonb('matches').$type<BatchMatchRow[]>(),
    bestScore: real('best_score'),
    /** The job attempt that wrote the result: shows that a resumed job did not redo finished rows. */
    attempt: integer('attempt'),
    doneAt: timestamp('done_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.row] })],
);
