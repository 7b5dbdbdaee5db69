import { withFlag, type Milestone } from '@qiao/contracts';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { milestones, results } from './action.schema.ts';

export type ResultRow = typeof results.$inferSelect;
type MilestoneRow = typeof milestones.$inferSelect;

export const toMilestone = (m: MilestoneRow): Milestone => ({ id: m.id, title: withFlag(m.title), dueDate: m.dueDate, doneAt: m.doneAt?.toISOString() ?? null, version: m.version });

export async function insertResult(tx: DbOrTx, values: typeof results.$inferInsert): Promise<ResultRow> {
  const [row] = await tx.insert(results).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function findResult(db: DbOrTx, id: string): Promise<ResultRow | undefined> {
  const [row] = await db.select().from(results).where(eq(results.id, id));
  return row;
}

export async function listResults(db: DbOrTx, groupId: string): Promise<ResultRow[]> {
  return db.select().from(results).where(eq(results.groupId, groupId)).orderBy(asc(results.createdAt));
}

export async function milestonesOf(db: DbOrTx, resultIds: string[]): Promise<MilestoneRow[]> {
  if (resultIds.length === 0) return [];
  return db.select().from(milestones).where(inArray(milestones.resultId, resultIds)).orderBy(asc(milestones.dueDate), asc(milestones.createdAt));
}

export async function insertMilestone(tx: DbOrTx, values: typeof milestones.$inferInsert): Promise<MilestoneRow> {
  const [row] = await tx.insert(milestones).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function findMilestone(db: DbOrTx, id: string): Promise<MilestoneRow | undefined> {
  const [row] = await db.select().from(milestones).where(eq(milestones.id, id));
  return row;
}

/** Compare-and-set on version: false when the milestone is no longer at `version`. */
export async function setMilestoneDone(tx: DbOrTx, id: string, version: number, doneAt: Date | null): Promise<boolean> {
  const rows = await tx
    .update(milestones)
    .set({ doneAt, version: version + 1 })
    .where(and(eq(milestones.id, id), eq(milestones.version, version)))
    .returning({ id: milestones.id });
  return rows.length > 0;
}
