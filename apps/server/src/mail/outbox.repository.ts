import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { mailOutbox } from '../modules/notifications/notification.schema.ts';
import { users } from '../modules/users/user.schema.ts';

export type OutboxRow = typeof mailOutbox.$inferSelect;

export async function insertOutbox(tx: DbOrTx, rows: { userId: string; kind: 'notice' | 'digest'; notificationIds: string[]; nextAttemptAt: Date }[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.insert(mailOutbox).values(rows);
}

/**
 * Claims up to `limit` messages that are due: each is put out of reach for `leaseMs` (so another node
 * skips it while this one sends) and its attempt is counted. `SKIP LOCKED` lets nodes claim at once.
 */
export async function claimDue(db: DbOrTx, now: Date, leaseMs: number, limit: number): Promise<(OutboxRow & { email: string; locale: 'en' | 'zh' })[]> {
  const nowIso = now.toISOString();
  const claimed = await db
    .update(mailOutbox)
    .set({ attempts: sql`${mailOutbox.attempts} + 1`, nextAttemptAt: new Date(now.getTime() + leaseMs) })
    .where(
      inArray(
        mailOutbox.id,
        sql`(select id from ${mailOutbox} where ${mailOutbox.status} = 'pending' and ${mailOutbox.nextAttemptAt} <= ${nowIso}::timestamptz order by ${mailOutbox.nextAttemptAt} limit ${limit} for update skip locked)`,
      ),
    )
    .returning();
  if (claimed.length === 0) return [];
  const who = await db
    .select({ id: users.id, email: users.email, locale: users.locale })
    .from(users)
    .where(inArray(users.id, [...new Set(claimed.map((c) => c.userId))]));
  const byId = new Map(who.map((u) => [u.id, u]));
  return claimed.flatMap((c) => {
    const u = byId.get(c.userId);
    return u ? [{ ...c, email: u.email, locale: u.locale }] : [];
  });
}

export async function markSent(tx: DbOrTx, id: string, now: Date): Promise<void> {
  await tx.update(mailOutbox).set({ status: 'sent', sentAt: now, lastError: null }).where(eq(mailOutbox.id, id));
}

export async function markFailed(db: DbOrTx, id: string, retryAt: Date, error: string): Promise<void> {
  await db.update(mailOutbox).set({ nextAttemptAt: retryAt, lastError: error.slice(0, 1000) }).where(eq(mailOutbox.id, id));
}

/** Whether anything waits to be sent now (the scheduler's cheap look before it enqueues a run). */
export async function hasDue(db: DbOrTx, now: Date): Promise<boolean> {
  const [row] = await db
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.status, 'pending'), lte(mailOutbox.nextAttemptAt, now)))
    .limit(1);
  return row !== undefined;
}

export async function outboxOf(db: DbOrTx, userId: string): Promise<OutboxRow[]> {
  return db.select().from(mailOutbox).where(eq(mailOutbox.userId, userId)).orderBy(mailOutbox.createdAt);
}
