import { AppLayout } from '../layout/AppLayout.tsx';
import { PublicLayout } from '../layout/PublicLayout.tsx';
import { useSession } from '../session/session-context.ts';

/**
 * Pages anyone may read (the indicators dashboard, open datasets): inside the app for a signed-in
 * user, in the public shell for a visitor. Pages under it must not assume a session.
 */
export function SessionOrPublic() {
  const { state } = useSession();
  const signedIn = state.status === 'signed-in' && !state.session.user.mustChangePassword;
  return signedIn ? <AppLayout /> : <PublicLayout />;
}
