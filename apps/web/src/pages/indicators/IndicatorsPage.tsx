import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../NotFoundPage.tsx';
import { Dashboard } from './components/Dashboard.tsx';
import { SeriesAdminPage } from './components/SeriesAdminPage.tsx';
import './indicators.css';

/**
 * The public indicators dashboard (DESIGN.md module 7) and, for admins, a page per curated series to
 * edit it, replace its values from CSV and see its history. Routes are relative to `/indicators/*`.
 */
export function IndicatorsPage() {
  return (
    <Routes>
      <Route index element={<Dashboard />} />
      <Route path=":id" element={<SeriesAdminPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
