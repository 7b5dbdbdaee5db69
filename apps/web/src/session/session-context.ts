import type { RoleGrant, Session, User } from '@qiao/contracts';
import { createContext, useContext } from 'react';
import type { ApiError } from '../api/client.ts';
import type { Locale } from '../i18n/locale.ts';

export type SessionState =
  | { status: 'loading' }
  /** `signed-out`: the person chose to; `no-session`: never signed in here; `expired`: the server ended it. */
  | { status: 'signed-out'; reason: 'signed-out' | 'no-session' | 'expired' }
  | { status: 'unreachable'; error: ApiError }
  | { status: 'signed-in'; session: Session };

export interface SessionContextValue {
  state: SessionState;
  signIn: (email: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
  /** Adopt a session the server returned (password change, accepted invitation). */
  adopt: (session: Session) => void;
  /** Switch the UI language; saved to the account too when someone is signed in. */
  setLocale: (locale: Locale) => Promise<void>;
  retry: () => void;
}

export const SessionContext = createContext<SessionContextValue | null>(null);

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}

/** The signed-in user; only for components rendered behind the sign-in gate. */
export function useUser(): User {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useUser needs a signed-in session');
  return state.session.user;
}

export function hasRole(user: Pick<User, 'roles'>, role: RoleGrant['role']): boolean {
  return user.roles.some((grant) => grant.role === role);
}
