import type { Notification, NotificationKind } from '@qiao/contracts';
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { notifications } from './notification.schema.ts';

export interface NotificationWrite {
  userId: string;
  kind: NotificationKind;
  groupId: string | null;
  entity: string;
  entityId: string;
  payload: Record<string, unknown>;
  /** Same user + key is raised once; e.g. `overdue:<actionId>` or `minutes:<id>:<revision>`. */
  dedupeKey: string;
}

/** Raises notices inside the caller's transaction; repeats of a dedupe key are ignored. */
export async function notify(tx: DbOrTx, rows: NotificationWrite[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.insert(notifications).values(rows).onConflictDoNothing({ target: [notifications.userId, notifications.dedupeKey] });
}

export async function listNotifications(db: DbOrTx, userId: string, unreadOnly: boolean): Promise<Notification[]> {
  const rows = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), unreadOnly ? isNull(notifications.readAt) : undefined))
    .orderBy(desc(notifications.createdAt))
    .limit(500);
  return rows.map((r) => ({ id: r.id, kind: r.kind, groupId: r.groupId, entity: r.entity, entityId: r.entityId, payload: r.payload, createdAt: r.createdAt.toISOString(), readAt: r.readAt?.toISOString() ?? null }));
}

/** Marks the user's own notices read (all unread ones when `ids` is undefined); returns the ids changed. */
export async function markRead(tx: DbOrTx, userId: string, ids: string[] | undefined, now: Date): Promise<string[]> {
  const rows = await tx
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), ids ? inArray(notifications.id, ids) : undefined))
    .returning({ id: notifications.id });
  return rows.map((r) => r.id);
}
