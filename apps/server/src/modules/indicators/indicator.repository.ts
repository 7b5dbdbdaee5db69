import type { IndicatorRevision, IndicatorSeriesInput } from '@qiao/contracts';
import { and, asc, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { indicatorRevisions, indicatorSeries } from './indicator.schema.ts';

export type SeriesRow = typeof indicatorSeries.$inferSelect;

export function toInput(r: SeriesRow): IndicatorSeriesInput {
  return { id: r.id, nameEn: r.nameEn, nameZh: r.nameZh, unitEn: r.unitEn, unitZh: r.unitZh, chart: r.chart, source: r.source, notesEn: r.notesEn, notesZh: r.notesZh, values: r.values };
}

export function listSeries(db: DbOrTx): Promise<SeriesRow[]> {
  return db.select().from(indicatorSeries).orderBy(asc(indicatorSeries.id));
}

export async function findSeries(db: DbOrTx, id: string): Promise<SeriesRow | undefined> {
  const [row] = await db.select().from(indicatorSeries).where(eq(indicatorSeries.id, id));
  return row;
}

export async function insertSeries(tx: DbOrTx, input: IndicatorSeriesInput, actorEmail: string | null): Promise<SeriesRow> {
  const [row] = await tx.insert(indicatorSeries).values(input).returning();
  if (!row) throw new Error('insert returned no row');
  await tx.insert(indicatorRevisions).values({ seriesId: row.id, version: row.version, actorEmail, snapshot: input });
  return row;
}

/** Compare-and-set on version; records the new version in the history. Undefined when stale. */
export async function updateSeries(tx: DbOrTx, input: IndicatorSeriesInput, version: number, actorEmail: string | null): Promise<SeriesRow | undefined> {
  const { id, ...values } = input;
  const [row] = await tx
    .update(indicatorSeries)
    .set({ ...values, version: version + 1, updatedAt: new Date() })
    .where(and(eq(indicatorSeries.id, id), eq(indicatorSeries.version, version)))
    .returning();
  if (row) await tx.insert(indicatorRevisions).values({ seriesId: id, version: row.version, actorEmail, snapshot: input });
  return row;
}

export async function listRevisions(db: DbOrTx, id: string): Promise<IndicatorRevision[]> {
  const rows = await db.select().from(indicatorRevisions).where(eq(indicatorRevisions.seriesId, id)).orderBy(desc(indicatorRevisions.version));
  return rows.map((r) => ({ version: r.version, at: r.at.toISOString(), actorEmail: r.actorEmail, series: r.snapshot }));
}
