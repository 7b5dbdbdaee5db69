import type { User } from '@qiao/contracts';
import type { DbOrTx } from '../../db/client.ts';
import { forbidden, notFound, outOfScope } from '../../errors.ts';
import { findMember, type MemberRow } from './group.repository.ts';

/**
 * Group-level permission checks shared by the groups, dialogues, actions and projects services. Roles on
 * the platform say what a user may do anywhere; membership says what they may do in one group. The
 * refusals keep three cases apart: not in this group at all (out_of_scope, whatever roles the caller
 * holds elsewhere), in the group without the role it needs (forbidden), or in the group on the other
 * side of the thing (wrong_side, decided by the callers that own side-bound things).
 */
export const isAdmin = (user: User) => user.roles.some((r) => r.role === 'admin');

/**
 * Working-group content (positions, convergence, draft minutes, revisions, comments) is read by the
 * group's members, observers included, and by admins; no one else, whatever their platform role.
 */
export async function isReader(db: DbOrTx, groupId: string, user: User): Promise<boolean> {
  return isAdmin(user) || !!(await findMember(db, groupId, user.id));
}

export async function requireReader(db: DbOrTx, groupId: string, user: User): Promise<void> {
  if (!(await isReader(db, groupId, user))) throw outOfScope("only this working group's members and admins see its positions, draft minutes and comments");
}

export async function requireMember(db: DbOrTx, groupId: string, user: User, what: string): Promise<MemberRow> {
  const m = await findMember(db, groupId, user.id);
  if (!m) throw outOfScope(`only members of this working group may ${what}`);
  if (m.role === 'observer') throw forbidden(`observers of this working group may not ${what}`);
  return m;
}

export async function requireCoChair(db: DbOrTx, groupId: string, user: User, what: string): Promise<MemberRow> {
  const m = await findMember(db, groupId, user.id);
  if (!m) throw outOfScope(`only a co-chair of this working group may ${what}`);
  if (m.role !== 'co_chair') throw forbidden(`only a co-chair of this working group may ${what}`);
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
