import type { ProjectListQuery } from '@qiao/contracts';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { projectEvents, projects } from './project.schema.ts';

export type ProjectRow = typeof projects.$inferSelect;

export function listProjects(db: DbOrTx, q: ProjectListQuery): Promise<ProjectRow[]> {
  const like = q.q ? `%${q.q.toLowerCase().replace(/[\\%_]/g, (c) => '\\' + c)}%` : undefined;
  return db
    .select()
    .from(projects)
    .where(
      and(
        q.status ? eq(projects.status, q.status) : undefined,
        q.groupId ? eq(projects.groupId, q.groupId) : undefined,
        like ? sql`lower(${projects.title}::text || ' ' || ${projects.abstract}::text || ' ' || ${projects.keywords}::text) like ${like}` : undefined,
      ),
    )
    .orderBy(desc(projects.updatedAt), asc(projects.id));
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
