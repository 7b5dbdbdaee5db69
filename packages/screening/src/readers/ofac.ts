import type { EntityType, ListRecord } from '../types.ts';
import { parseCsv } from './csv.ts';
import { fail } from './text.ts';

/** Column counts of OFAC's legacy CSV layout (no header row): sdn/cons_prim, alt, add, comments. */
export const OFAC_COLUMNS = { primary: 12, alt: 5, add: 6, comments: 2 } as const;
export type OfacPart = keyof typeof OFAC_COLUMNS;

/** OFAC writes "-0-" (often padded with a space) for an empty value. */
function value(raw: string | undefined): string {
  const v = (raw ?? '').trim();
  return v === '-0-' ? '' : v;
}

function ofacType(raw: string): EntityType {
  switch (raw.toLowerCase()) {
    case 'individual':
      return 'person';
    case 'vessel':
      return 'vessel';
    case 'aircraft':
      return 'aircraft';
    default:
      // Legacy files leave the type empty ("-0-") for entities.
      return 'organization';
  }
}

export interface OfacSet {
  readonly primary: { path: string; text: string };
  readonly alt?: { path: string; text: string };
  readonly add?: { path: string; text: string };
}

/** Reads one OFAC legacy set: the primary file plus the aliases and addresses beside it. */
export function readOfacSet(set: OfacSet, listId: string): ListRecord[] {
  const aliases = new Map<string, string[]>();
  if (set.alt) {
    for (const row of parseCsv(set.alt.path, set.alt.text, OFAC_COLUMNS.alt)) {
      const ent = checkEntNum(set.alt.path, row.line, row.fields[0]);
      const name = value(row.fields[3]);
      if (name === '') continue;
      const list = aliases.get(ent) ?? [];
      list.push(name);
      aliases.set(ent, list);
    }
  }
  const countries = new Map<string, Set<string>>();
  if (set.add) {
    for (const row of parseCsv(set.add.path, set.add.text, OFAC_COLUMNS.add)) {
      const ent = checkEntNum(set.add.path, row.line, row.fields[0]);
      const country = value(row.fields[4]);
      if (country === '') continue;
      const s = countries.get(ent) ?? new Set<string>();
      s.add(country);
      countries.set(ent, s);
    }
  }
  const records: ListRecord[] = [];
  const seen = new Set<string>();
  for (const row of parseCsv(set.primary.path, set.primary.text, OFAC_COLUMNS.primary)) {
    const ent = checkEntNum(set.primary.path, row.line, row.fields[0]);
    if (seen.has(ent)) fail(set.primary.path, row.line, `duplicate ent_num ${ent}`);
    seen.add(ent);
    const name = value(row.fields[1]);
    if (name === '') fail(set.primary.path, row.line, `ent_num ${ent} has no name`);
    const program = value(row.fields[3]);
    records.push({
      listId,
      recordId: ent,
      type: ofacType(value(row.fields[2])),
      name,
      aliases: aliases.get(ent) ?? [],
      // Programmes come as "[SDGT] [IRGC]" in some files and "SDGT] [IRGC" once the outer brackets are stripped.
      programs: program
        .split(/\]\s*\[|;/)
        .map((p) => p.replace(/[[\]]/g, '').trim())
        .filter((p) => p !== ''),
      // Country names, not codes: the legacy format has no codes. Kept for display only.
      countries: [...(countries.get(ent) ?? [])],
      sourceFile: set.primary.path,
    });
  }
  return records;
}

function checkEntNum(file: string, line: number, raw: string | undefined): string {
  const ent = (raw ?? '').trim();
  if (!/^\d+$/.test(ent)) fail(file, line, `ent_num must be a number, found "${ent.slice(0, 40)}"`);
  return ent;
}
