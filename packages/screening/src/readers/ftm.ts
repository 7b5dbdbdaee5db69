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

/** The non-blank strings of a property, trimmed (one pass: a million entities read several each). */
function strings(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  const out: string[] = [];
  for (const x of v) {
    if (typeof x !== 'string') continue;
    const t = x.trim();
    if (t !== '') out.push(t);
  }
  return out;
}

/** True when a line looks like a FollowTheMoney entity (used for format detection). */
export function isFtmEntity(v: unknown): boolean {
  return typeof v === 'object' && v !== null && typeof (v as FtmEntity).schema === 'string' && typeof (v as FtmEntity).id === 'string';
}

/**
 * Shares equal small arrays (programmes, countries) between records: a large export repeats a few
 * hundred values across a million entities, and one array per distinct value keeps them out of memory.
 */
class ArrayInterner {
  private readonly seen = new Map<string, readonly string[]>();
  private static readonly EMPTY: readonly string[] = Object.freeze([]);

  get(values: string[]): readonly string[] {
    if (values.length === 0) return ArrayInterner.EMPTY;
    const key = values.join('\u0000');
    const hit = this.seen.get(key);
    if (hit) return hit;
    if (this.seen.size < 50_000) this.seen.set(key, values);
    return values;
  }
}

const NO_ALIASES: readonly string[] = Object.freeze([]);

/**
 * Reads an OpenSanctions FollowTheMoney export (one JSON entity per line) line by line, handing each
 * screenable entity to `emit` as it is read; returns how many were emitted.
 */
export function readFtmLines(file: string, lines: Iterable<{ line: number; text: string }>, listId: string, emit: (r: ListRecord) => void): number {
  const interner = new ArrayInterner();
  let count = 0;
  for (const { line, text: l } of lines) {
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
    emit({
      listId,
      recordId: e.id as string,
      type,
      name: primary,
      aliases: aliases.length === 0 ? NO_ALIASES : aliases,
      programs: interner.get(programs.length > 0 ? programs : strings(props.authority)),
      countries: interner.get([...strings(props.country), ...strings(props.jurisdiction), ...strings(props.nationality)].map((c) => c.toLowerCase())),
      sourceFile: file,
    });
    count++;
  }
  return count;
}

/** Reads an OpenSanctions FollowTheMoney export held as one text. */
export function readFtm(file: string, text: string, listId: string): ListRecord[] {
  const records: ListRecord[] = [];
  readFtmLines(file, nonBlankLines(text), listId, (r) => records.push(r));
  return records;
}
