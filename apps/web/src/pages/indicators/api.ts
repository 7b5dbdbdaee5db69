import type { IndicatorRevision, IndicatorSeries, IndicatorSeriesInput, IndicatorSeriesUpdate } from '@qiao/contracts';
import { api, qs, type Items } from '../../api/client.ts';

const enc = encodeURIComponent;

/** Query keys: `['indicators', …]`; a write to a series invalidates `indicatorKeys.all`. */
export const indicatorKeys = {
  all: ['indicators'] as const,
  list: () => ['indicators', 'list'] as const,
  series: (id: string) => ['indicators', 'series', id] as const,
  revisions: (id: string) => ['indicators', 'series', id, 'revisions'] as const,
};

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

/**
 * Replaces a series' values from CSV text; a rejected file's per-line errors arrive as `ApiError.lines`,
 * a refused shrink as `ApiError.shrink`.
 */
export function importValuesCsv(id: string, version: number, csv: string, allowShrink = false): Promise<IndicatorSeries> {
  return api.upload<IndicatorSeries>(`${valuesCsvUrl(id)}${qs({ version, allowShrink: allowShrink || undefined })}`, csv, { method: 'PUT', contentType: 'text/csv' });
}
