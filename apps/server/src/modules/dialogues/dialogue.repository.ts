import { withFlag, type AgendaItem, type ConvergenceChange, type Round, type SidePosition, type Track } from '@qiao/contracts';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { users } from '../users/user.schema.ts';
import { agendaItems, convergenceHistory, dialogueRounds, dialogueTracks, itemPositions, roundParticipants } from './dialogue.schema.ts';

type RoundRow = typeof dialogueRounds.$inferSelect;
type ItemRow = typeof agendaItems.$inferSelect;
export type { RoundRow, ItemRow };

function toTrack(r: typeof dialogueTracks.$inferSelect): Track {
  return { id: r.id, groupId: r.groupId, title: withFlag(r.title), description: r.description && withFlag(r.description), createdAt: r.createdAt.toISOString() };
}

export async function insertTrack(tx: DbOrTx, values: typeof dialogueTracks.$inferInsert): Promise<Track> {
  const [row] = await tx.insert(dialogueTracks).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return toTrack(row);
}

export async function findTrack(db: DbOrTx, id: string): Promise<Track | undefined> {
  const [row] = await db.select().from(dialogueTracks).where(eq(dialogueTracks.id, id));
  return row && toTrack(row);
}

export async function listTracks(db: DbOrTx, groupId: string): Promise<Track[]> {
  const rows = await db.select().from(dialogueTracks).where(eq(dialogueTracks.groupId, groupId)).orderBy(asc(dialogueTracks.createdAt));
  return rows.map(toTrack);
}

export async function findRoundRow(db: DbOrTx, id: string): Promise<RoundRow | undefined> {
  const [row] = await db.select().from(dialogueRounds).where(eq(dialogueRounds.id, id));
  return row;
}

export async function toRound(db: DbOrTx, r: RoundRow): Promise<Round> {
  const participants = await db
    .select({ userId: roundParticipants.userId, side: roundParticipants.side, displayName: users.displayName })
    .from(roundParticipants)
    .innerJoin(users, eq(users.id, roundParticipants.userId))
    .where(eq(roundParticipants.roundId, r.id))
    .orderBy(asc(roundParticipants.side), asc(users.displayName));
  return {
    id: r.id,
    trackId: r.trackId,
    groupId: r.groupId,
    title: withFlag(r.title),
    startsAt: r.startsAt.toISOString(),
    endsAt: r.endsAt?.toISOString() ?? null,
    place: r.place,
    onlineLink: r.onlineLink,
    status: r.status,
    participants,
    version: r.version,
  };
}

export async function listRoundRows(db: DbOrTx, trackId: string): Promise<RoundRow[]> {
  return db.select().from(dialogueRounds).where(eq(dialogueRounds.trackId, trackId)).orderBy(asc(dialogueRounds.startsAt));
}

export async function insertRound(tx: DbOrTx, values: typeof dialogueRounds.$inferInsert): Promise<RoundRow> {
  const [row] = await tx.insert(dialogueRounds).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function updateRound(tx: DbOrTx, id: string, version: number, values: Partial<typeof dialogueRounds.$inferInsert>): Promise<RoundRow | undefined> {
  const [row] = await tx
    .update(dialogueRounds)
    .set({ ...values, version: version + 1 })
    .where(and(eq(dialogueRounds.id, id), eq(dialogueRounds.version, version)))
    .returning();
  return row;
}

export async function setParticipants(tx: DbOrTx, roundId: string, people: { userId: string; side: string }[]): Promise<void> {
  await tx.delete(roundParticipants).where(eq(roundParticipants.roundId, roundId));
  if (people.length > 0) await tx.insert(roundParticipants).values(people.map((p) => ({ ...p, roundId })));
}

export async function isParticipant(db: DbOrTx, roundId: string, userId: string): Promise<boolean> {
  const rows = await db.select().from(roundParticipants).where(and(eq(roundParticipants.roundId, roundId), eq(roundParticipants.userId, userId)));
  return rows.length > 0;
}

export async function insertItem(tx: DbOrTx, values: typeof agendaItems.$inferInsert): Promise<ItemRow> {
  const [row] = await tx.insert(agendaItems).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function findItemRow(db: DbOrTx, id: string): Promise<ItemRow | undefined> {
  const [row] = await db.select().from(agendaItems).where(eq(agendaItems.id, id));
  return row;
}

export async function listItemRows(db: DbOrTx, roundId: string): Promise<ItemRow[]> {
  return db.select().from(agendaItems).where(eq(agendaItems.roundId, roundId)).orderBy(asc(agendaItems.position), asc(agendaItems.id));
}

export async function setConvergence(tx: DbOrTx, itemId: string, values: { from: ItemRow['convergence']; to: ItemRow['convergence']; note: string | null; actorId: string; at: Date }): Promise<void> {
  await tx.update(agendaItems).set({ convergence: values.to }).where(eq(agendaItems.id, itemId));
  await tx.insert(convergenceHistory).values({ itemId, fromStatus: values.from, toStatus: values.to, note: values.note, actorId: values.actorId, at: values.at });
}

/** Items with their positions and convergence history, loaded in three queries for the whole agenda. */
export async function toItems(db: DbOrTx, rows: ItemRow[]): Promise<AgendaItem[]> {
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const positions = await db.select().from(itemPositions).where(inArray(itemPositions.itemId, ids)).orderBy(asc(itemPositions.side));
  const history = await db.select().from(convergenceHistory).where(inArray(convergenceHistory.itemId, ids)).orderBy(asc(convergenceHistory.id));
  return rows.map((r) => ({
    id: r.id,
    roundId: r.roundId,
    position: r.position,
    title: withFlag(r.title),
    description: r.description && withFlag(r.description),
    convergence: r.convergence,
    positions: positions.filter((p) => p.itemId === r.id).map(toPosition),
    history: history.filter((h) => h.itemId === r.id).map((h): ConvergenceChange => ({ from: h.fromStatus, to: h.toStatus, note: h.note, actorId: h.actorId, at: h.at.toISOString() })),
  }));
}

function toPosition(p: typeof itemPositions.$inferSelect): SidePosition {
  return { side: p.side, position: withFlag(p.position), concerns: p.concerns && withFlag(p.concerns), updatedBy: p.updatedBy, updatedAt: p.updatedAt.toISOString(), version: p.version };
}

export async function findPosition(db: DbOrTx, itemId: string, side: string): Promise<typeof itemPositions.$inferSelect | undefined> {
  const [row] = await db.select().from(itemPositions).where(and(eq(itemPositions.itemId, itemId), eq(itemPositions.side, side)));
  return row;
}

export async function insertPosition(tx: DbOrTx, values: typeof itemPositions.$inferInsert): Promise<SidePosition> {
  const [row] = await tx.insert(itemPositions).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return toPosition(row);
}

export async function updatePosition(tx: DbOrTx, itemId: string, side: string, version: number, values: Partial<typeof itemPositions.$inferInsert>): Promise<SidePosition | undefined> {
  const [row] = await tx
    .update(itemPositions)
    .set({ ...values, version: version + 1 })
    .where(and(eq(itemPositions.itemId, itemId), eq(itemPositions.side, side), eq(itemPositions.version, version)))
    .returning();
  return row && toPosition(row);
}
