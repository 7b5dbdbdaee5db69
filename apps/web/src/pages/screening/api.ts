import type {
  Alert,
  BatchJob,
  BatchRow,
  ListDiff,
  ListImportResult,
  ListVersion,
  PartyScreening,
  PartyScreeningDetail,
  ScreeningDecision,
  ScreeningDecisionInput,
  SearchRequest,
  SearchResponse,
} from '@qiao/contracts';
import { api, qs, type Items } from '../../api/client.ts';

/** Query keys: `['screening', resource, …params]`; a write invalidates the prefix it changed. */
export const screeningKeys = {
  all: ['screening'] as const,
  parties: (filter: object = {}) => ['screening', 'parties', filter] as const,
  party: (id: string) => ['screening', 'parties', 'detail', id] as const,
  alerts: (filter: object = {}) => ['screening', 'alerts', filter] as const,
  lists: () => ['screening', 'lists'] as const,
  batches: () => ['screening', 'batches'] as const,
  batch: (id: string) => ['screening', 'batches', id] as const,
  batchResults: (id: string, offset: number, matchedOnly: boolean) => ['screening', 'batches', id, 'results', offset, matchedOnly] as const,
};

export const screeningApi = {
  search: (body: SearchRequest) => api.post<SearchResponse>('/api/screening/search', body),
  parties: (q: { status?: string; side?: string }) => api.get<Items<PartyScreening>>(`/api/screening/parties${qs(q)}`),
  party: (id: string) => api.get<PartyScreeningDetail>(`/api/screening/parties/${id}`),
  decide: (body: ScreeningDecisionInput) => api.post<ScreeningDecision>('/api/screening/decisions', body),
  alerts: (q: { status?: string; side?: string; listId?: string }) => api.get<Items<Alert>>(`/api/screening/alerts${qs(q)}`),
  acknowledge: (id: string, note?: string) => api.post<Alert>(`/api/screening/alerts/${id}/acknowledge`, note ? { note } : {}),
  resolve: (id: string, note?: string) => api.post<Alert>(`/api/screening/alerts/${id}/resolve`, note ? { note } : {}),
  lists: () => api.get<Items<ListVersion>>('/api/screening/lists'),
  versions: (listId: string) => api.get<Items<ListVersion>>(`/api/screening/lists/${encodeURIComponent(listId)}/versions`),
  diff: (listId: string, from?: number, to?: number) => api.get<ListDiff>(`/api/screening/lists/${encodeURIComponent(listId)}/diff${qs({ from, to })}`),
  batches: () => api.get<Items<BatchJob>>('/api/screening/batches').then((r) => r.items),
  batch: (id: string) => api.get<BatchJob>(`/api/screening/batch/${id}`),
  deleteBatch: (id: string) => api.delete(`/api/screening/batch/${id}`),
  batchCsvUrl: (id: string) => `/api/screening/batch/${id}/results.csv`,
  batchResults: (id: string, offset: number, limit: number, matchedOnly: boolean) =>
    api.get<{ job: BatchJob; items: BatchRow[] }>(`/api/screening/batch/${id}/results${qs({ offset, limit, matchedOnly: matchedOnly ? 'true' : undefined })}`),
};

/** Sends the CSV of a batch; a rejected file's bad lines arrive as `ApiError.lines`. */
export const startBatch = (csv: File) => api.upload<BatchJob>(`/api/screening/batch${qs({ fileName: csv.name.slice(0, 200) })}`, csv, { contentType: 'text/csv' });

/**
 * `allowShrink`: the admin confirmed removing more than 10% of a list's records (asked after a 409,
 * whose ApiError carries the `shrink` notices).
 */
export function importLists(files: readonly File[], allowShrink = false): Promise<ListImportResult> {
  const form = new FormData();
  for (const f of files) form.append('file', f, f.name);
  return api.upload<ListImportResult>(`/api/screening/lists/import${allowShrink ? '?allowShrink=true' : ''}`, form);
}
