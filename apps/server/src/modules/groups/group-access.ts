import type { User } from '@qiao/contracts';
import type { DbOrTx } from '../../db/client.ts';
import { forbidden, notFound } from '../../errors.ts';
import { findMember, type MemberRow } from './group.repository.ts';

/**
 * Group-level permission checks shared by the groups, dialogues and actions services. Roles on the
 * platform say what a user may do anywhere; membership says what they may do in one group.
 */
export const isAdmin = (user: User) => user.roles.some((r) => r.role === 'admin');

export async function requireMember(db: DbOrTx, groupId: string, user: User, what: string): Promise<MemberRow> {
  const m = await findMember(db, groupId, user.id);
  if (!m || m.role === 'observer') throw forbidden(`only members of this working group may ${what}`);
  return m;
}

export async function requireCoChair(db: DbOrTx, groupId: string, user: User, what: string): Promise<MemberRow> {
  const m = await findMember(db, groupId, user.id);
  if (!m || m.role !== 'co_chair') throw forbidden(`only a co-chair of this working group may ${what}`);
  return m;
}

/** Admins may manage any group; otherwise the caller must co-chair it. */
export async function requireAdminOrCoChair(db: DbOrTx, groupId: string, user: User, what: string): Promise<void> {
  if (isAdmin(user)) return;
  await requireCoChair(db, groupId, user, what);
}

export function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw notFound(what);
  return value;
}
