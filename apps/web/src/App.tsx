import { useTranslation } from 'react-i18next';
import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { createBrowserRouter, Route, RouterProvider, Routes } from 'react-router';
import { createQueryClient } from './api/query-client.ts';
import { ErrorMessage } from './components/ErrorMessage.tsx';
import { Loading } from './components/Loading.tsx';
import { ToastProvider } from './components/ToastProvider.tsx';
import { UnsavedChangesPrompt } from './components/UnsavedChangesPrompt.tsx';
import { AuthLayout } from './layout/AuthLayout.tsx';
import { AcceptInvitationPage } from './pages/auth/AcceptInvitationPage.tsx';
import { ChangePasswordPage } from './pages/auth/ChangePasswordPage.tsx';
import { SignInPage } from './pages/auth/SignInPage.tsx';
import { DirectoryPage } from './pages/directory/DirectoryPage.tsx';
import { InboxPage } from './pages/inbox/index.ts';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { OverviewPage } from './pages/overview/OverviewPage.tsx';
import {
  AuditLogPage,
  DatasetsPage,
  DialoguesPage,
  FederationPage,
  IndicatorsPage,
  ProjectsPage,
  ScreeningPage,
  UsersPage,
  WorkingGroupsPage,
} from './routes/lazy-pages.ts';
import { RequireAdmin } from './routes/RequireAdmin.tsx';
import { RequireSession } from './routes/RequireSession.tsx';
import { SessionOrPublic } from './routes/SessionOrPublic.tsx';
import { SignedOutOnly } from './routes/SignedOutOnly.tsx';
import { SessionProvider } from './session/SessionProvider.tsx';
import { useSession } from './session/session-context.ts';

function AppRoutes() {
  const { t } = useTranslation();
  const { state, retry } = useSession();
  if (state.status === 'loading') {
    return (
      <AuthLayout>
        <Loading />
      </AuthLayout>
    );
  }
  if (state.status === 'unreachable') {
    return (
      <AuthLayout>
        <h1>{t('errors.title')}</h1>
        <ErrorMessage error={state.error} onRetry={retry} />
      </AuthLayout>
    );
  }
  return (
    <Routes>
      <Route
        path="/sign-in"
        element={
          <SignedOutOnly>
            <AuthLayout>
              <SignInPage />
            </AuthLayout>
          </SignedOutOnly>
        }
      />
      <Route
        path="/invite/:token"
        element={
          <AuthLayout>
            <AcceptInvitationPage />
          </AuthLayout>
        }
      />
      <Route element={<SessionOrPublic />}>
        <Route path="datasets/*" element={<DatasetsPage />} />
        <Route path="indicators/*" element={<IndicatorsPage />} />
      </Route>
      <Route element={<RequireSession />}>
        <Route index element={<OverviewPage />} />
        <Route path="screening/*" element={<ScreeningPage />} />
        <Route path="groups/*" element={<WorkingGroupsPage />} />
        <Route path="dialogues/*" element={<DialoguesPage />} />
        <Route path="projects/*" element={<ProjectsPage />} />
        <Route path="directory" element={<DirectoryPage />} />
        <Route path="inbox" element={<InboxPage />} />
        <Route path="account/password" element={<ChangePasswordPage />} />
        <Route path="admin/users" element={<RequireAdmin><UsersPage /></RequireAdmin>} />
        <Route path="admin/audit" element={<RequireAdmin><AuditLogPage /></RequireAdmin>} />
        <Route path="admin/federation" element={<RequireAdmin><FederationPage /></RequireAdmin>} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

function Root() {
  return (
    <SessionProvider>
      <UnsavedChangesPrompt />
      <AppRoutes />
    </SessionProvider>
  );
}

// A data router, so forms can warn before navigation (useBlocker); the routes themselves stay
// declarative in <AppRoutes> and in each module's own <Routes>.
const router = createBrowserRouter([{ path: '*', element: <Root /> }]);

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <ToastProvider>
        <RouterProvider router={router} />
      </ToastProvider>
    </QueryClientProvider>
  );
}
