import type { ReactNode } from 'react';
import { Forbidden } from '../components/Forbidden.tsx';
import { hasRole, useUser } from '../session/session-context.ts';

export function RequireAdmin({ children }: { children: ReactNode }) {
  const user = useUser();
  return hasRole(user, 'admin') ? children : <Forbidden />;
}
