import type { Organization, Person } from '@qiao/contracts';
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { organizations, people } from './party.schema.ts';

type OrgRow = typeof organizations.$inferSelect;
type PersonRow = typeof people.$inferSelect;
type Table = typeof organizations | typeof people;

const stamps = (r: { createdAt: Date; updatedAt: Date }) => ({ createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() });

export function toOrganization(r: OrgRow): Organization {
  return { id: r.id, names: r.names, side: r.side, country: r.country, kind: r.kind, ...(r.website ? { website: r.website } : {}), isDemo: r.isDemo, version: r.version, ...stamps(r) };
}

export function toPerson(r: PersonRow): Person {
  return { id: r.id, names: r.names, side: r.side, affiliationId: r.affiliationId, ...(r.email ? { email: r.email } : {}), isDemo: r.isDemo, version: r.version, ...stamps(r) };
}

function filters(table: Table, side?: string, q?: string): SQL | undefined {
  // Names live in a JSON array; a substring match over its text form finds any language's name.
  const text = q ? sql`lower(${table.names}::text) like ${'%' + q.toLowerCase().replace(/[\\%_]/g, (c) => '\\' + c) + '%'}` : undefined;
  return and(side ? eq(table.side, side) : undefined, text);
}

export async function listOrganizations(db: DbOrTx, side?: string, q?: string): Promise<Organization[]> {
  const rows = await db.select().from(organizations).where(filters(organizations, side, q)).orderBy(asc(organizations.createdAt), asc(organizations.id));
  return rows.map(toOrganization);
}

export async function listPeople(db: DbOrTx, side?: string, q?: string): Promise<Person[]> {
  const rows = await db.select().from(people).where(filters(people, side, q)).orderBy(asc(people.createdAt), asc(people.id));
  return rows.map(toPerson);
}

export async function findOrganization(db: DbOrTx, id: string): Promise<Organization | undefined> {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, id));
  return row && toOrganization(row);
}

/** Organisations and people by id, two queries for any number: id → side and names. */
export async function partiesByIds(db: DbOrTx, ids: { organizations: readonly string[]; people: readonly string[] }): Promise<Map<string, Organization | Person>> {
  const [orgs, persons] = await Promise.all([
    ids.organizations.length ? db.select().from(organizations).where(inArray(organizations.id, [...ids.organizations])) : [],
    ids.people.length ? db.select().from(people).where(inArray(people.id, [...ids.people])) : [],
  ]);
  return new Map<string, Organization | Person>([...orgs.map((r) => [r.id, toOrganization(r)] as const), ...persons.map((r) => [r.id, toPerson(r)] as const)]);
}

export async function findPerson(db: DbOrTx, id: string): Promise<Person | undefined> {
  const [row] = await db.select().from(people).where(eq(people.id, id));
  return row && toPerson(row);
}

export async function insertOrganization(tx: DbOrTx, values: typeof organizations.$inferInsert): Promise<Organization> {
  const [row] = await tx.insert(organizations).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return toOrganization(row);
}

export async function insertPerson(tx: DbOrTx, values: typeof people.$inferInsert): Promise<Person> {
  const [row] = await tx.insert(people).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return toPerson(row);
}

/** Compare-and-set on `version`: returns undefined when the row changed since the caller read it. */
export async function updateOrganization(tx: DbOrTx, id: string, version: number, values: Partial<typeof organizations.$inferInsert>): Promise<Organization | undefined> {
  const [row] = await tx
    .update(organizations)
    .set({ ...values, version: version + 1, updatedAt: new Date() })
    .where(and(eq(organizations.id, id), eq(organizations.version, version)))
    .returning();
  return row && toOrganization(row);
}

export async function updatePerson(tx: DbOrTx, id: string, version: number, values: Partial<typeof people.$inferInsert>): Promise<Person | undefined> {
  const [row] = await tx
    .update(people)
    .set({ ...values, version: version + 1, updatedAt: new Date() })
    .where(and(eq(people.id, id), eq(people.version, version)))
    .returning();
  return row && toPerson(row);
}

/** The side of each given organisation or person, by id (unknown ids are left out). */
export async function sidesOf(db: DbOrTx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const [orgs, persons] = await Promise.all([
    db.select({ id: organizations.id, side: organizations.side }).from(organizations).where(inArray(organizations.id, [...ids])),
    db.select({ id: people.id, side: people.side }).from(people).where(inArray(people.id, [...ids])),
  ]);
  return new Map([...orgs, ...persons].map((r) => [r.id, r.side]));
}
