import { withFlag, type Group, type GroupMember, type GroupStatus, type JoinRequest, type JoinRequestListItem, type MemberRole } from '@qiao/contracts';
import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { users } from '../users/user.schema.ts';
import { groupMembers, joinRequests, workingGroups } from './group.schema.ts';

type GroupRow = typeof workingGroups.$inferSelect;
export type MemberRow = typeof groupMembers.$inferSelect;

export function toGroup(r: GroupRow, coChairs: Record<string, string>): Group {
  return {
    id: r.id,
    name: withFlag(r.name),
    charter: withFlag(r.charter),
    technologyArea: r.technologyArea,
    status: r.status,
    sides: r.sides,
    coChairs,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    version: r.version,
  };
}

function toJoinRequest(r: typeof joinRequests.$inferSelect): JoinRequest {
  return { ...r, decidedAt: r.decidedAt?.toISOString() ?? null, createdAt: r.createdAt.toISOString() };
}

export async function coChairsOf(db: DbOrTx, groupId: string): Promise<Record<string, string>> {
  const rows = await db.select().from(groupMembers).where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.role, 'co_chair')));
  return Object.fromEntries(rows.map((r) => [r.side, r.userId]));
}

export async function listGroups(db: DbOrTx, status?: GroupStatus): Promise<Group[]> {
  const rows = await db.select().from(workingGroups).where(status ? eq(workingGroups.status, status) : undefined).orderBy(asc(workingGroups.createdAt));
  const chairs = await db.select().from(groupMembers).where(eq(groupMembers.role, 'co_chair'));
  return rows.map((r) => toGroup(r, Object.fromEntries(chairs.filter((c) => c.groupId === r.id).map((c) => [c.side, c.userId]))));
}

export async function findGroup(db: DbOrTx, id: string): Promise<Group | undefined> {
  const [row] = await db.select().from(workingGroups).where(eq(workingGroups.id, id));
  return row && toGroup(row, await coChairsOf(db, id));
}

export async function insertGroup(tx: DbOrTx, values: typeof workingGroups.$inferInsert): Promise<Group> {
  const [row] = await tx.insert(workingGroups).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return toGroup(row, {});
}

/** Compare-and-set on `version`: undefined when the row changed since the caller read it. */
export async function updateGroup(tx: DbOrTx, id: string, version: number, values: Partial<typeof workingGroups.$inferInsert>, now: Date): Promise<Group | undefined> {
  const [row] = await tx
    .update(workingGroups)
    .set({ ...values, version: version + 1, updatedAt: now })
    .where(and(eq(workingGroups.id, id), eq(workingGroups.version, version)))
    .returning();
  return row && toGroup(row, await coChairsOf(tx, id));
}

export async function listMembers(db: DbOrTx, groupId: string): Promise<GroupMember[]> {
  const rows = await db
    .select({ m: groupMembers, displayName: users.displayName, email: users.email })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .where(eq(groupMembers.groupId, groupId))
    .orderBy(asc(groupMembers.side), asc(groupMembers.joinedAt));
  return rows.map(({ m, displayName, email }) => ({ userId: m.userId, displayName, email, side: m.side, role: m.role, joinedAt: m.joinedAt.toISOString() }));
}

export async function groupIdsOf(db: DbOrTx, userId: string): Promise<string[]> {
  const rows = await db.select({ groupId: groupMembers.groupId }).from(groupMembers).where(eq(groupMembers.userId, userId));
  return rows.map((r) => r.groupId);
}

/** The user's membership of every group they are in, by group id: one query. */
export async function membershipsOf(db: DbOrTx, userId: string): Promise<Map<string, MemberRow>> {
  const rows = await db.select().from(groupMembers).where(eq(groupMembers.userId, userId));
  return new Map(rows.map((r) => [r.groupId, r]));
}

export async function findMember(db: DbOrTx, groupId: string, userId: string): Promise<MemberRow | undefined> {
  const [row] = await db.select().from(groupMembers).where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId)));
  return row;
}

export async function upsertMember(tx: DbOrTx, values: { groupId: string; userId: string; side: string; role: MemberRole }): Promise<void> {
  await tx
    .insert(groupMembers)
    .values(values)
    .onConflictDoUpdate({ target: [groupMembers.groupId, groupMembers.userId], set: { role: values.role, side: values.side } });
}

export async function setMemberRole(tx: DbOrTx, groupId: string, userId: string, role: MemberRole): Promise<void> {
  await tx.update(groupMembers).set({ role }).where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId)));
}

export async function deleteMember(tx: DbOrTx, groupId: string, userId: string): Promise<void> {
  await tx.delete(groupMembers).where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId)));
}

export async function insertJoinRequest(tx: DbOrTx, values: typeof joinRequests.$inferInsert): Promise<JoinRequest> {
  const [row] = await tx.insert(joinRequests).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return toJoinRequest(row);
}

export async function findJoinRequest(db: DbOrTx, id: string): Promise<JoinRequest | undefined> {
  const [row] = await db.select().from(joinRequests).where(eq(joinRequests.id, id));
  return row && toJoinRequest(row);
}

export async function findPendingJoinRequest(db: DbOrTx, groupId: string, userId: string): Promise<JoinRequest | undefined> {
  const [row] = await db.select().from(joinRequests).where(and(eq(joinRequests.groupId, groupId), eq(joinRequests.userId, userId), eq(joinRequests.status, 'pending')));
  return row && toJoinRequest(row);
}

export async function listJoinRequests(db: DbOrTx, groupId: string): Promise<JoinRequestListItem[]> {
  const rows = await db
    .select({ r: joinRequests, requesterName: users.displayName })
    .from(joinRequests)
    .innerJoin(users, eq(users.id, joinRequests.userId))
    .where(eq(joinRequests.groupId, groupId))
    .orderBy(asc(joinRequests.createdAt));
  return rows.map(({ r, requesterName }) => ({ ...toJoinRequest(r), requesterName }));
}

/** Decides a pending request; undefined if someone decided it first. */
export async function decideJoinRequest(tx: DbOrTx, id: string, status: 'approved' | 'declined', decidedBy: string, now: Date): Promise<JoinRequest | undefined> {
  const [row] = await tx
    .update(joinRequests)
    .set({ status, decidedBy, decidedAt: now })
    .where(and(eq(joinRequests.id, id), eq(joinRequests.status, 'pending')))
    .returning();
  return row && toJoinRequest(row);
}
