import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { jobs } from './job.schema.ts';

export type JobRow = typeof jobs.$inferSelect;

export interface JobWrite {
  kind: string;
  payload: Record<string, unknown>;
  total?: number;
  createdBy?: string | null;
  runAfter: Date;
}

/** Enqueues inside the caller's transaction, so a job exists exactly when the write that needs it commits. */
export async function insertJob(tx: DbOrTx, job: JobWrite): Promise<JobRow> {
  const [row] = await tx
    .insert(jobs)
    .values({ kind: job.kind, payload: job.payload, total: job.total ?? 0, createdBy: job.createdBy ?? null, runAfter: job.runAfter })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function findJob(db: DbOrTx, id: string): Promise<JobRow | undefined> {
  const [row] = await db.select().from(jobs).where(eq(jobs.id, id));
  return row;
}

/**
 * Claims the oldest runnable job of the given kinds: queued ones, and running ones whose lease ran out
 * (their node died). `FOR UPDATE SKIP LOCKED` lets several nodes claim at once without taking the
 * same job or waiting on each other. Times come from the caller's clock so tests can move it.
 */
export async function claimJob(db: DbOrTx, kinds: readonly string[], workerId: string, now: Date, leaseMs: number): Promise<JobRow | undefined> {
  if (kinds.length === 0) return undefined;
  const until = new Date(now.getTime() + leaseMs);
  const kindList = sql.join(
    kinds.map((k) => sql`${k}`),
    sql`, `,
  );
  const nowIso = now.toISOString();
  const [row] = await db
    .update(jobs)
    .set({ status: 'running', lockedBy: workerId, lockedUntil: until, attempts: sql`${jobs.attempts} + 1`, startedAt: sql`coalesce(${jobs.startedAt}, ${nowIso}::timestamptz)` })
    .where(
      eq(
        jobs.id,
        sql`(select id from ${jobs} where ${jobs.kind} in (${kindList}) and ${jobs.runAfter} <= ${nowIso}::timestamptz
             and (${jobs.status} = 'queued' or (${jobs.status} = 'running' and ${jobs.lockedUntil} < ${nowIso}::timestamptz))
             order by ${jobs.createdAt}, ${jobs.id} limit 1 for update skip locked)`,
      ),
    )
    .returning();
  return row;
}

/**
 * Records progress and renews the lease, only while this worker still holds it. Returns false when the
 * lease was lost (another node took the job over): the caller must roll back what it was about to write.
 */
export async function renewLease(tx: DbOrTx, id: string, workerId: string, now: Date, leaseMs: number, progress?: number): Promise<boolean> {
  const rows = await tx
    .update(jobs)
    .set({ lockedUntil: new Date(now.getTime() + leaseMs), ...(progress === undefined ? {} : { progress }) })
    .where(and(eq(jobs.id, id), eq(jobs.lockedBy, workerId), eq(jobs.status, 'running')))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

export async function finishJob(db: DbOrTx, id: string, workerId: string, now: Date, outcome: { status: 'done' } | { status: 'failed'; error: string } | { status: 'queued'; error: string; runAfter: Date }): Promise<void> {
  await db
    .update(jobs)
    .set({
      status: outcome.status,
      lockedBy: null,
      lockedUntil: null,
      error: outcome.status === 'done' ? null : outcome.error,
      ...(outcome.status === 'queued' ? { runAfter: outcome.runAfter } : { finishedAt: now }),
    })
    .where(and(eq(jobs.id, id), eq(jobs.lockedBy, workerId)));
}

/** Gives a job back without counting the attempt, e.g. when its node shuts down cleanly. */
export async function releaseJob(db: DbOrTx, id: string, workerId: string): Promise<void> {
  await db
    .update(jobs)
    .set({ status: 'queued', lockedBy: null, lockedUntil: null, attempts: sql`greatest(${jobs.attempts} - 1, 0)` })
    .where(and(eq(jobs.id, id), eq(jobs.lockedBy, workerId)));
}

export async function setJobTotal(db: DbOrTx, id: string, total: number): Promise<void> {
  await db.update(jobs).set({ total }).where(eq(jobs.id, id));
}

/**
 * Puts back in the queue the running jobs of nodes that are gone, so they resume at once instead of
 * after their lease: every running job (`heldBy: 'anyone'`), or those whose `locked_by` starts with a
 * node's prefix. Attempts are kept: the interrupted run counts, so a job that keeps killing its node
 * still ends as failed.
 */
export async function requeueRunningJobs(db: DbOrTx, heldBy: 'anyone' | { prefix: string }): Promise<JobRow[]> {
  const held = heldBy === 'anyone' ? undefined : sql`left(${jobs.lockedBy}, ${heldBy.prefix.length}) = ${heldBy.prefix}`;
  return db
    .update(jobs)
    .set({ status: 'queued', lockedBy: null, lockedUntil: null })
    .where(and(eq(jobs.status, 'running'), held))
    .returning();
}
