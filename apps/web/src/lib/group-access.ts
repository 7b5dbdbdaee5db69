import type { GroupDetail, GroupMember, User } from '@qiao/contracts';
import { hasRole } from '../session/session-context.ts';

/**
 * Mirrors the server's group rules (group-access.ts) so the UI offers only what the server would
 * accept; the server refuses everything else anyway.
 */
export interface GroupAccess {
  me: GroupMember | undefined;
  admin: boolean;
  coChair: boolean;
  /** Admin or co-chair: plans tracks, rounds and agendas, assigns actions, defines results. */
  manager: boolean;
  /** A member (not an observer): may write their own side's positions. */
  member: boolean;
}

export function groupAccess(user: User, group: GroupDetail): GroupAccess {
  const me = group.members.find((m) => m.userId === user.id);
  const admin = hasRole(user, 'admin');
  const coChair = me?.role === 'co_chair';
  return { me, admin, coChair, manager: admin || coChair, member: !!me && me.role !== 'observer' };
}

/** Display names by user id, for authors and approvers the API names by id only. */
export function memberNames(group: GroupDetail): Map<string, GroupMember> {
  return new Map(group.members.map((m) => [m.userId, m]));
}
