import type { Db } from '../../db/client.ts';
import { utcDay } from '../actions/action.repository.ts';
import { insertNotices, type NoticeWrite } from './notification.repository.ts';
import { expiredGrants, openActionsDueBy } from './reminder.repository.ts';

export const REMINDER_JOB = 'notifications.reminders';
/** An action is "due soon" this many days ahead. */
export const DUE_SOON_DAYS = 3;

const addDays = (day: string, n: number) => utcDay(new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000));
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/**
 * The scheduled reminders: actions due within three days, actions overdue, and access grants that
 * ran out. Each is keyed by its object and the day, so running the job again the same day raises
 * nothing new, while an overdue action is recalled once a day until it is closed.
 */
export async function raiseReminders(db: Db, now: Date): Promise<number> {
  const today = utcDay(now);
  const rows: NoticeWrite[] = [];
  for (const a of await openActionsDueBy(db, addDays(today, DUE_SOON_DAYS))) {
    const overdue = a.dueDate < today;
    rows.push({
      userId: a.ownerId,
      kind: overdue ? 'action_overdue' : 'action_due_soon',
      groupId: a.groupId,
      entity: 'action_item',
      entityId: a.id,
      params: { title: a.title, dueDate: a.dueDate, days: overdue ? 0 : daysBetween(today, a.dueDate) },
      link: '/groups/my-actions',
      dedupeKey: `${overdue ? 'overdue' : 'due-soon'}:${a.id}:${today}`,
    });
  }
  for (const g of await expiredGrants(db, today)) {
    rows.push({ userId: g.requesterId, kind: 'access_expired', entity: 'access_request', entityId: g.id, params: { datasetTitle: { en: g.title.en, zh: g.title.zh }, expiresAt: g.expiresAt }, link: `/datasets/${g.datasetId}`, dedupeKey: `expired:${g.id}` });
  }
  const inserted = await db.transaction((tx) => insertNotices(tx, rows));
  return inserted.length;
}
