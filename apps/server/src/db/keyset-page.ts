import { sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { validationFailed } from '../errors.ts';

/**
 * Keyset paging over lists ordered newest change first (`updated_at desc, id asc`). A page ends at a
 * row; the next starts strictly after it, so rows written between two requests neither repeat nor
 * vanish the way they would with an offset.
 */

/** One page of a list, and where the next one starts (null on the last page). */
export interface Page<T> {
  items: T[];
  next: string | null;
  /** How many rows the filter matches across every page. */
  total: number;
}

/** Where a page ended: the row's change time to the microsecond (as PostgreSQL keeps it) and its id. */
interface Keyset {
  at: string;
  id: string;
}

const AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The change time as exact text. A JavaScript Date keeps milliseconds only, and two rows a few
 * microseconds apart would compare equal, so the cursor carries what the database stores.
 */
export const keysetAt = (column: PgColumn) => sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export function encodeCursor(at: string, id: string): string {
  return Buffer.from(JSON.stringify([at, id]), 'utf8').toString('base64url');
}

/** The position a cursor names; anything that is not a cursor this server wrote is a 400, never a query. */
export function decodeCursor(cursor: string): Keyset {
  const bad = () => validationFailed('cursor: not a cursor of this list; start again from the first page');
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw bad();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw bad();
  const [at, id] = parsed as unknown[];
  if (typeof at !== 'string' || typeof id !== 'string' || !AT.test(at) || !UUID.test(id)) throw bad();
  // A well-formed but impossible date (month 13) would make the database refuse the query.
  const ms = Date.parse(at.slice(0, 23) + 'Z');
  if (Number.isNaN(ms) || at.startsWith('0000') || new Date(ms).toISOString().slice(0, 23) !== at.slice(0, 23)) throw bad();
  return { at, id };
}

/** Rows after the cursor's row in `updatedAt desc, id asc` order. */
export function afterCursor(updatedAt: PgColumn, id: PgColumn, cursor: string | undefined): SQL | undefined {
  if (cursor === undefined) return undefined;
  const k = decodeCursor(cursor);
  return sql`(${updatedAt} < ${k.at}::timestamptz or (${updatedAt} = ${k.at}::timestamptz and ${id} > ${k.id}::uuid))`;
}

/** Splits `limit + 1` rows read into the page and the cursor after its last row. */
export function toPage<T extends { id: string; pageAt: string }>(rows: T[], limit: number, total: number): { rows: T[]; next: string | null; total: number } {
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  return { rows: page, next: more && last ? encodeCursor(last.pageAt, last.id) : null, total };
}

/**
 * The paging headers of a reply to `url` (the request's path and query): the total, and a `Link` to
 * the next page with the same filters when there is one.
 */
export function pageHeaders(url: string, page: Pick<Page<unknown>, 'next' | 'total'>): Record<string, string> {
  const headers: Record<string, string> = { 'x-total-count': String(page.total) };
  if (page.next) {
    const next = new URL(url, 'http://local');
    next.searchParams.set('cursor', page.next);
    headers.link = `<${next.pathname}${next.search}>; rel="next"`;
  }
  return headers;
}
