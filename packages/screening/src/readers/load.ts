import type { ListFileInput, ListRecord } from '../types.ts';
import { readCslCsv, readCslJson } from './csl.ts';
import { detectFormat, type DetectedFormat } from './detect.ts';
import { isFtmEntity, readFtmLines } from './ftm.ts';
import { readOfacSet } from './ofac.ts';
import { allOf, headOf, streamLines, type ListStream } from './stream.ts';
import { decodeText, nonBlankLines } from './text.ts';

export interface LoadedList {
  readonly listId: string;
  readonly file: string;
  readonly format: 'csl-csv' | 'csl-json' | 'ftm' | 'ofac-legacy-csv';
  readonly records: number;
}

export interface LoadResult {
  readonly records: ListRecord[];
  readonly lists: LoadedList[];
  /** Files skipped and why; the CLI prints these on stderr. */
  readonly warnings: string[];
}

export interface StreamResult {
  readonly lists: LoadedList[];
  readonly warnings: string[];
}

interface Decoded {
  readonly path: string;
  readonly text: string;
  readonly format: DetectedFormat;
  /** Set for a JSON-lines file read in pieces: its text is then empty. */
  readonly stream?: ListStream;
}

/** Bytes read to recognise a streamed file; a FollowTheMoney entity's first line fits in this. */
const HEAD_BYTES = 4 * 1024 * 1024;

function decodeInput(f: ListFileInput | ListStream): Decoded {
  const path = ('path' in f ? f.path : f.fileName).replace(/\\/g, '/');
  if ('chunks' in f) {
    const head = decodeText(headOf(f.chunks(), HEAD_BYTES));
    const nl = head.indexOf('\n');
    // Only a first line complete within the head can say "JSON lines"; anything else is read whole.
    if (nl > 0 || head.length < HEAD_BYTES) {
      try {
        if (isFtmEntity(JSON.parse(nl > 0 ? head.slice(0, nl) : head))) return { path, text: '', format: { kind: 'ftm' }, stream: f };
      } catch {
        // Not JSON lines: read whole below.
      }
    }
    const text = decodeText(allOf(f.chunks()));
    return { path, text, format: detectFormat(text) };
  }
  const text = decodeText(f.contents);
  return { path, text, format: detectFormat(text) };
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

function baseOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function joinPath(dir: string, rel: string): string {
  const parts = (dir === '' ? [] : dir.split('/')).concat(rel.split('/'));
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (p === '..') out.push(p);
    else if (p !== '.' && p !== '') out.push(p);
  }
  return (dir.startsWith('/') ? '/' : '') + out.join('/');
}

/** List ids for files without a descriptor: OFAC's fixed file names get their well-known ids. */
export function deriveListId(path: string): string {
  const base = baseOf(path).toLowerCase();
  if (base === 'sdn.csv') return 'us-ofac-sdn';
  if (base === 'cons_prim.csv') return 'us-ofac-cons';
  return base.replace(/(\.ftm)?\.(json|jsonl|ndjson|csv)$/, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'list';
}

/**
 * Loads a set of list files into records. Format comes from content; list ids come from an
 * `index.json` descriptor in the same or a parent folder (its `id` for the file), else from the file
 * name. OFAC companions (alt, add, comments) are read with their primary from the same folder.
 * Throws ListFormatError for the first malformed file: nothing is returned half-loaded.
 */
export function loadListFiles(files: readonly (ListFileInput | ListStream)[]): LoadResult {
  const records: ListRecord[] = [];
  const { lists, warnings } = streamListFiles(files, (r) => records.push(r));
  return { records, lists, warnings };
}

/**
 * As loadListFiles, but hands each record to `emit` as it is read instead of collecting them, so a
 * caller that indexes records never holds them all twice. JSON-lines files given as a ListStream are
 * read line by line. A ListFormatError can come after some records were emitted: the caller discards
 * what it built.
 */
export function streamListFiles(files: readonly (ListFileInput | ListStream)[], emit: (r: ListRecord) => void): StreamResult {
  const decoded: Decoded[] = files.map(decodeInput);
  const ids = new Map<string, string>();
  const warnings: string[] = [];
  for (const d of decoded) {
    if (d.format.kind !== 'descriptor') continue;
    warnings.push(`${d.path}: skipped (list descriptor, used for list ids)`);
    for (const e of d.format.entries) {
      if (typeof e.file === 'string' && typeof e.id === 'string') ids.set(joinPath(dirOf(d.path), e.file), e.id);
    }
  }
  const listIdFor = (path: string): string => ids.get(joinPath('', path)) ?? ids.get(path) ?? deriveListId(path);
  const byPath = new Map(decoded.map((d) => [d.path, d]));
  const claimed = new Set<string>();
  const lists: LoadedList[] = [];
  const add = (listId: string, file: string, format: LoadedList['format'], recs: ListRecord[]): void => {
    for (const r of recs) emit(r);
    lists.push({ listId, file, format, records: recs.length });
  };
  for (const d of decoded) {
    const listId = listIdFor(d.path);
    switch (d.format.kind) {
      case 'csl-csv':
        add(listId, d.path, 'csl-csv', readCslCsv(d.path, d.text, listId));
        break;
      case 'csl-json':
        add(listId, d.path, 'csl-json', readCslJson(d.path, d.format.data, listId));
        break;
      case 'ftm': {
        const lines = d.stream ? streamLines(d.path, d.stream.chunks()) : nonBlankLines(d.text);
        lists.push({ listId, file: d.path, format: 'ftm', records: readFtmLines(d.path, lines, listId, emit) });
        break;
      }
      case 'ofac': {
        if (d.format.part !== 'primary') break;
        // sdn.csv pairs with alt.csv/add.csv; cons_prim.csv with cons_alt.csv/cons_add.csv.
        const prefix = baseOf(d.path).toLowerCase().replace(/(prim|sdn)\.csv$/, '');
        const companion = (part: string): { path: string; text: string } | undefined => {
          const p = joinPath(dirOf(d.path), `${prefix}${part}.csv`);
          const c = byPath.get(p) ?? decoded.find((x) => x.path.toLowerCase() === p.toLowerCase());
          if (!c || c.format.kind !== 'ofac') return undefined;
          claimed.add(c.path);
          return { path: c.path, text: c.text };
        };
        const alt = companion('alt');
        const addr = companion('add');
        companion('comments');
        add(listId, d.path, 'ofac-legacy-csv', readOfacSet({ primary: { path: d.path, text: d.text }, alt, add: addr }, listId));
        break;
      }
      case 'descriptor':
        break;
      case 'unsupported':
        warnings.push(`${d.path}: skipped (${d.format.reason})`);
        break;
    }
  }
  for (const d of decoded) {
    if (d.format.kind === 'ofac' && d.format.part !== 'primary' && !claimed.has(d.path)) {
      warnings.push(`${d.path}: skipped (OFAC ${d.format.part} file without its primary file beside it)`);
    }
  }
  return { lists, warnings };
}
