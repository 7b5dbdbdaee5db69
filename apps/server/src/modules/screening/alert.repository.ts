import type { Alert } from '@qiao/contracts';
import { and, count, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { screeningAlerts as alerts } from './party-screening.schema.ts';

export type AlertRow = typeof alerts.$inferSelect;

export function toAlert(r: AlertRow): Alert {
  return {
    ...r,
    createdAt: r.createdAt.toISOString(),
    acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
  };
}

/** Raises alerts; the same (party, record, version) is raised once however often the job runs. */
export async function insertAlerts(tx: DbOrTx, rows: (typeof alerts.$inferInsert)[]): Promise<AlertRow[]> {
  if (rows.length === 0) return [];
  return tx.insert(alerts).values(rows).onConflictDoNothing().returning();
}

export async function listAlerts(db: DbOrTx, sides: readonly string[], q: { status?: Alert['status']; listId?: string; partyId?: string; limit: number }): Promise<AlertRow[]> {
  if (sides.length === 0) return [];
  return db
    .select()
    .from(alerts)
    .where(and(inArray(alerts.side, [...sides]), q.status ? eq(alerts.status, q.status) : undefined, q.listId ? eq(alerts.listId, q.listId) : undefined, q.partyId ? eq(alerts.partyId, q.partyId) : undefined))
    .orderBy(desc(alerts.createdAt), desc(alerts.id))
    .limit(q.limit);
}

export async function findAlert(db: DbOrTx, id: string): Promise<AlertRow | undefined> {
  const [row] = await db.select().from(alerts).where(eq(alerts.id, id));
  return row;
}

export async function updateAlert(tx: DbOrTx, id: string, from: AlertRow['status'], values: Partial<typeof alerts.$inferInsert>): Promise<AlertRow | undefined> {
  const [row] = await tx
    .update(alerts)
    .set(values)
    .where(and(eq(alerts.id, id), eq(alerts.status, from)))
    .returning();
  return row;
}

export async function countAlerts(db: DbOrTx, sides: readonly string[]): Promise<{ status: AlertRow['status']; n: number }[]> {
  if (sides.length === 0) return [];
  return db
    .select({ status: alerts.status, n: count() })
    .from(alerts)
    .where(inArray(alerts.side, [...sides]))
    .groupBy(alerts.status);
}
