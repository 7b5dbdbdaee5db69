import type { ListFile } from '@qiao/screening';
import type { ScreeningConfig } from '../../config.ts';
import { listDownloadFailed } from './screening.errors.ts';

/** One official publication: the files that make one list, and where each is downloaded from. */
export interface ListSource {
  listId: string;
  files: { path: string; url: string }[];
}

const join = (base: string, file: string) => `${base.replace(/\/+$/, '')}/${file}`;

/**
 * The publications `qiao lists update` fetches: CSL from trade.gov, OFAC's SDN and consolidated
 * legacy CSV sets from the Sanctions List Service, and OpenSanctions exports for lists that have no
 * official machine-readable form. File paths are chosen so the readers give the expected list ids.
 */
export function listSources(cfg: ScreeningConfig['sources']): ListSource[] {
  return [
    { listId: 'us-csl', files: [{ path: 'us-csl.csv', url: cfg.cslUrl }] },
    { listId: 'us-ofac-sdn', files: ['SDN.CSV', 'ALT.CSV', 'ADD.CSV'].map((f) => ({ path: `ofac-sdn/${f.toLowerCase()}`, url: join(cfg.ofacUrl, f) })) },
    { listId: 'us-ofac-cons', files: ['CONS_PRIM.CSV', 'CONS_ALT.CSV', 'CONS_ADD.CSV'].map((f) => ({ path: `ofac-cons/${f.toLowerCase()}`, url: join(cfg.ofacUrl, f) })) },
    ...cfg.openSanctionsDatasets.map((d) => ({ listId: d.listId, files: [{ path: `${d.listId}.ftm.json`, url: join(cfg.openSanctionsUrl, `${d.dataset}/entities.ftm.json`) }] })),
  ];
}

export type Fetch = (url: string, init: { signal: AbortSignal }) => Promise<{ ok: boolean; status: number; statusText: string; arrayBuffer(): Promise<ArrayBuffer> }>;

/**
 * Downloads every file of every source before anything is imported, so a failure (offline, a
 * publisher down) changes nothing. The error names the URL and says what to do instead.
 */
export async function downloadSources(sources: readonly ListSource[], fetchFn: Fetch, timeoutMs: number): Promise<ListFile[]> {
  const files: ListFile[] = [];
  for (const source of sources) {
    for (const f of source.files) {
      let res: Awaited<ReturnType<Fetch>>;
      try {
        res = await fetchFn(f.url, { signal: AbortSignal.timeout(timeoutMs) });
      } catch (err: unknown) {
        const cause = (err as { cause?: { code?: string; message?: string } }).cause;
        const why = cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
        throw listDownloadFailed(`cannot download ${source.listId} from ${f.url} (${why}); are you offline? Nothing was changed. Import files instead with \`qiao lists import FILE…\`.`);
      }
      if (!res.ok) throw listDownloadFailed(`cannot download ${source.listId} from ${f.url}: HTTP ${res.status} ${res.statusText}. Nothing was changed.`);
      files.push({ path: f.path, contents: new Uint8Array(await res.arrayBuffer()) });
    }
  }
  return files;
}
