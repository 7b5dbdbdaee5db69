import type { EntityType, ListRecord } from '../types.ts';
import { fail, nonBlankLines } from './text.ts';

/** FollowTheMoney schemata that name a party we screen against; relations, addresses and sanctions are skipped. */
const SCHEMA_TYPES: Readonly<Record<string, EntityType>> = {
  Person: 'person',
  Organization: 'organization',
  Company: 'organization',
  LegalEntity: 'organization',
  PublicBody: 'organization',
  Vessel: 'vessel',
  Airplane: 'aircraft',
};

interface FtmEntity {
  id?: unknown;
  schema?: unknown;
  caption?: unknown;
  properties?: Record<string, unknown>;
  datasets?: unknown;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').map((s) => s.trim()).filter((s) => s !== '') : [];
}

/** True when a line looks like a FollowTheMoney entity (used for format detection). */
export function isFtmEntity(v: unknown): boolean {
  return typeof v === 'object' && v !== null && typeof (v as FtmEntity).schema === 'string' && typeof (v as FtmEntity).id === 'string';
}

/** Reads an OpenSanctions FollowTheMoney export: one JSON entity per line. */
export function readFtm(file: string, text: string, listId: string): ListRecord[] {
  const records: ListRecord[] = [];
  for (const { line, text: l } of nonBlankLines(text)) {
    let e: FtmEntity;
    try {
      e = JSON.parse(l) as FtmEntity;
    } catch (err: unknown) {
      fail(file, line, `invalid JSON (truncated line?): ${err instanceof Error ? err.message : String(err)}`);
    }
    if (!isFtmEntity(e)) fail(file, line, 'not a FollowTheMoney entity (needs "id" and "schema")');
    const type = SCHEMA_TYPES[e.schema as string];
    if (type === undefined) continue;
    const props = e.properties ?? {};
    const names = strings(props.name);
    const caption = typeof e.caption === 'string' ? e.caption.trim() : '';
    const primary = caption !== '' ? caption : names[0];
    if (primary === undefined) fail(file, line, `entity ${String(e.id)} has no name`);
    const aliases = [...names, ...strings(props.alias), ...strings(props.previousName), ...strings(props.weakAlias)].filter(
      (n, i, all) => n !== primary && all.indexOf(n) === i,
    );
    const programs = strings(props.program);
    records.push({
      listId,
      recordId: e.id as string,
      type,
      name: primary,
      aliases,
      programs: programs.length > 0 ? programs : strings(props.authority),
      countries: [...strings(props.country), ...strings(props.jurisdiction), ...strings(props.nationality)].map((c) => c.toLowerCase()),
      sourceFile: file,
    });
  }
  return records;
}
