import type { PageQuery, ProjectListQuery } from '@qiao/contracts';
import { and, asc, count, desc, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { afterCursor, keysetAt, toPage } from '../../db/keyset-page.ts';
import { projectEvents, projects } from './project.schema.ts';

export type ProjectRow = typeof projects.$inferSelect;

function listFilter(q: ProjectListQuery): SQL | undefined {
  const like = q.q ? `%${q.q.toLowerCase().replace(/[\\%_]/g, (c) => '\\' + c)}%` : undefined;
  return and(
    q.status ? eq(projects.status, q.status) : undefined,
    q.groupId ? eq(projects.groupId, q.groupId) : undefined,
    like ? sql`lower(${projects.title}::text || ' ' || ${projects.abstract}::text || ' ' || ${projects.keywords}::text) like ${like}` : undefined,
    q.flagged === undefined ? undefined : sql`(jsonb_array_length(coalesce(${projects.checks} -> 'flags', '[]'::jsonb)) > 0) = ${q.flagged === 'true'}`,
  );
}

export function listProjects(db: DbOrTx, q: ProjectListQuery): Promise<ProjectRow[]> {
  return db.select().from(projects).where(listFilter(q)).orderBy(desc(projects.updatedAt), asc(projects.id));
}

/** One page of the list, newest change first, with the number of projects the filter matches. */
export async function pageProjects(db: DbOrTx, q: ProjectListQuery & PageQuery): Promise<{ rows: ProjectRow[]; next: string | null; total: number }> {
  const where = listFilter(q);
  const [rows, [counted]] = await Promise.all([
    db
      .select({ ...getTableColumns(projects), pageAt: keysetAt(projects.updatedAt) })
      .from(projects)
      .where(and(where, afterCursor(projects.updatedAt, projects.id, q.cursor)))
      .orderBy(desc(projects.updatedAt), asc(projects.id))
      .limit(q.limit + 1),
    db.select({ n: count() }).from(projects).where(where),
  ]);
  const page = toPage(rows, q.limit, counted?.n ?? 0);
  return { ...page, rows: page.rows.map(({ pageAt: _, ...row }) => row) };
}

export async function findProject(db: DbOrTx, id: string): Promise<ProjectRow | undefined> {
  const [row] = await db.select().from(projects).where(eq(projects.id, id));
  return row;
}

/** Projects naming a party, found by jsonb containment on the parties array. */
export function projectsWithParty(db: DbOrTx, partyId: string): Promise<ProjectRow[]> {
  return db
    .select()
    .from(projects)
    .where(sql`${projects.parties} @> ${JSON.stringify([{ partyId }])}::jsonb`);
}

export async function insertProject(tx: DbOrTx, values: typeof projects.$inferInsert): Promise<ProjectRow> {
  const [row] = await tx.insert(projects).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function updateProject(tx: DbOrTx, id: string, version: number, values: Partial<typeof projects.$inferInsert>): Promise<ProjectRow | undefined> {
  const [row] = await tx
    .update(projects)
    .set({ ...values, version: version + 1, updatedAt: new Date() })
    .where(and(eq(projects.id, id), eq(projects.version, version)))
    .returning();
  return row;
}

export async function insertEvent(tx: DbOrTx, values: typeof projectEvents.$inferInsert): Promise<void> {
  await tx.insert(projectEvents).values(values);
}

export function eventsOf(db: DbOrTx, projectId: string): Promise<(typeof projectEvents.$inferSelect)[]> {
  return db.select().from(projectEvents).where(eq(projectEvents.projectId, projectId)).orderBy(asc(projectEvents.id));
}
