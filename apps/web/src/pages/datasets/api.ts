import type {
  AccessDecisionInput,
  AccessRequest,
  CsvPreview,
  Dataset,
  DatasetInput,
  DatasetVersion,
  DownloadLogEntry,
  Side,
} from '@qiao/contracts';
import { allPages, api, type Items } from '../../api/client.ts';

export interface CatalogFilter {
  q: string;
  side: string;
  subject: string;
  accessLevel: string;
  licence: string;
  year: string;
}

export const FILTER_KEYS = ['q', 'side', 'subject', 'accessLevel', 'licence', 'year'] as const satisfies readonly (keyof CatalogFilter)[];

export const EMPTY_FILTER: CatalogFilter = { q: '', side: '', subject: '', accessLevel: '', licence: '', year: '' };

/** Query keys: `['datasets', …]`; a write to a dataset invalidates `datasetKeys.detail(id)`, which covers its parts. */
export const datasetKeys = {
  all: ['datasets'] as const,
  list: (filter: CatalogFilter) => [...datasetKeys.all, 'list', filter] as const,
  pages: (filter: CatalogFilter) => [...datasetKeys.all, 'list', filter, 'pages'] as const,
  detail: (id: string) => [...datasetKeys.all, 'detail', id] as const,
  versions: (id: string) => [...datasetKeys.detail(id), 'versions'] as const,
  requests: (id: string) => [...datasetKeys.detail(id), 'requests'] as const,
  downloads: (id: string) => [...datasetKeys.detail(id), 'downloads'] as const,
  preview: (id: string, fileId: string, offset: number) => [...datasetKeys.detail(id), 'preview', fileId, offset] as const,
  chart: (id: string, fileId: string) => [...datasetKeys.detail(id), 'chart', fileId] as const,
  mine: () => [...datasetKeys.all, 'mine'] as const,
  sides: () => [...datasetKeys.all, 'sides'] as const,
};

const items = <T>(r: Items<T>) => r.items;
const enc = encodeURIComponent;

export function filterQuery(filter: CatalogFilter): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (filter[key].trim()) params.set(key, filter[key].trim());
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const datasetsApi = {
  list: (filter: CatalogFilter) => allPages<Dataset>(api, `/api/datasets${filterQuery(filter)}`),
  /** One page of the catalogue: the first for the filter, or the one at `next` (a previous page's link). */
  page: (filter: CatalogFilter, next: string | null) => api.page<Dataset>(next ?? `/api/datasets${filterQuery(filter)}`),
  get: (id: string) => api.get<Dataset>(`/api/datasets/${enc(id)}`),
  create: (body: DatasetInput) => api.post<Dataset>('/api/datasets', body),
  versions: (id: string) => api.get<Items<DatasetVersion>>(`/api/datasets/${enc(id)}/versions`).then(items),
  newVersion: (id: string, note: string) => api.post<Items<DatasetVersion>>(`/api/datasets/${enc(id)}/versions`, { note }).then(items),
  publish: (id: string, n: number) => api.post<Items<DatasetVersion>>(`/api/datasets/${enc(id)}/versions/${n}/publish`).then(items),
  preview: (id: string, fileId: string, offset: number, limit: number) =>
    api.get<CsvPreview>(`/api/datasets/${enc(id)}/files/${enc(fileId)}/preview?offset=${offset}&limit=${limit}`),
  downloads: (id: string) => api.get<Items<DownloadLogEntry>>(`/api/datasets/${enc(id)}/downloads`).then(items),
  requestAccess: (id: string, purpose: string) => api.post<AccessRequest>(`/api/datasets/${enc(id)}/access-requests`, { purpose }),
  requestsFor: (id: string) => api.get<Items<AccessRequest>>(`/api/datasets/${enc(id)}/access-requests`).then(items),
  mine: () => api.get<Items<AccessRequest>>('/api/access-requests/mine').then(items),
  setCondition: (requestId: string, conditionId: string, met: boolean, note: string) =>
    api.post<AccessRequest>(`/api/access-requests/${enc(requestId)}/conditions/${enc(conditionId)}`, { met, note }),
  decide: (requestId: string, body: AccessDecisionInput) => api.post<AccessRequest>(`/api/access-requests/${enc(requestId)}/decision`, body),
  revokeGrant: (datasetId: string, grantId: string, note: string) => api.post<AccessRequest>(`/api/datasets/${enc(datasetId)}/grants/${enc(grantId)}/revoke`, { note }),
  sides: () => api.get<Items<Side>>('/api/sides').then(items),
  /** Streams one file into a draft version; the server records its SHA-256. */
  uploadFile: (datasetId: string, version: number, file: File) =>
    api.upload<Items<DatasetVersion>>(filePath(datasetId, version, file.name), file, { method: 'PUT', contentType: 'application/octet-stream' }).then(items),
  removeFile: (datasetId: string, version: number, name: string) => api.delete<Items<DatasetVersion>>(filePath(datasetId, version, name)).then(items),
};

export function fileUrl(datasetId: string, fileId: string): string {
  return `/api/datasets/${enc(datasetId)}/files/${enc(fileId)}`;
}

function filePath(datasetId: string, version: number, name: string): string {
  return `/api/datasets/${enc(datasetId)}/versions/${version}/files/${enc(name)}`;
}
