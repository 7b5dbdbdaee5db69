import type { DatasetListQuery, PageQuery } from '@qiao/contracts';
import { and, asc, count, desc, eq, getTableColumns, gte, inArray, isNotNull, isNull, ne, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { afterCursor, keysetAt, toPage } from '../../db/keyset-page.ts';
import { users } from '../users/user.schema.ts';
import { accessRequests, datasetFiles, datasets, datasetVersions, downloadLog } from './dataset.schema.ts';

export type DatasetRow = typeof datasets.$inferSelect;
export type VersionRow = typeof datasetVersions.$inferSelect;
export type FileRow = typeof datasetFiles.$inferSelect;
export type RequestRow = typeof accessRequests.$inferSelect;

const like = (s: string) => `%${s.toLowerCase().replace(/[\\%_]/g, (c) => '\\' + c)}%`;

function listFilter(q: DatasetListQuery) {
  return and(
    q.side ? eq(datasets.side, q.side) : undefined,
    q.accessLevel ? eq(datasets.accessLevel, q.accessLevel) : undefined,
    q.licence ? eq(datasets.licence, q.licence) : undefined,
    q.subject ? sql`${datasets.subjects} @> ${JSON.stringify([q.subject])}::jsonb` : undefined,
    // Text search over both languages of title and description, subjects and places.
    q.q ? sql`lower(${datasets.title}::text || ' ' || ${datasets.description}::text || ' ' || ${datasets.subjects}::text || ' ' || ${datasets.spatial}::text) like ${like(q.q)}` : undefined,
    q.year !== undefined
      ? and(sql`coalesce(${datasets.temporalStart}, '0000') <= ${`${q.year}-12-31`}`, sql`coalesce(${datasets.temporalEnd}, '9999') >= ${`${q.year}-01-01`}`)
      : undefined,
  );
}

export function listDatasets(db: DbOrTx, q: DatasetListQuery): Promise<DatasetRow[]> {
  return db.select().from(datasets).where(listFilter(q)).orderBy(desc(datasets.updatedAt), asc(datasets.id));
}

/**
 * One page of the catalogue, newest change first, with the number of datasets the filter matches.
 * `publicOnly` keeps to what a visitor may see (open and embargoed, as canSee says) in the query
 * itself, so pages are full and the total discloses nothing.
 */
export async function pageDatasets(db: DbOrTx, q: DatasetListQuery & PageQuery, publicOnly: boolean): Promise<{ rows: DatasetRow[]; next: string | null; total: number }> {
  const where = and(listFilter(q), publicOnly ? inArray(datasets.accessLevel, ['open', 'embargoed']) : undefined);
  const [rows, [counted]] = await Promise.all([
    db
      .select({ ...getTableColumns(datasets), pageAt: keysetAt(datasets.updatedAt) })
      .from(datasets)
      .where(and(where, afterCursor(datasets.updatedAt, datasets.id, q.cursor)))
      .orderBy(desc(datasets.updatedAt), asc(datasets.id))
      .limit(q.limit + 1),
    db.select({ n: count() }).from(datasets).where(where),
  ]);
  const page = toPage(rows, q.limit, counted?.n ?? 0);
  return { ...page, rows: page.rows.map(({ pageAt: _, ...row }) => row) };
}

export async function findDataset(db: DbOrTx, id: string): Promise<DatasetRow | undefined> {
  const [row] = await db.select().from(datasets).where(eq(datasets.id, id));
  return row;
}

export async function insertDataset(tx: DbOrTx, values: typeof datasets.$inferInsert): Promise<DatasetRow> {
  const [row] = await tx.insert(datasets).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function updateDataset(tx: DbOrTx, id: string, version: number, values: Partial<typeof datasets.$inferInsert>): Promise<DatasetRow | undefined> {
  const [row] = await tx
    .update(datasets)
    .set({ ...values, version: version + 1, updatedAt: new Date() })
    .where(and(eq(datasets.id, id), eq(datasets.version, version)))
    .returning();
  return row;
}

export function listVersions(db: DbOrTx, datasetId: string): Promise<VersionRow[]> {
  return db.select().from(datasetVersions).where(eq(datasetVersions.datasetId, datasetId)).orderBy(asc(datasetVersions.number));
}

export async function findVersion(db: DbOrTx, datasetId: string, number: number): Promise<VersionRow | undefined> {
  const [row] = await db
    .select()
    .from(datasetVersions)
    .where(and(eq(datasetVersions.datasetId, datasetId), eq(datasetVersions.number, number)));
  return row;
}

/**
 * Reads a version and holds a row lock on it until the transaction ends, so a publish and a file
 * write on the same version run one after the other and each sees what the other did.
 */
export async function lockVersion(tx: DbOrTx, datasetId: string, number: number): Promise<VersionRow | undefined> {
  const [row] = await tx
    .select()
    .from(datasetVersions)
    .where(and(eq(datasetVersions.datasetId, datasetId), eq(datasetVersions.number, number)))
    .for('update');
  return row;
}

export async function latestPublishedNumbers(db: DbOrTx, datasetIds: string[]): Promise<Map<string, number>> {
  if (datasetIds.length === 0) return new Map();
  const rows = await db
    .select({ datasetId: datasetVersions.datasetId, n: sql<number>`max(${datasetVersions.number})` })
    .from(datasetVersions)
    .where(and(inArray(datasetVersions.datasetId, datasetIds), isNotNull(datasetVersions.publishedAt)))
    .groupBy(datasetVersions.datasetId);
  return new Map(rows.map((r) => [r.datasetId, Number(r.n)]));
}

export async function insertVersion(tx: DbOrTx, values: typeof datasetVersions.$inferInsert): Promise<VersionRow> {
  const [row] = await tx.insert(datasetVersions).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function publishVersion(tx: DbOrTx, id: string, at: Date): Promise<void> {
  await tx.update(datasetVersions).set({ publishedAt: at }).where(eq(datasetVersions.id, id));
}

export function filesOf(db: DbOrTx, versionIds: string[]): Promise<FileRow[]> {
  if (versionIds.length === 0) return Promise.resolve([]);
  return db.select().from(datasetFiles).where(inArray(datasetFiles.versionId, versionIds)).orderBy(asc(datasetFiles.name));
}

export async function findFile(db: DbOrTx, fileId: string): Promise<{ file: FileRow; version: VersionRow } | undefined> {
  const [row] = await db.select().from(datasetFiles).innerJoin(datasetVersions, eq(datasetFiles.versionId, datasetVersions.id)).where(eq(datasetFiles.id, fileId));
  return row && { file: row.dataset_files, version: row.dataset_versions };
}

export async function upsertFile(tx: DbOrTx, values: typeof datasetFiles.$inferInsert): Promise<FileRow> {
  await tx.delete(datasetFiles).where(and(eq(datasetFiles.versionId, values.versionId), eq(datasetFiles.name, values.name)));
  const [row] = await tx.insert(datasetFiles).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function deleteFile(tx: DbOrTx, versionId: string, name: string): Promise<boolean> {
  const rows = await tx
    .delete(datasetFiles)
    .where(and(eq(datasetFiles.versionId, versionId), eq(datasetFiles.name, name)))
    .returning({ id: datasetFiles.id });
  return rows.length > 0;
}

export async function insertRequest(tx: DbOrTx, values: typeof accessRequests.$inferInsert): Promise<RequestRow> {
  const [row] = await tx.insert(accessRequests).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function findRequest(db: DbOrTx, id: string): Promise<RequestRow | undefined> {
  const [row] = await db.select().from(accessRequests).where(eq(accessRequests.id, id));
  return row;
}

export function requestsOf(db: DbOrTx, where: { datasetId?: string; requesterId?: string }): Promise<RequestRow[]> {
  return db
    .select()
    .from(accessRequests)
    .where(and(where.datasetId ? eq(accessRequests.datasetId, where.datasetId) : undefined, where.requesterId ? eq(accessRequests.requesterId, where.requesterId) : undefined))
    .orderBy(desc(accessRequests.createdAt));
}

export async function updateRequest(tx: DbOrTx, id: string, version: number, values: Partial<typeof accessRequests.$inferInsert>): Promise<RequestRow | undefined> {
  const [row] = await tx
    .update(accessRequests)
    .set({ ...values, version: version + 1 })
    .where(and(eq(accessRequests.id, id), eq(accessRequests.version, version)))
    .returning();
  return row;
}

export async function requesters(db: DbOrTx, ids: string[]): Promise<Map<string, { id: string; email: string; displayName: string; side: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: users.id, email: users.email, displayName: users.displayName, side: users.side }).from(users).where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function logDownload(db: DbOrTx, values: typeof downloadLog.$inferInsert): Promise<void> {
  await db.insert(downloadLog).values(values);
}

export function downloadsOf(db: DbOrTx, datasetId: string): Promise<(typeof downloadLog.$inferSelect)[]> {
  return db.select().from(downloadLog).where(eq(downloadLog.datasetId, datasetId)).orderBy(desc(downloadLog.id)).limit(1000);
}

/** Active grants (granted, not yet expired) on a dataset, optionally only those of people not on `exceptSide`. */
export function activeGrants(db: DbOrTx, datasetId: string, today: string, exceptSide?: string): Promise<RequestRow[]> {
  return db
    .select({ request: accessRequests })
    .from(accessRequests)
    .innerJoin(users, eq(users.id, accessRequests.requesterId))
    .where(
      and(
        eq(accessRequests.datasetId, datasetId),
        eq(accessRequests.status, 'granted'),
        or(isNull(accessRequests.expiresAt), gte(accessRequests.expiresAt, today)),
        exceptSide ? ne(users.side, exceptSide) : undefined,
      ),
    )
    .then((rows) => rows.map((r) => r.request));
}
