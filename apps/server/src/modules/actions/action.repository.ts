import { CLOSED_ACTION_STATUSES, withFlag, type ActionItem, type ActionOwner } from '@qiao/contracts';
import { and, asc, eq, inArray, lt, notInArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { actionItems, actionOwners } from './action.schema.ts';

type ActionRow = typeof actionItems.$inferSelect;
export type { ActionRow };

/** Overdue: the due day (UTC) is before today (UTC) and the action is not done or cancelled. */
export const isOverdue = (r: { dueDate: string; status: ActionItem['status'] }, today: string) => r.dueDate < today && !CLOSED_ACTION_STATUSES.includes(r.status);
export const utcDay = (d: Date) => d.toISOString().slice(0, 10);

async function withOwners(db: DbOrTx, rows: ActionRow[], today: string): Promise<ActionItem[]> {
  if (rows.length === 0) return [];
  const owners = await db
    .select()
    .from(actionOwners)
    .where(
      inArray(
        actionOwners.actionId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(actionOwners.side));
  return rows.map((r) => ({
    id: r.id,
    groupId: r.groupId,
    decisionId: r.decisionId,
    resultId: r.resultId,
    title: withFlag(r.title),
    owners: owners.filter((o) => o.actionId === r.id).map((o) => ({ side: o.side, userId: o.userId })),
    dueDate: r.dueDate,
    status: r.status,
    overdue: isOverdue(r, today),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    version: r.version,
  }));
}

export async function findAction(db: DbOrTx, id: string, today: string): Promise<ActionItem | undefined> {
  const rows = await db.select().from(actionItems).where(eq(actionItems.id, id));
  return (await withOwners(db, rows, today))[0];
}

export async function listActions(db: DbOrTx, where: { groupId?: string; resultId?: string; ownerId?: string; overdueOn?: string }, today: string): Promise<ActionItem[]> {
  const owned = where.ownerId ? db.select({ id: actionOwners.actionId }).from(actionOwners).where(eq(actionOwners.userId, where.ownerId)) : undefined;
  const rows = await db
    .select()
    .from(actionItems)
    .where(
      and(
        where.groupId ? eq(actionItems.groupId, where.groupId) : undefined,
        where.resultId ? eq(actionItems.resultId, where.resultId) : undefined,
        owned ? inArray(actionItems.id, owned) : undefined,
        where.overdueOn ? and(lt(actionItems.dueDate, where.overdueOn), notInArray(actionItems.status, [...CLOSED_ACTION_STATUSES])) : undefined,
      ),
    )
    .orderBy(asc(actionItems.dueDate), asc(actionItems.createdAt));
  return withOwners(db, rows, today);
}

export async function insertAction(tx: DbOrTx, values: typeof actionItems.$inferInsert, owners: ActionOwner[], today: string): Promise<ActionItem> {
  const [row] = await tx.insert(actionItems).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  await tx.insert(actionOwners).values(owners.map((o) => ({ ...o, actionId: row.id })));
  return (await withOwners(tx, [row], today))[0] as ActionItem;
}

export async function updateAction(tx: DbOrTx, id: string, version: number, values: Partial<typeof actionItems.$inferInsert>, owners: ActionOwner[] | undefined, today: string): Promise<ActionItem | undefined> {
  const [row] = await tx
    .update(actionItems)
    .set({ ...values, version: version + 1 })
    .where(and(eq(actionItems.id, id), eq(actionItems.version, version)))
    .returning();
  if (!row) return undefined;
  if (owners) {
    await tx.delete(actionOwners).where(eq(actionOwners.actionId, id));
    await tx.insert(actionOwners).values(owners.map((o) => ({ ...o, actionId: id })));
  }
  return (await withOwners(tx, [row], today))[0];
}
