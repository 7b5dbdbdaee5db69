import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../NotFoundPage.tsx';
import { EditProjectPage } from './components/EditProjectPage.tsx';
import { NewProjectPage } from './components/NewProjectPage.tsx';
import { ProjectDetailPage } from './components/ProjectDetailPage.tsx';
import { ProjectListPage } from './components/ProjectListPage.tsx';
import './projects.css';

/**
 * Joint projects (DESIGN.md module 5): the list, the proposal form with live pre-checks, and a
 * project's page with its checks, reviews, sign-offs and history. Routes are relative to wherever
 * the app mounts this page (`/projects/*`).
 */
export function ProjectsPage() {
  // Every rule in projects.css sits under .projects-module, so nothing leaks into other pages.
  return (
    <div className="projects-module">
      <Routes>
        <Route index element={<ProjectListPage />} />
        <Route path="new" element={<NewProjectPage />} />
        <Route path=":id" element={<ProjectDetailPage />} />
        <Route path=":id/edit" element={<EditProjectPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </div>
  );
}
