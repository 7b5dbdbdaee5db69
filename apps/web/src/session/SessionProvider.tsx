import type { Session } from '@qiao/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { authApi } from '../api/auth.ts';
import { ApiError, api } from '../api/client.ts';
import { changeLocale, currentLocale } from '../i18n/index.ts';
import type { Locale } from '../i18n/locale.ts';
import { SessionContext, type SessionContextValue, type SessionState } from './session-context.ts';

function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError('internal', 0, String(error));
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const queryClient = useQueryClient();

  const adopt = useCallback((session: Session) => {
    api.setCsrfToken(session.csrfToken);
    setState({ status: 'signed-in', session });
  }, []);

  // A session that ends under us (expiry, sign-out in another tab) sends the person back to sign in.
  useEffect(() => {
    api.onUnauthenticated(() => {
      api.setCsrfToken(null);
      // What one person read must not show to the next one who signs in on this device.
      queryClient.clear();
      setState((current) => (current.status === 'signed-in' ? { status: 'signed-out', reason: 'expired' } : current));
    });
    return () => api.onUnauthenticated(null);
  }, [queryClient]);

  useEffect(() => {
    let cancelled = false;
    authApi.me().then(
      (session) => {
        if (!cancelled) adopt(session);
      },
      (error: unknown) => {
        if (cancelled) return;
        const apiError = asApiError(error);
        // Only a server that answered "who are you?" means signed out; anything else may be transient.
        if (apiError.id === 'unauthenticated' || apiError.status === 401) setState({ status: 'signed-out', reason: 'no-session' });
        else setState({ status: 'unreachable', error: apiError });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [adopt, attempt]);

  const value = useMemo<SessionContextValue>(
    () => ({
      state,
      adopt,
      retry: () => {
        setState({ status: 'loading' });
        setAttempt((n) => n + 1);
      },
      signIn: async (email, password) => {
        const session = await authApi.signIn({ email, password });
        // The language saved with the account wins on sign-in, so it follows the person across devices.
        if (session.user.locale !== currentLocale()) await changeLocale(session.user.locale);
        adopt(session);
      },
      signOut: async () => {
        try {
          await authApi.signOut();
        } finally {
          api.setCsrfToken(null);
          queryClient.clear();
          setState({ status: 'signed-out', reason: 'signed-out' });
        }
      },
      setLocale: async (locale: Locale) => {
        await changeLocale(locale);
        if (state.status !== 'signed-in' || state.session.user.locale === locale) return;
        const saved = await authApi.updateMe({ locale });
        // Signed out (or in as someone else) while saving: the answer must not bring the old session back.
        setState((current) => (current.status === 'signed-in' && current.session.csrfToken === saved.csrfToken ? { status: 'signed-in', session: saved } : current));
      },
    }),
    [state, adopt, queryClient],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
