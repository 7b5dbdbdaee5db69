import type { EntityType, ListRecord } from '../types.ts';
import { parseCsv } from './csv.ts';
import { fail, splitList } from './text.ts';

/** Columns a trade.gov CSL file must have; the rest of the official 29 are optional to us. */
export const CSL_REQUIRED = ['name', 'source'] as const;

export function cslType(raw: unknown): EntityType {
  const t = typeof raw === 'string' ? raw.toLowerCase() : '';
  if (t === 'individual') return 'person';
  if (t === 'vessel') return 'vessel';
  if (t === 'aircraft') return 'aircraft';
  return 'organization';
}

/**
 * A stable id for CSL rows without `_id` (older exports and hand-made files): `entity_number` when the
 * source gives one, else an FNV-1a hash of source + name + addresses so re-reading the same row gives
 * the same id. Prefixed so it can never collide with a real 56-hex `_id`.
 */
export function fallbackCslId(row: Record<string, unknown>): string {
  const entityNumber = typeof row.entity_number === 'string' || typeof row.entity_number === 'number' ? String(row.entity_number).trim() : '';
  if (entityNumber !== '') return `entity-number-${entityNumber}`;
  const text = [row.source, row.name, row.addresses].map((v) => (typeof v === 'string' ? v : JSON.stringify(v ?? ''))).join('\u0000');
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `csl-hash-${h.toString(16).padStart(8, '0')}`;
}

function toRecord(row: Record<string, unknown>, listId: string, file: string, line: number | undefined): ListRecord {
  const name = typeof row.name === 'string' ? row.name.trim() : '';
  if (name === '') fail(file, line, 'record has no name');
  const id = typeof row._id === 'string' && row._id.trim() !== '' ? row._id.trim() : fallbackCslId(row);
  const source = typeof row.source === 'string' ? row.source.trim() : '';
  return {
    listId,
    recordId: id,
    type: cslType(row.type),
    name,
    aliases: splitList(row.alt_names),
    programs: [...(source === '' ? [] : [source]), ...splitList(row.programs)],
    countries: [...splitList(row.nationalities, /[;,]/), ...splitList(row.citizenships)].map((c) => c.toLowerCase()),
    sourceFile: file,
  };
}

/** Reads the trade.gov CSL CSV layout (header row with `_id,source,…,name,…,alt_names,…`). */
export function readCslCsv(file: string, text: string, listId: string): ListRecord[] {
  const rows = parseCsv(file, text);
  const header = rows[0]?.fields.map((h) => h.trim());
  if (!header) fail(file, 1, 'empty file');
  for (const col of CSL_REQUIRED) {
    if (!header.includes(col)) fail(file, 1, `CSL header lacks the "${col}" column`);
  }
  const records: ListRecord[] = [];
  for (const row of rows.slice(1)) {
    const obj: Record<string, unknown> = {};
    header.forEach((h, i) => (obj[h] = row.fields[i] ?? ''));
    records.push(toRecord(obj, listId, file, row.line));
  }
  return records;
}

/** Reads the data.trade.gov CSL API JSON: `{"results": [...]}` or a bare array of the same objects. */
export function readCslJson(file: string, data: unknown, listId: string): ListRecord[] {
  const results = Array.isArray(data) ? data : (data as { results?: unknown }).results;
  if (!Array.isArray(results)) fail(file, undefined, 'CSL JSON must be an array or an object with "results"');
  return results.map((r: unknown, i) => {
    if (typeof r !== 'object' || r === null) fail(file, undefined, `results[${i}] is not an object`);
    return toRecord(r as Record<string, unknown>, listId, file, undefined);
  });
}
