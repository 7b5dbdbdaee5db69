import { withFlag, type Decision, type MinutesApproval, type MinutesComment, type MinutesRevision } from '@qiao/contracts';
import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { decisions, minutes, minutesApprovals, minutesComments, minutesRevisions } from './minutes.schema.ts';

export type MinutesRow = typeof minutes.$inferSelect;
export type RevisionRow = typeof minutesRevisions.$inferSelect;

export function toRevision(r: RevisionRow): MinutesRevision {
  return { number: r.number, body: withFlag(r.body), decisions: r.decisions.map(withFlag), note: r.note, authorId: r.authorId, createdAt: r.createdAt.toISOString() };
}

export function toDecision(r: typeof decisions.$inferSelect): Decision {
  return { id: r.id, groupId: r.groupId, minutesId: r.minutesId, revision: r.revision, ordinal: r.ordinal, text: withFlag(r.text), recordedAt: r.recordedAt.toISOString() };
}

export async function findMinutes(db: DbOrTx, id: string, forUpdate = false): Promise<MinutesRow | undefined> {
  const q = db.select().from(minutes).where(eq(minutes.id, id));
  // Approvals and amendments take the row lock first, so two co-chairs approving at once both see
  // each other's approval and exactly one of them locks the minutes.
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

export async function findMinutesByRound(db: DbOrTx, roundId: string): Promise<MinutesRow | undefined> {
  const [row] = await db.select().from(minutes).where(eq(minutes.roundId, roundId));
  return row;
}

export async function insertMinutes(tx: DbOrTx, values: typeof minutes.$inferInsert): Promise<MinutesRow> {
  const [row] = await tx.insert(minutes).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** Compare-and-set on `version`; undefined when someone else changed the minutes first. */
export async function updateMinutes(tx: DbOrTx, id: string, version: number, values: Partial<typeof minutes.$inferInsert>): Promise<MinutesRow | undefined> {
  const [row] = await tx
    .update(minutes)
    .set({ ...values, version: version + 1 })
    .where(and(eq(minutes.id, id), eq(minutes.version, version)))
    .returning();
  return row;
}

export async function insertRevision(tx: DbOrTx, values: typeof minutesRevisions.$inferInsert): Promise<RevisionRow> {
  const [row] = await tx.insert(minutesRevisions).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function findRevision(db: DbOrTx, minutesId: string, number: number): Promise<RevisionRow | undefined> {
  const [row] = await db.select().from(minutesRevisions).where(and(eq(minutesRevisions.minutesId, minutesId), eq(minutesRevisions.number, number)));
  return row;
}

export async function listRevisions(db: DbOrTx, minutesId: string): Promise<RevisionRow[]> {
  return db.select().from(minutesRevisions).where(eq(minutesRevisions.minutesId, minutesId)).orderBy(asc(minutesRevisions.number));
}

export async function listApprovals(db: DbOrTx, minutesId: string, revision: number): Promise<MinutesApproval[]> {
  const rows = await db
    .select()
    .from(minutesApprovals)
    .where(and(eq(minutesApprovals.minutesId, minutesId), eq(minutesApprovals.revision, revision)))
    .orderBy(asc(minutesApprovals.side));
  return rows.map((r) => ({ revision: r.revision, side: r.side, userId: r.userId, at: r.at.toISOString() }));
}

export async function insertApproval(tx: DbOrTx, values: typeof minutesApprovals.$inferInsert): Promise<void> {
  await tx.insert(minutesApprovals).values(values);
}

export async function insertComment(tx: DbOrTx, values: typeof minutesComments.$inferInsert): Promise<MinutesComment> {
  const [row] = await tx.insert(minutesComments).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return { id: row.id, revision: row.revision, authorId: row.authorId, body: row.body, createdAt: row.createdAt.toISOString() };
}

export async function listComments(db: DbOrTx, minutesId: string): Promise<MinutesComment[]> {
  const rows = await db.select().from(minutesComments).where(eq(minutesComments.minutesId, minutesId)).orderBy(asc(minutesComments.createdAt), asc(minutesComments.id));
  return rows.map((row) => ({ id: row.id, revision: row.revision, authorId: row.authorId, body: row.body, createdAt: row.createdAt.toISOString() }));
}

export async function insertDecisions(tx: DbOrTx, values: (typeof decisions.$inferInsert)[]): Promise<Decision[]> {
  if (values.length === 0) return [];
  const rows = await tx.insert(decisions).values(values).returning();
  return rows.sort((a, b) => a.ordinal - b.ordinal).map(toDecision);
}

export async function listDecisions(db: DbOrTx, where: { minutesId?: string; groupId?: string; revision?: number }): Promise<Decision[]> {
  const rows = await db
    .select()
    .from(decisions)
    .where(
      and(
        where.minutesId ? eq(decisions.minutesId, where.minutesId) : undefined,
        where.groupId ? eq(decisions.groupId, where.groupId) : undefined,
        where.revision !== undefined ? eq(decisions.revision, where.revision) : undefined,
      ),
    )
    .orderBy(asc(decisions.recordedAt), asc(decisions.ordinal));
  return rows.map(toDecision);
}

export async function findDecision(db: DbOrTx, id: string): Promise<Decision | undefined> {
  const [row] = await db.select().from(decisions).where(eq(decisions.id, id));
  return row && toDecision(row);
}
