import { Suspense } from 'react';
import { Outlet, useLocation } from 'react-router';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';
import { Loading } from '../components/Loading.tsx';

/** The routed page inside a shell's main landmark. */
export function PageOutlet() {
  const { pathname } = useLocation();
  return (
    // Keyed by path, so leaving a crashed page clears the error.
    <ErrorBoundary key={pathname}>
      <Suspense fallback={<Loading />}>
        <Outlet />
      </Suspense>
    </ErrorBoundary>
  );
}
