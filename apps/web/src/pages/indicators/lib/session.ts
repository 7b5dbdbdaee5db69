import type { User } from '@qiao/contracts';
import { useSession } from '../../../session/session-context.ts';

/** The dashboard is public: it reads the user when someone is signed in, and works without. */
export function useOptionalSession(): { user: User | null; csrfToken: string } {
  const { state } = useSession();
  return state.status === 'signed-in' ? { user: state.session.user, csrfToken: state.session.csrfToken } : { user: null, csrfToken: '' };
}

export function isAdmin(user: User | null): boolean {
  return !!user && user.roles.some((g) => g.role === 'admin');
}
