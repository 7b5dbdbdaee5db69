import type { ListVersion } from '@qiao/contracts';
import { and, asc, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import type { StoredRecord } from './list-files.ts';
import { screeningListRecords as records, screeningListVersions as versions } from './list.schema.ts';

export type VersionRow = typeof versions.$inferSelect;
export type RecordRow = typeof records.$inferSelect;

export function toListVersion(r: VersionRow): ListVersion {
  return {
    id: r.id,
    listId: r.listId,
    version: r.version,
    side: r.side,
    authority: r.authority,
    title: r.title,
    dataDate: r.dataDate,
    format: r.format,
    recordCount: r.recordCount,
    checksum: r.checksum,
    files: r.files,
    importedBy: r.importedByEmail,
    importedAt: r.importedAt.toISOString(),
    current: r.isCurrent,
  };
}

export function toStored(r: RecordRow): StoredRecord {
  const { versionId: _v, ...rest } = r;
  return rest;
}

export async function currentVersions(db: DbOrTx): Promise<VersionRow[]> {
  return db.select().from(versions).where(eq(versions.isCurrent, true)).orderBy(asc(versions.listId));
}

/** The current version of a list, locked so two imports of the same list take turns. */
export async function lockCurrentVersion(tx: DbOrTx, listId: string): Promise<VersionRow | undefined> {
  const [row] = await tx.select().from(versions).where(and(eq(versions.listId, listId), eq(versions.isCurrent, true))).for('update');
  return row;
}

export async function versionsOf(db: DbOrTx, listId: string): Promise<VersionRow[]> {
  return db.select().from(versions).where(eq(versions.listId, listId)).orderBy(desc(versions.version));
}

export async function findVersion(db: DbOrTx, listId: string, version: number): Promise<VersionRow | undefined> {
  const [row] = await db.select().from(versions).where(and(eq(versions.listId, listId), eq(versions.version, version)));
  return row;
}

export async function findVersionById(db: DbOrTx, id: string): Promise<VersionRow | undefined> {
  const [row] = await db.select().from(versions).where(eq(versions.id, id));
  return row;
}

export async function retireVersion(tx: DbOrTx, id: string): Promise<void> {
  await tx.update(versions).set({ isCurrent: false }).where(eq(versions.id, id));
}

export async function insertVersion(tx: DbOrTx, values: typeof versions.$inferInsert): Promise<VersionRow> {
  const [row] = await tx.insert(versions).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

// PostgreSQL takes at most 65,535 parameters per statement; 12 columns × 1,000 rows stays well under.
const INSERT_CHUNK = 1000;

export async function insertRecords(tx: DbOrTx, versionId: string, rows: readonly StoredRecord[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await tx.insert(records).values(rows.slice(i, i + INSERT_CHUNK).map((r) => ({ ...r, versionId })));
  }
}

export async function recordHashes(db: DbOrTx, versionId: string): Promise<Map<string, { contentHash: string; materialHash: string }>> {
  const rows = await db.select({ recordId: records.recordId, contentHash: records.contentHash, materialHash: records.materialHash }).from(records).where(eq(records.versionId, versionId));
  return new Map(rows.map((r) => [r.recordId, { contentHash: r.contentHash, materialHash: r.materialHash }]));
}

export async function recordsOf(db: DbOrTx, versionId: string, recordIds?: readonly string[]): Promise<StoredRecord[]> {
  if (recordIds && recordIds.length === 0) return [];
  const rows = await db
    .select()
    .from(records)
    .where(and(eq(records.versionId, versionId), recordIds ? inArray(records.recordId, [...recordIds]) : undefined))
    .orderBy(asc(records.recordId));
  return rows.map(toStored);
}

export async function searchRecords(db: DbOrTx, versionId: string, q: string | undefined, offset: number, limit: number): Promise<StoredRecord[]> {
  const text = q ? '%' + q.replace(/[\\%_]/g, (c) => '\\' + c) + '%' : undefined;
  const rows = await db
    .select()
    .from(records)
    .where(and(eq(records.versionId, versionId), text ? or(ilike(records.name, text), ilike(sql`${records.aliases}::text`, text), eq(records.recordId, q ?? '')) : undefined))
    .orderBy(asc(records.name), asc(records.recordId))
    .offset(offset)
    .limit(limit);
  return rows.map(toStored);
}

/** Records of several versions (with their list), by (version, record) pairs; for search results. */
export async function recordsByKeys(db: DbOrTx, keys: readonly { versionId: string; recordId: string }[]): Promise<Map<string, StoredRecord>> {
  if (keys.length === 0) return new Map();
  const rows = await db
    .select()
    .from(records)
    .where(or(...keys.map((k) => and(eq(records.versionId, k.versionId), eq(records.recordId, k.recordId)))));
  return new Map(rows.map((r) => [`${r.versionId}|${r.recordId}`, toStored(r)]));
}

/** What the matcher needs of every record of the given versions. */
export async function matcherRows(db: DbOrTx, versionIds: readonly string[]) {
  if (versionIds.length === 0) return [];
  return db
    .select({ versionId: records.versionId, recordId: records.recordId, type: records.type, name: records.name, aliases: records.aliases, programs: records.programs, countries: records.countries })
    .from(records)
    .where(inArray(records.versionId, [...versionIds]));
}
