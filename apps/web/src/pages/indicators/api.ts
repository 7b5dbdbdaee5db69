import type { CsvLineError, IndicatorRevision, IndicatorSeries, IndicatorSeriesInput, IndicatorSeriesUpdate, ShrinkNotice } from '@qiao/contracts';
import { api, type Items } from '../../api/client.ts';
import { ApiError, toApiError } from '../../api/errors.ts';
import { shrinkNotices } from '../../api/shrink.ts';

const enc = encodeURIComponent;

export const indicatorsApi = {
  list: () => api.get<Items<IndicatorSeries>>('/api/indicators').then((r) => r.items),
  get: (id: string) => api.get<IndicatorSeries>(`/api/indicators/${enc(id)}`),
  revisions: (id: string) => api.get<Items<IndicatorRevision>>(`/api/indicators/${enc(id)}/revisions`).then((r) => r.items),
  create: (body: IndicatorSeriesInput) => api.post<IndicatorSeries>('/api/indicators', body),
  update: (id: string, patch: IndicatorSeriesUpdate) => api.patch<IndicatorSeries>(`/api/indicators/${enc(id)}`, patch),
};

export function valuesCsvUrl(id: string): string {
  return `/api/indicators/${enc(id)}/values.csv`;
}

/** A rejected CSV import: the API error plus every bad line it reported, or what it would remove. */
export class CsvImportError extends ApiError {
  constructor(
    base: ApiError,
    readonly lines: CsvLineError[],
    readonly shrink: ShrinkNotice[] = [],
  ) {
    super(base.id, base.status, base.message);
  }
}

function linesOf(body: unknown): CsvLineError[] {
  const error = typeof body === 'object' && body !== null && 'error' in body ? (body as { error: { lines?: unknown } }).error : undefined;
  return Array.isArray(error?.lines) ? (error.lines as CsvLineError[]) : [];
}

/**
 * Replaces a series' values from CSV text. The shared JSON client sends JSON only, and a rejected
 * file's per-line errors are needed here, so this request is made directly with the CSRF header.
 */
export async function importValuesCsv(id: string, version: number, csv: string, csrfToken: string, allowShrink = false): Promise<IndicatorSeries> {
  let response: Response;
  try {
    response = await fetch(`${valuesCsvUrl(id)}?version=${version}${allowShrink ? '&allowShrink=true' : ''}`, {
      method: 'PUT',
      headers: { accept: 'application/json', 'content-type': 'text/csv', 'x-csrf-token': csrfToken },
      credentials: 'same-origin',
      body: csv,
    });
  } catch (cause) {
    throw new ApiError('network', 0, cause instanceof Error ? cause.message : 'network error');
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok) throw new CsvImportError(toApiError(response.status, body), linesOf(body), shrinkNotices(body));
  return body as IndicatorSeries;
}
