import { useSession } from '../../../session/session-context.ts';

/** The session's CSRF token, for the few writes that bypass the shared client (PUT, DELETE). */
export function useCsrfToken(): string {
  const { state } = useSession();
  return state.status === 'signed-in' ? state.session.csrfToken : '';
}
