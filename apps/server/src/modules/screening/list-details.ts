import { parseCsv } from '@qiao/screening';

/** A record's source data as its file has it, with the link to the publisher's page for it. */
export interface RecordSource {
  details: Record<string, unknown>;
  sourceUrl: string | null;
}

type Format = 'csl-csv' | 'csl-json' | 'ftm' | 'ofac-legacy-csv';

const OFAC_PRIMARY = ['ent_num', 'name', 'type', 'program', 'title', 'call_sign', 'vessel_type', 'tonnage', 'grt', 'vessel_flag', 'vessel_owner', 'remarks'];
const OFAC_ALT = ['ent_num', 'alt_num', 'alt_type', 'alt_name', 'alt_remarks'];
const OFAC_ADD = ['ent_num', 'add_num', 'address', 'city_state_zip', 'country', 'add_remarks'];

function nonEmpty(obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    const value = typeof v === 'string' ? v.trim() : v;
    if (value !== '' && value !== '-0-' && value !== null && value !== undefined) out[k] = value;
  }
  return out;
}

/**
 * The engine's CSL reader derives ids for rows without `_id`; it does not export that function, so
 * the same rule is repeated here (entity_number, else FNV-1a of source + name + addresses). Keep in step
 * with packages/screening/src/readers/csl.ts `fallbackCslId`.
 */
function cslId(row: Record<string, unknown>): string {
  if (typeof row._id === 'string' && row._id.trim() !== '') return row._id.trim();
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

function cslSource(row: Record<string, unknown>): RecordSource {
  const url = [row.source_information_url, row.source_list_url].find((u): u is string => typeof u === 'string' && /^https?:\/\//.test(u.trim()));
  return { details: nonEmpty(row), sourceUrl: url?.trim() ?? null };
}

/**
 * Reads the source rows of one list's files again, keyed by record id. The engine's ListRecord keeps
 * only what matching needs; the platform shows the whole record (addresses, notices, remarks).
 * Files must already have passed the engine's readers, so this never meets a malformed file.
 */
export function readRecordSources(format: Format, primary: { path: string; text: string }, companions: Record<string, string | undefined> = {}): Map<string, RecordSource> {
  const out = new Map<string, RecordSource>();
  switch (format) {
    case 'ftm':
      for (const line of primary.text.split(/\r?\n/)) {
        if (line.trim() === '') continue;
        const e = JSON.parse(line) as { id?: unknown; properties?: Record<string, unknown> };
        if (typeof e.id !== 'string' || out.has(e.id)) continue;
        const urls = e.properties?.sourceUrl;
        const url = Array.isArray(urls) && typeof urls[0] === 'string' ? urls[0] : null;
        const { id: _id, ...rest } = e;
        out.set(e.id, { details: rest, sourceUrl: url });
      }
      break;
    case 'csl-json': {
      const data = JSON.parse(primary.text) as unknown;
      const rows = (Array.isArray(data) ? data : ((data as { results?: unknown[] }).results ?? [])) as Record<string, unknown>[];
      for (const row of rows) out.set(cslId(row), cslSource(row));
      break;
    }
    case 'csl-csv': {
      const rows = parseCsv(primary.path, primary.text);
      const header = rows[0]?.fields.map((h) => h.trim()) ?? [];
      for (const row of rows.slice(1)) {
        const obj: Record<string, unknown> = {};
        header.forEach((h, i) => (obj[h] = row.fields[i] ?? ''));
        const id = cslId(obj);
        if (!out.has(id)) out.set(id, cslSource(obj));
      }
      break;
    }
    case 'ofac-legacy-csv': {
      const byEnt = (text: string | undefined, cols: string[]): Map<string, Record<string, unknown>[]> => {
        const m = new Map<string, Record<string, unknown>[]>();
        if (!text) return m;
        for (const row of parseCsv('companion', text, cols.length)) {
          const obj = nonEmpty(Object.fromEntries(cols.map((c, i) => [c, row.fields[i] ?? ''])));
          const ent = (row.fields[0] ?? '').trim();
          m.set(ent, [...(m.get(ent) ?? []), obj]);
        }
        return m;
      };
      const alts = byEnt(companions.alt, OFAC_ALT);
      const adds = byEnt(companions.add, OFAC_ADD);
      const comments = byEnt(companions.comments, ['ent_num', 'remarks_extended']);
      for (const row of parseCsv(primary.path, primary.text, OFAC_PRIMARY.length)) {
        const obj = nonEmpty(Object.fromEntries(OFAC_PRIMARY.map((c, i) => [c, row.fields[i] ?? ''])));
        const ent = (row.fields[0] ?? '').trim();
        const details: Record<string, unknown> = { ...obj };
        if (alts.has(ent)) details.aliases = alts.get(ent);
        if (adds.has(ent)) details.addresses = adds.get(ent);
        if (comments.has(ent)) details.comments = comments.get(ent);
        out.set(ent, { details, sourceUrl: `https://sanctionssearch.ofac.treas.gov/Details.aspx?id=${ent}` });
      }
      break;
    }
  }
  return out;
}
