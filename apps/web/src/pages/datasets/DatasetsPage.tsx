import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../NotFoundPage.tsx';
import { CatalogPage } from './components/CatalogPage.tsx';
import { CreateDatasetPage } from './components/CreateDatasetPage.tsx';
import { DatasetDetailPage } from './components/DatasetDetailPage.tsx';
import { MyRequestsPage } from './components/MyRequestsPage.tsx';
import './datasets.css';

/**
 * Shared research datasets (DESIGN.md module 6): the catalogue, a dataset with its files, preview,
 * chart and access requests, a steward's form for a new dataset, and the reader's own requests.
 * Routes are relative to wherever the app mounts this page (`/datasets/*`).
 */
export function DatasetsPage() {
  return (
    <Routes>
      <Route index element={<CatalogPage />} />
      <Route path="new" element={<CreateDatasetPage />} />
      <Route path="requests" element={<MyRequestsPage />} />
      <Route path=":id" element={<DatasetDetailPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
