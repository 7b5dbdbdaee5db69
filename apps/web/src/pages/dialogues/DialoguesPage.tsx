import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../NotFoundPage.tsx';
import { DialoguesHome } from './components/DialoguesHome.tsx';
import { GroupDialoguesPage } from './components/GroupDialoguesPage.tsx';
import { RoundPage } from './components/RoundPage.tsx';
import '../../components/group-work.css';

/**
 * Dialogue tracks, rounds and minutes (DESIGN.md module 4). Shares the working groups' translations
 * (namespace `groups`), their API (api/groups.ts) and styles (components/group-work.css). Routes are
 * relative to where the app mounts this page (`/dialogues/*`).
 */
export function DialoguesPage() {
  return (
    <Routes>
      <Route index element={<DialoguesHome />} />
      <Route path="groups/:groupId" element={<GroupDialoguesPage />} />
      <Route path="rounds/:roundId" element={<RoundPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
