import type { Role } from '@qiao/contracts';
import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { coChairsOf } from '../groups/group.repository.ts';
import { groupMembers } from '../groups/group.schema.ts';
import { roleGrants, users } from '../users/user.schema.ts';

/** Active accounts holding `role` for `side` (e.g. the CN compliance officers). */
export async function holdersOf(db: DbOrTx, role: Role, side: string): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(and(eq(roleGrants.role, role), eq(roleGrants.side, side), isNull(users.disabledAt)));
  return rows.map((r) => r.id);
}

export async function coChairIds(db: DbOrTx, groupId: string): Promise<string[]> {
  return Object.values(await coChairsOf(db, groupId));
}

export async function memberIds(db: DbOrTx, groupId: string): Promise<string[]> {
  const rows = await db.select({ id: groupMembers.userId }).from(groupMembers).where(eq(groupMembers.groupId, groupId));
  return rows.map((r) => r.id);
}

export async function displayNameOf(db: DbOrTx, userId: string): Promise<string> {
  const [row] = await db.select({ name: users.displayName }).from(users).where(eq(users.id, userId));
  return row?.name ?? '';
}

/** Everyone but the person who acted: nobody is told of their own act. */
export function others(ids: Iterable<string | null | undefined>, actorId: string | null | undefined): string[] {
  return [...new Set([...ids].filter((id): id is string => !!id && id !== actorId))];
}
