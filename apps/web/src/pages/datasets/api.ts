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
import { api, type Items } from '../../api/client.ts';
import { ApiError, toApiError } from '../../api/errors.ts';

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

const items = <T>(r: Items<T>) => r.items;
const enc = encodeURIComponent;

export function filterQuery(filter: CatalogFilter): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (filter[key].trim()) params.set(key, filter[key].trim());
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const datasetsApi = {
  list: (filter: CatalogFilter) => api.get<Items<Dataset>>(`/api/datasets${filterQuery(filter)}`).then(items),
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
};

export function fileUrl(datasetId: string, fileId: string): string {
  return `/api/datasets/${enc(datasetId)}/files/${enc(fileId)}`;
}

function filePath(datasetId: string, version: number, name: string): string {
  return `/api/datasets/${enc(datasetId)}/versions/${version}/files/${enc(name)}`;
}

function parse(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Streams a file into a draft version. The shared JSON client cannot send a raw body or report
 * progress, so this one request uses XMLHttpRequest with the same CSRF header.
 */
export function uploadFile(
  datasetId: string,
  version: number,
  file: File,
  csrfToken: string,
  onProgress: (fraction: number) => void,
): Promise<DatasetVersion[]> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', filePath(datasetId, version, file.name));
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      const body = parse(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) resolve((body as Items<DatasetVersion>).items);
      else reject(toApiError(xhr.status, body));
    };
    xhr.onerror = () => reject(new ApiError('network', 0, 'upload failed'));
    xhr.send(file);
  });
}

/** Removes a file from a draft version (DELETE is not in the shared client). */
export async function removeFile(datasetId: string, version: number, name: string, csrfToken: string): Promise<DatasetVersion[]> {
  let response: Response;
  try {
    response = await fetch(filePath(datasetId, version, name), {
      method: 'DELETE',
      headers: { accept: 'application/json', 'x-csrf-token': csrfToken },
      credentials: 'same-origin',
    });
  } catch (cause) {
    throw new ApiError('network', 0, cause instanceof Error ? cause.message : 'network error');
  }
  const body = parse(await response.text());
  if (!response.ok) throw toApiError(response.status, body);
  return (body as Items<DatasetVersion>).items;
}
