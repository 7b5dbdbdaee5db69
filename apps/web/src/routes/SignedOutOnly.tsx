import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from '../session/session-context.ts';

function returnPath(state: unknown): string {
  const from = typeof state === 'object' && state !== null && 'from' in state ? state.from : undefined;
  // Only same-app paths, so a crafted link cannot bounce a fresh session elsewhere.
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : '/';
}

/** The sign-in page; once signed in, go back where the person was heading. */
export function SignedOutOnly({ children }: { children: ReactNode }) {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'signed-in') return <Navigate to={returnPath(location.state)} replace />;
  return children;
}
