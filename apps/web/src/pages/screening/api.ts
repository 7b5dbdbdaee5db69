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
  ShrinkNotice,
} from '@qiao/contracts';
import { api, ApiError, type Items } from '../../api/client.ts';
import { toApiError } from '../../api/errors.ts';
import { shrinkNotices } from '../../api/shrink.ts';

const qs = (params: Record<string, string | number | boolean | undefined>) => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') search.set(k, String(v));
  const s = search.toString();
  return s ? `?${s}` : '';
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
  batch: (id: string) => api.get<BatchJob>(`/api/screening/batch/${id}`),
  batchResults: (id: string, offset: number, limit: number, matchedOnly: boolean) =>
    api.get<{ job: BatchJob; items: BatchRow[] }>(`/api/screening/batch/${id}/results${qs({ offset, limit, matchedOnly: matchedOnly ? 'true' : undefined })}`),
};

/** An API error that may carry per-line problems of an uploaded file, or what a refused import would remove. */
export class UploadError extends ApiError {
  constructor(
    base: ApiError,
    readonly lines: { line: number; message: string }[],
    readonly shrink: ShrinkNotice[] = [],
  ) {
    super(base.id, base.status, base.message);
  }
}

/**
 * Sends a file body (CSV text, multipart form) with the CSRF header. The shared client speaks JSON
 * only; uploads need the raw body.
 */
export async function upload<T>(path: string, body: BodyInit, csrfToken: string, contentType?: string): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'x-csrf-token': csrfToken };
  if (contentType) headers['content-type'] = contentType;
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', headers, body, credentials: 'same-origin' });
  } catch (cause) {
    throw new ApiError('network', 0, cause instanceof Error ? cause.message : 'network error');
  }
  const text = await response.text();
  const parsed: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const lines = (parsed as { error?: { lines?: { line: number; message: string }[] } } | undefined)?.error?.lines ?? [];
    throw new UploadError(toApiError(response.status, parsed), lines, shrinkNotices(parsed));
  }
  return parsed as T;
}

export const startBatch = (csv: File, csrf: string) => upload<BatchJob>('/api/screening/batch', csv, csrf, 'text/csv');

/** `allowShrink`: the admin confirmed removing more than 10% of a list's records (asked after a 409). */
export function importLists(files: readonly File[], csrf: string, allowShrink = false): Promise<ListImportResult> {
  const form = new FormData();
  for (const f of files) form.append('file', f, f.name);
  return upload<ListImportResult>(`/api/screening/lists/import${allowShrink ? '?allowShrink=true' : ''}`, form, csrf);
}
