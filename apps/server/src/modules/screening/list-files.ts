import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { fileTextProblems } from '@qiao/contracts';
import { decodeText, loadListFiles, type ListFile, type ListRecord, type LoadedList } from '@qiao/screening';
import { knownList } from './list-catalogue.ts';
import { readRecordSources, type RecordSource } from './list-details.ts';

/** One list record as stored: the engine's fields plus source details and the hashes used to diff. */
export interface StoredRecord {
  recordId: string;
  type: string;
  name: string;
  aliases: string[];
  chineseNames: string[];
  countries: string[];
  programs: string[];
  sourceUrl: string | null;
  details: Record<string, unknown>;
  contentHash: string;
  materialHash: string;
}

/** One list read from a set of files, ready to become a version. */
export interface ParsedList {
  listId: string;
  side: string;
  authority: string;
  title: string;
  dataDate: string | null;
  format: LoadedList['format'];
  files: string[];
  checksum: string;
  records: StoredRecord[];
}

interface DescriptorEntry {
  id: string;
  file: string;
  side?: string;
  authority?: string;
  title?: string;
  dataDate?: string;
}

const HAN = /\p{Script=Han}/u;
// Identifier fields whose change makes a record materially different (FtM properties, CSL `ids`).
const ID_FIELDS = /^(ids|registrationNumber|taxNumber|innCode|ogrnCode|leiCode|swiftBic|idNumber|passportNumber|imoNumber|uniqueEntityId|unifiedSocialCreditCode|uscCode)$/;

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const sorted = (xs: readonly string[]) => [...xs].sort();

/** JSON with object keys sorted, so equal content always hashes the same. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function identifiers(details: Record<string, unknown>): Record<string, unknown> {
  const props = (details.properties as Record<string, unknown> | undefined) ?? details;
  return Object.fromEntries(Object.entries(props).filter(([k]) => ID_FIELDS.test(k)));
}

export function toStoredRecord(r: ListRecord, source: RecordSource | undefined): StoredRecord {
  const details = source?.details ?? {};
  const base = {
    recordId: r.recordId,
    type: r.type,
    name: r.name,
    aliases: [...r.aliases],
    chineseNames: [r.name, ...r.aliases].filter((n) => HAN.test(n)),
    countries: [...r.countries],
    programs: [...r.programs],
    sourceUrl: source?.sourceUrl ?? null,
    details,
  };
  // Material: what identifies the record and why it is listed. Addresses or remarks changing do not
  // reopen a decision; a new alias, programme or identifier does (TR ONESOURCE "critical fields").
  const material = { recordId: r.recordId, type: r.type, names: sorted([r.name, ...r.aliases]), programs: sorted(r.programs), ids: identifiers(details) };
  return { ...base, contentHash: sha(stableJson(base)), materialHash: sha(stableJson(material)) };
}

function descriptorEntries(path: string, text: string): DescriptorEntry[] {
  if (!/(^|\/)[^/]*\.json$/i.test(path) || !text.trimStart().startsWith('[')) return [];
  try {
    const data = JSON.parse(text) as unknown;
    if (!Array.isArray(data)) return [];
    return data.filter((e): e is DescriptorEntry => typeof e === 'object' && e !== null && typeof (e as DescriptorEntry).id === 'string' && typeof (e as DescriptorEntry).file === 'string' && !('name' in e));
  } catch {
    return [];
  }
}

const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/**
 * Reads list files (with any `index.json` descriptor among them) into lists. The engine's readers
 * validate every file and throw ListFormatError naming the file and line; nothing is returned then.
 */
export function parseListFiles(input: readonly ListFile[], opts: { side?: string } = {}): { lists: ParsedList[]; warnings: string[] } {
  const files = input.map((f) => ({ path: f.path.replace(/\\/g, '/'), text: decodeText(f.contents) }));
  // Control characters and lone surrogates are refused before any reader sees the text: they would
  // otherwise reach names the engine compares and rows the database refuses (a trailing Ctrl-Z, which
  // OFAC files carry, is already gone). Bytes that are not UTF-8 were read as Windows-1252.
  for (const f of files) {
    const problems = fileTextProblems(f.text);
    if (problems.length > 0) throw new ListTextError(f.path, problems);
  }
  const loaded = loadListFiles(files.map((f) => ({ path: f.path, contents: f.text })));
  const descriptors = new Map<string, DescriptorEntry>();
  for (const f of files) {
    for (const e of descriptorEntries(f.path, f.text)) descriptors.set(posix.normalize(posix.join(posix.dirname(f.path), e.file)), e);
  }
  const byPath = new Map(files.map((f) => [f.path, f]));
  const warnings = [...loaded.warnings];
  const seenIds = new Set<string>();
  const lists: ParsedList[] = [];
  for (const l of loaded.lists) {
    if (seenIds.has(l.listId)) throw new DuplicateListError(l.listId);
    seenIds.add(l.listId);
    const primary = byPath.get(l.file) ?? { path: l.file, text: '' };
    const dir = posix.dirname(l.file);
    const prefix = base(l.file).toLowerCase().replace(/(prim|sdn)\.csv$/, '');
    const companions: Record<string, string | undefined> = {};
    const fileSet = [primary];
    if (l.format === 'ofac-legacy-csv') {
      for (const part of ['alt', 'add', 'comments']) {
        const c = files.find((f) => posix.dirname(f.path) === dir && base(f.path).toLowerCase() === `${prefix}${part}.csv`);
        if (c) {
          companions[part] = c.text;
          fileSet.push(c);
        }
      }
    }
    const sources = readRecordSources(l.format, primary, companions);
    const records: StoredRecord[] = [];
    const recordIds = new Set<string>();
    for (const r of loaded.records) {
      if (r.listId !== l.listId) continue;
      if (recordIds.has(r.recordId)) {
        warnings.push(`${l.file}: record ${r.recordId} appears more than once; the first is kept`);
        continue;
      }
      recordIds.add(r.recordId);
      records.push(toStoredRecord(r, sources.get(r.recordId)));
    }
    const d = descriptors.get(posix.normalize(l.file));
    const known = knownList(l.listId, opts.side ?? d?.side);
    const sortedFiles = [...fileSet].sort((a, b) => (base(a.path) < base(b.path) ? -1 : 1));
    // File names, not folders, enter the checksum: the same files imported from elsewhere are the same version.
    const checksum = sha(sortedFiles.map((f) => `${base(f.path)}\u0000${sha(f.text)}`).join('\n'));
    lists.push({
      listId: l.listId,
      side: known.side,
      authority: d?.authority ?? known.authority,
      title: d?.title ?? known.title,
      dataDate: d?.dataDate ?? null,
      format: l.format,
      files: sortedFiles.map((f) => base(f.path)),
      checksum,
      records,
    });
  }
  return { lists, warnings };
}

/** A list file with bytes that are not text, each bad line with its problem (1-based). */
export class ListTextError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly { line: number; message: string }[],
  ) {
    super(`${file}: ${problems.length} line${problems.length === 1 ? '' : 's'} with bytes that are not text`);
  }
}

export class DuplicateListError extends Error {
  constructor(readonly listId: string) {
    super(`two files give the list id "${listId}"; import them separately or name them in an index.json descriptor`);
  }
}
