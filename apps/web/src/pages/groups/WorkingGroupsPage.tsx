import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../NotFoundPage.tsx';
import { CreateGroupPage } from './components/CreateGroupPage.tsx';
import { GroupListPage } from './components/GroupListPage.tsx';
import { GroupPage } from './components/GroupPage.tsx';
import { MyActionsPage } from './components/MyActionsPage.tsx';
import { NotificationsPage } from './components/NotificationsPage.tsx';
import { RecordPage } from './components/RecordPage.tsx';
import '../../components/group-work.css';

/**
 * Bilateral working groups (DESIGN.md module 3): the list, a group with its charter, members by side,
 * join requests, overdue actions and results; "my actions", notifications, and a group's verifiable
 * record. Routes are relative to where the app mounts this page (`/groups/*`).
 */
export function WorkingGroupsPage() {
  return (
    <Routes>
      <Route index element={<GroupListPage />} />
      <Route path="new" element={<CreateGroupPage />} />
      <Route path="my-actions" element={<MyActionsPage />} />
      <Route path="notifications" element={<NotificationsPage />} />
      <Route path=":id" element={<GroupPage />} />
      <Route path=":id/record" element={<RecordPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
