import { and, asc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { groupMembers, workingGroups } from '../groups/group.schema.ts';
import { users } from '../users/user.schema.ts';
import type { CalendarRound } from './calendar.ics.ts';
import { calendarFeeds } from './calendar.schema.ts';
import { dialogueRounds } from './dialogue.schema.ts';

const roundColumns = {
  id: dialogueRounds.id,
  title: dialogueRounds.title,
  groupName: workingGroups.name,
  startsAt: dialogueRounds.startsAt,
  endsAt: dialogueRounds.endsAt,
  place: dialogueRounds.place,
  onlineLink: dialogueRounds.onlineLink,
  version: dialogueRounds.version,
};

export async function calendarRound(db: DbOrTx, roundId: string): Promise<(CalendarRound & { groupId: string }) | undefined> {
  const [row] = await db
    .select({ ...roundColumns, groupId: dialogueRounds.groupId })
    .from(dialogueRounds)
    .innerJoin(workingGroups, eq(workingGroups.id, dialogueRounds.groupId))
    .where(eq(dialogueRounds.id, roundId));
  return row;
}

/** Every round of the working groups the user belongs to, by start. */
export async function roundsOfMember(db: DbOrTx, userId: string): Promise<CalendarRound[]> {
  return db
    .select(roundColumns)
    .from(dialogueRounds)
    .innerJoin(workingGroups, eq(workingGroups.id, dialogueRounds.groupId))
    .innerJoin(groupMembers, and(eq(groupMembers.groupId, dialogueRounds.groupId), eq(groupMembers.userId, userId)))
    .orderBy(asc(dialogueRounds.startsAt), asc(dialogueRounds.id));
}

export async function findFeed(db: DbOrTx, userId: string): Promise<{ createdAt: Date } | undefined> {
  const [row] = await db.select({ createdAt: calendarFeeds.createdAt }).from(calendarFeeds).where(eq(calendarFeeds.userId, userId));
  return row;
}

/** The enabled user a feed token hash belongs to. */
export async function feedOwner(db: DbOrTx, tokenHash: string): Promise<{ id: string; locale: 'en' | 'zh' } | undefined> {
  const [row] = await db
    .select({ id: users.id, locale: users.locale })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .where(and(eq(calendarFeeds.tokenHash, tokenHash), isNull(users.disabledAt)));
  return row;
}

/** Sets the user's one feed token; a previous token stops working in the same statement. */
export async function putFeed(tx: DbOrTx, userId: string, tokenHash: string, createdAt: Date): Promise<void> {
  await tx
    .insert(calendarFeeds)
    .values({ userId, tokenHash, createdAt })
    .onConflictDoUpdate({ target: calendarFeeds.userId, set: { tokenHash, createdAt } });
}

export async function deleteFeed(tx: DbOrTx, userId: string): Promise<boolean> {
  const rows = await tx.delete(calendarFeeds).where(eq(calendarFeeds.userId, userId)).returning({ userId: calendarFeeds.userId });
  return rows.length > 0;
}
