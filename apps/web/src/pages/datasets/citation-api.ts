import type { CitationFormat, CitationText } from '@qiao/contracts';
import { api, type Items } from '../../api/client.ts';

export const citationKeys = {
  dataset: (id: string) => ['datasets', 'detail', id, 'citations'] as const,
};

export const citationApi = {
  all: (id: string) => api.get<Items<CitationText>>(`/api/datasets/${encodeURIComponent(id)}/citations`).then((r) => r.items),
  /** The download link of one format (a plain link, so the browser saves the file). */
  fileUrl: (id: string, format: CitationFormat) => `/api/datasets/${encodeURIComponent(id)}/citation?format=${format}`,
};
