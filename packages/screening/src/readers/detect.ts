import { parseCsv } from './csv.ts';
import { isFtmEntity } from './ftm.ts';
import { OFAC_COLUMNS, type OfacPart } from './ofac.ts';

export type DetectedFormat =
  | { readonly kind: 'csl-csv' }
  | { readonly kind: 'csl-json'; readonly data: unknown }
  | { readonly kind: 'ftm' }
  | { readonly kind: 'ofac'; readonly part: OfacPart }
  | { readonly kind: 'descriptor'; readonly entries: readonly { id: string; file: string }[] }
  | { readonly kind: 'unsupported'; readonly reason: string };

function firstLine(text: string): string {
  const m = /^[^\r\n]*\S[^\r\n]*/m.exec(text);
  return m ? m[0] : '';
}

function detectJson(text: string): DetectedFormat {
  const first = firstLine(text).trim();
  // FollowTheMoney exports are JSON lines: the first line alone is a complete entity.
  try {
    const one: unknown = JSON.parse(first);
    if (isFtmEntity(one)) return { kind: 'ftm' };
  } catch {
    // Not one object per line; try the whole text below.
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    if (first.startsWith('{') && first.includes('"schema"')) return { kind: 'ftm' };
    return { kind: 'unsupported', reason: 'JSON that is neither a CSL export nor FollowTheMoney entities' };
  }
  const items = Array.isArray(data) ? data : (data as { results?: unknown } | null)?.results;
  if (Array.isArray(items)) {
    const sample = items[0] as Record<string, unknown> | undefined;
    if (items.length > 0 && items.every((e) => typeof e === 'object' && e !== null && 'file' in e && 'id' in e && !('name' in e))) {
      return { kind: 'descriptor', entries: items as { id: string; file: string }[] };
    }
    if (sample === undefined || (typeof sample === 'object' && 'name' in sample && ('source' in sample || '_id' in sample || 'alt_names' in sample))) {
      return { kind: 'csl-json', data };
    }
  }
  return { kind: 'unsupported', reason: 'JSON that is neither a CSL export nor FollowTheMoney entities' };
}

function detectCsv(text: string): DetectedFormat {
  const line = firstLine(text);
  let fields: string[];
  try {
    fields = (parseCsv('', line, undefined, { lenientWidth: true })[0]?.fields ?? []).map((f) => f.trim());
  } catch {
    return { kind: 'unsupported', reason: 'not CSV, JSON or JSON lines' };
  }
  if (fields.includes('name') && (fields.includes('_id') || fields.includes('source') || fields.includes('alt_names'))) {
    return { kind: 'csl-csv' };
  }
  // OFAC's legacy files have no header: recognise them by an ent_num first and their column count.
  if (/^\d+$/.test(fields[0] ?? '')) {
    if (fields.length === OFAC_COLUMNS.primary) return { kind: 'ofac', part: 'primary' };
    if (fields.length === OFAC_COLUMNS.alt && /^(aka|fka|nka)$/i.test(fields[2] ?? '')) return { kind: 'ofac', part: 'alt' };
    if (fields.length === OFAC_COLUMNS.add) return { kind: 'ofac', part: 'add' };
    if (fields.length === OFAC_COLUMNS.comments) return { kind: 'ofac', part: 'comments' };
  }
  return { kind: 'unsupported', reason: 'no CSL header and not an OFAC legacy CSV layout' };
}

/** Detects a list file's format from its content alone (file names are only used to pair OFAC files). */
export function detectFormat(text: string): DetectedFormat {
  const start = text.trimStart();
  if (start === '') return { kind: 'unsupported', reason: 'empty file' };
  if (start.startsWith('{') || start.startsWith('[')) return detectJson(start);
  return detectCsv(start);
}
