import { and, asc, between, count, desc, eq, gt, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { jobs } from '../jobs/job.schema.ts';
import type { BatchInput } from './batch.csv.ts';
import { screeningBatchRows as rows, type BatchMatchRow } from './batch.schema.ts';

export type BatchRowRecord = typeof rows.$inferSelect;

const INSERT_CHUNK = 2000;

export async function insertBatchRows(tx: DbOrTx, jobId: string, inputs: readonly BatchInput[]): Promise<void> {
  for (let i = 0; i < inputs.length; i += INSERT_CHUNK) {
    await tx.insert(rows).values(inputs.slice(i, i + INSERT_CHUNK).map((r, j) => ({ jobId, row: i + j + 1, inputId: r.id, name: r.name, type: r.type, country: r.country })));
  }
}

/** The next rows without a result, in row order: where a new or resumed run continues. */
export async function pendingRows(db: DbOrTx, jobId: string, limit: number): Promise<BatchRowRecord[]> {
  return db
    .select()
    .from(rows)
    .where(and(eq(rows.jobId, jobId), isNull(rows.matches)))
    .orderBy(asc(rows.row))
    .limit(limit);
}

export async function countDone(db: DbOrTx, jobId: string): Promise<{ done: number; matched: number }> {
  const [d] = await db.select({ n: count() }).from(rows).where(and(eq(rows.jobId, jobId), isNotNull(rows.matches)));
  const [m] = await db.select({ n: count() }).from(rows).where(and(eq(rows.jobId, jobId), gt(rows.bestScore, 0)));
  return { done: d?.n ?? 0, matched: m?.n ?? 0 };
}

/**
 * Writes a chunk's results in one statement. Only rows still without a result are touched, so a
 * chunk written twice (a lease lost mid-commit) cannot overwrite or duplicate a finished row.
 */
export async function writeResults(tx: DbOrTx, jobId: string, attempt: number, results: readonly { row: number; matches: BatchMatchRow[] }[], at: Date): Promise<number> {
  if (results.length === 0) return 0;
  const lo = Math.min(...results.map((r) => r.row));
  const hi = Math.max(...results.map((r) => r.row));
  const data = JSON.stringify(results.map((r) => ({ row: r.row, matches: r.matches, best: r.matches[0]?.score ?? 0 })));
  const updated = await tx
    .update(rows)
    .set({ matches: sql`v.matches`, bestScore: sql`v.best`, attempt, doneAt: at })
    .from(sql`jsonb_to_recordset(${data}::jsonb) as v("row" int, matches jsonb, best real)`)
    // The row range lets the planner walk the primary key instead of scanning the job's rows per result.
    .where(and(eq(rows.jobId, jobId), between(rows.row, lo, hi), sql`${rows.row} = v."row"`, isNull(rows.matches)))
    .returning({ row: rows.row });
  return updated.length;
}

export async function resultRows(db: DbOrTx, jobId: string, q: { offset: number; limit: number; matchedOnly?: boolean }): Promise<BatchRowRecord[]> {
  return db
    .select()
    .from(rows)
    .where(and(eq(rows.jobId, jobId), q.matchedOnly ? gt(rows.bestScore, 0) : undefined))
    .orderBy(asc(rows.row))
    .offset(q.offset)
    .limit(q.limit);
}

/** One person's batch jobs, newest first. */
export async function userBatchJobs(db: DbOrTx, kind: string, userId: string, limit: number): Promise<(typeof jobs.$inferSelect)[]> {
  return db.select().from(jobs).where(and(eq(jobs.kind, kind), eq(jobs.createdBy, userId))).orderBy(desc(jobs.createdAt)).limit(limit);
}

/** Finished and matched row counts of several jobs in one query, for the list of past batches. */
export async function countDoneByJob(db: DbOrTx, jobIds: readonly string[]): Promise<Map<string, { done: number; matched: number }>> {
  const out = new Map<string, { done: number; matched: number }>();
  if (jobIds.length === 0) return out;
  const counted = await db
    .select({
      jobId: rows.jobId,
      done: sql<number>`count(*) filter (where ${rows.matches} is not null)`.mapWith(Number),
      matched: sql<number>`count(*) filter (where ${rows.bestScore} > 0)`.mapWith(Number),
    })
    .from(rows)
    .where(inArray(rows.jobId, [...jobIds]))
    .groupBy(rows.jobId);
  for (const c of counted) out.set(c.jobId, { done: c.done, matched: c.matched });
  return out;
}

/** Removes a batch job; its rows go with it (on delete cascade). */
export async function deleteBatchJob(tx: DbOrTx, jobId: string): Promise<void> {
  await tx.delete(jobs).where(eq(jobs.id, jobId));
}
