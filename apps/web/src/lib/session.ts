import type { RoleGrant, User } from '@qiao/contracts';
import { hasRole, useSession } from '../session/session-context.ts';

export { hasRole, useSession, useUser } from '../session/session-context.ts';

/** For pages open to everyone (indicators, datasets): the user when someone is signed in, else null. */
export function useOptionalUser(): User | null {
  const { state } = useSession();
  return state.status === 'signed-in' ? state.session.user : null;
}

export function isAdmin(user: Pick<User, 'roles'> | null): boolean {
  return !!user && hasRole(user, 'admin');
}

/** True when the user holds `role` on `side` (or is an admin, who acts for both). */
export function actsFor(user: Pick<User, 'roles'> | null, role: RoleGrant['role'], side: string): boolean {
  return !!user && user.roles.some((g) => g.role === 'admin' || (g.role === role && g.side === side));
}
