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
    return <Navigate to="/sign-in" replace state={{ from: `${location.pathname}${location.search}` }} />;
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
