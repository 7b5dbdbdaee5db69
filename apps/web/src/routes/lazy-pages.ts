import { lazy } from 'react';

// Module pages load on first visit, so a module's heavy dependencies (charts, CSV parsing) never
// slow down sign-in or the overview. Each module owns the routes below its path (`/datasets/*`).
export const ScreeningPage = lazy(() =>
  import('../pages/screening/ScreeningPage.tsx').then((m) => ({ default: m.ScreeningPage })),
);
export const WorkingGroupsPage = lazy(() =>
  import('../pages/groups/WorkingGroupsPage.tsx').then((m) => ({ default: m.WorkingGroupsPage })),
);
export const DialoguesPage = lazy(() =>
  import('../pages/dialogues/DialoguesPage.tsx').then((m) => ({ default: m.DialoguesPage })),
);
export const ProjectsPage = lazy(() =>
  import('../pages/projects/ProjectsPage.tsx').then((m) => ({ default: m.ProjectsPage })),
);
export const DatasetsPage = lazy(() =>
  import('../pages/datasets/DatasetsPage.tsx').then((m) => ({ default: m.DatasetsPage })),
);
export const IndicatorsPage = lazy(() =>
  import('../pages/indicators/IndicatorsPage.tsx').then((m) => ({ default: m.IndicatorsPage })),
);
export const UsersPage = lazy(() => import('../pages/admin/UsersPage.tsx').then((m) => ({ default: m.UsersPage })));
export const FederationPage = lazy(() =>
  import('../pages/federation/FederationPage.tsx').then((m) => ({ default: m.FederationPage })),
);
export const AuditLogPage = lazy(() =>
  import('../pages/admin/AuditLogPage.tsx').then((m) => ({ default: m.AuditLogPage })),
);
