import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { screeningPartyHits as hits, screeningPartyScreenings as screenings } from './party-screening.schema.ts';

export type HitRow = typeof hits.$inferSelect;
export type HitWrite = typeof hits.$inferInsert;
export type ScreeningRow = typeof screenings.$inferSelect;

export async function screeningsOf(db: DbOrTx, partyIds?: readonly string[]): Promise<Map<string, ScreeningRow>> {
  if (partyIds && partyIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(screenings)
    .where(partyIds ? inArray(screenings.partyId, [...partyIds]) : undefined);
  return new Map(rows.map((r) => [r.partyId, r]));
}

export async function hitsOf(db: DbOrTx, partyIds?: readonly string[]): Promise<HitRow[]> {
  if (partyIds && partyIds.length === 0) return [];
  return db
    .select()
    .from(hits)
    .where(partyIds ? inArray(hits.partyId, [...partyIds]) : undefined);
}

export async function hitsOfList(db: DbOrTx, listId: string, recordIds: readonly string[]): Promise<HitRow[]> {
  if (recordIds.length === 0) return [];
  return db
    .select()
    .from(hits)
    .where(and(eq(hits.listId, listId), inArray(hits.recordId, [...recordIds])));
}

/** Replaces every hit of a party with a fresh full screening's, and records when it ran. */
export async function replacePartyHits(tx: DbOrTx, party: { id: string; kind: 'organization' | 'person'; version: number }, rows: HitWrite[], at: Date): Promise<void> {
  await tx.delete(hits).where(eq(hits.partyId, party.id));
  if (rows.length > 0) await tx.insert(hits).values(rows);
  await tx
    .insert(screenings)
    .values({ partyId: party.id, partyKind: party.kind, partyVersion: party.version, screenedAt: at })
    .onConflictDoUpdate({ target: screenings.partyId, set: { partyVersion: party.version, screenedAt: at, partyKind: party.kind } });
}

/** Inserts or refreshes hits found by re-screening; `first_seen_at` keeps its first value. */
export async function upsertHits(tx: DbOrTx, rows: HitWrite[]): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insert(hits)
    .values(rows)
    .onConflictDoUpdate({
      target: [hits.partyId, hits.listId, hits.recordId],
      set: {
        versionId: sql`excluded.version_id`,
        partyName: sql`excluded.party_name`,
        name: sql`excluded.name`,
        entityName: sql`excluded.entity_name`,
        score: sql`excluded.score`,
        programs: sql`excluded.programs`,
        explanation: sql`excluded.explanation`,
        materialHash: sql`excluded.material_hash`,
        updatedAt: sql`excluded.updated_at`,
      },
    });
}

export async function deleteHits(tx: DbOrTx, listId: string, keys: readonly { partyId: string; recordId: string }[]): Promise<void> {
  for (const k of keys) await tx.delete(hits).where(and(eq(hits.partyId, k.partyId), eq(hits.listId, listId), eq(hits.recordId, k.recordId)));
}

export async function deleteHitsOfRecords(tx: DbOrTx, listId: string, recordIds: readonly string[]): Promise<void> {
  if (recordIds.length === 0) return;
  await tx.delete(hits).where(and(eq(hits.listId, listId), inArray(hits.recordId, [...recordIds])));
}
