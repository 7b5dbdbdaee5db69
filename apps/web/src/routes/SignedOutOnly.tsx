import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { returnPath } from '../lib/return-path.ts';
import { useSession } from '../session/session-context.ts';

/** The sign-in page; once signed in, go back where the person was heading. */
export function SignedOutOnly({ children }: { children: ReactNode }) {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'signed-in') return <Navigate to={returnPath(location.state)} replace />;
  return children;
}
