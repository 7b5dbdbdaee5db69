import type { Dataset, User } from '@qiao/contracts';
import { useSession } from '../../../session/session-context.ts';

/** The catalogue is public: pages read the user when there is one, and work without. */
export function useOptionalSession(): { user: User | null; csrfToken: string } {
  const { state } = useSession();
  return state.status === 'signed-in' ? { user: state.session.user, csrfToken: state.session.csrfToken } : { user: null, csrfToken: '' };
}

/** Mirrors the server's rule (dataset.access.ts): the UI only hides what the server refuses anyway. */
export function isStewardOf(user: User | null, ds: Pick<Dataset, 'stewardId' | 'side'>): boolean {
  if (!user) return false;
  return user.id === ds.stewardId || user.roles.some((g) => g.role === 'admin' || (g.role === 'data_steward' && g.side === ds.side));
}

export function isStewardOfAnySide(user: User | null): boolean {
  return !!user && user.roles.some((g) => g.role === 'admin' || g.role === 'data_steward');
}
