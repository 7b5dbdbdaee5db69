import { INBOX_KIND_MODULE, type InboxKind, type InboxModule, type MailDelivery } from '@qiao/contracts';
import { and, count, desc, eq, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { users } from '../users/user.schema.ts';
import { publish, userChannel } from './live.bus.ts';
import { notificationPreferences, notifications, type MailState } from './notification.schema.ts';

export type NotificationRow = typeof notifications.$inferSelect;

export interface NoticeWrite {
  userId: string;
  kind: InboxKind;
  groupId?: string | null;
  entity: string;
  entityId: string;
  params: Record<string, unknown>;
  link: string;
  /** Same user + key is raised once; e.g. `overdue:<actionId>:<day>` or `minutes:<id>:<revision>`. */
  dedupeKey: string;
}

/**
 * Raises notices inside the caller's transaction (repeats of a dedupe key are ignored) and tells each
 * recipient's open pages, once the transaction commits. Returns the rows actually inserted.
 */
export async function insertNotices(tx: DbOrTx, rows: readonly NoticeWrite[]): Promise<NotificationRow[]> {
  // One notice per recipient and key, and none to an actor about their own act is the caller's business.
  const unique = [...new Map(rows.map((r) => [`${r.userId}\u0000${r.dedupeKey}`, r])).values()];
  if (unique.length === 0) return [];
  const inserted = await tx
    .insert(notifications)
    .values(unique.map((r) => ({ userId: r.userId, kind: r.kind, module: INBOX_KIND_MODULE[r.kind], groupId: r.groupId ?? null, entity: r.entity, entityId: r.entityId, payload: r.params, link: r.link, dedupeKey: r.dedupeKey })))
    .onConflictDoNothing({ target: [notifications.userId, notifications.dedupeKey] })
    .returning();
  for (const userId of new Set(inserted.map((r) => r.userId))) await publish(tx, userChannel(userId), 'notice');
  return inserted;
}

export interface ListFilter {
  module?: InboxModule;
  state: 'all' | 'unread' | 'read';
  limit: number;
  /** Only these kinds (the working groups' older notices list). */
  kinds?: readonly InboxKind[];
}

export async function listNotices(db: DbOrTx, userId: string, f: ListFilter): Promise<NotificationRow[]> {
  return db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId),
        f.module ? eq(notifications.module, f.module) : undefined,
        f.state === 'unread' ? isNull(notifications.readAt) : f.state === 'read' ? isNotNull(notifications.readAt) : undefined,
        f.kinds ? inArray(notifications.kind, [...f.kinds]) : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(f.limit);
}

export async function countUnread(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Marks the user's own notices read (all unread ones of a module, or of every module, when `ids` is undefined). */
export async function markRead(tx: DbOrTx, userId: string, scope: { ids: string[] } | { module?: InboxModule }, now: Date): Promise<string[]> {
  const rows = await tx
    .update(notifications)
    .set({ readAt: now })
    .where(
      and(
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        'ids' in scope ? inArray(notifications.id, scope.ids) : scope.module ? eq(notifications.module, scope.module) : undefined,
      ),
    )
    .returning({ id: notifications.id });
  if (rows.length > 0) await publish(tx, userChannel(userId), 'read');
  return rows.map((r) => r.id);
}

export async function findNotices(db: DbOrTx, ids: readonly string[]): Promise<NotificationRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(notifications).where(inArray(notifications.id, [...ids])).orderBy(notifications.createdAt);
}

export async function setMailState(tx: DbOrTx, ids: readonly string[], state: MailState): Promise<void> {
  if (ids.length === 0) return;
  await tx.update(notifications).set({ mailState: state }).where(inArray(notifications.id, [...ids]));
}

/** Notices whose mail nobody has looked at yet, with the recipient's preference for their kind. */
export async function newForMail(db: DbOrTx, limit: number): Promise<(NotificationRow & { delivery: MailDelivery | null; disabled: boolean })[]> {
  const rows = await db
    .select({ n: notifications, delivery: notificationPreferences.delivery, disabledAt: users.disabledAt })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .leftJoin(notificationPreferences, and(eq(notificationPreferences.userId, notifications.userId), eq(notificationPreferences.kind, notifications.kind)))
    .where(eq(notifications.mailState, 'new'))
    .orderBy(notifications.createdAt)
    .limit(limit);
  return rows.map((r) => ({ ...r.n, delivery: r.delivery, disabled: r.disabledAt !== null }));
}

/** Notices raised before `before` that were never looked at for mail (the server sent none then). */
export async function skipStaleNew(tx: DbOrTx, before: Date): Promise<number> {
  const rows = await tx
    .update(notifications)
    .set({ mailState: 'skipped' })
    .where(and(eq(notifications.mailState, 'new'), lt(notifications.createdAt, before)))
    .returning({ id: notifications.id });
  return rows.length;
}

/** The digest's notices: every user's notices waiting for the digest. */
export async function digestWaiting(db: DbOrTx): Promise<NotificationRow[]> {
  return db
    .select()
    .from(notifications)
    .where(eq(notifications.mailState, 'digest'))
    .orderBy(notifications.userId, notifications.createdAt);
}

export async function preferencesOf(db: DbOrTx, userId: string): Promise<Map<InboxKind, MailDelivery>> {
  const rows = await db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId));
  return new Map(rows.map((r) => [r.kind, r.delivery]));
}

export async function savePreferences(tx: DbOrTx, userId: string, kinds: readonly (readonly [InboxKind, MailDelivery])[]): Promise<void> {
  if (kinds.length === 0) return;
  await tx
    .insert(notificationPreferences)
    .values(kinds.map(([kind, delivery]) => ({ userId, kind, delivery })))
    .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.kind], set: { delivery: sql`excluded.delivery` } });
}
