import { Navigate, useLocation } from 'react-router';
import { AppLayout } from '../layout/AppLayout.tsx';
import { AuthLayout } from '../layout/AuthLayout.tsx';
import { ChangePasswordPage } from '../pages/auth/ChangePasswordPage.tsx';
import { useSession } from '../session/session-context.ts';

/** Everything behind sign-in; a one-time password must be replaced before anything else. */
export function RequireSession() {
  const { state } = useSession();
  const location = useLocation();
  if (state.status !== 'signed-in') {
    // Come back here after signing in, unless the person just signed out: whoever signs in next
    // starts from the overview rather than from the previous person's page.
    const returnTo = state.status === 'signed-out' && state.reason === 'signed-out' ? undefined : `${location.pathname}${location.search}`;
    return <Navigate to="/sign-in" replace state={returnTo ? { from: returnTo } : null} />;
  }
  if (state.session.user.mustChangePassword) {
    return (
      <AuthLayout>
        <ChangePasswordPage forced />
      </AuthLayout>
    );
  }
  return <AppLayout />;
}
