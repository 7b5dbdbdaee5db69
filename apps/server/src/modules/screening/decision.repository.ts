import { and, desc, eq, inArray, or, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { screeningDecisions as decisions } from './party-screening.schema.ts';

export type DecisionRow = typeof decisions.$inferSelect;
/** Hit key → deciding side → that side's newest decision on the hit. */
export type LatestDecisions = Map<string, Map<string, DecisionRow>>;

export const hitKey = (partyId: string, listId: string, recordId: string) => `${partyId}|${listId}|${recordId}`;

export async function insertDecision(tx: DbOrTx, values: typeof decisions.$inferInsert): Promise<DecisionRow> {
  const [row] = await tx.insert(decisions).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function listDecisions(db: DbOrTx, q: { partyId?: string; listId?: string; recordId?: string; side?: string }): Promise<DecisionRow[]> {
  const where: (SQL | undefined)[] = [
    q.partyId ? eq(decisions.partyId, q.partyId) : undefined,
    q.listId ? eq(decisions.listId, q.listId) : undefined,
    q.recordId ? eq(decisions.recordId, q.recordId) : undefined,
    q.side ? eq(decisions.decidedBySide, q.side) : undefined,
  ];
  return db
    .select()
    .from(decisions)
    .where(and(...where))
    .orderBy(desc(decisions.decidedAt), desc(decisions.id))
    .limit(1000);
}

/** One party's decisions by one deciding side on any of these hits, newest first: one query. */
export async function decisionsOnHits(db: DbOrTx, partyId: string, side: string, hits: readonly { listId: string; recordId: string }[]): Promise<DecisionRow[]> {
  if (hits.length === 0) return [];
  return db
    .select()
    .from(decisions)
    .where(and(eq(decisions.partyId, partyId), eq(decisions.decidedBySide, side), or(...hits.map((h) => and(eq(decisions.listId, h.listId), eq(decisions.recordId, h.recordId))))))
    .orderBy(desc(decisions.decidedAt), desc(decisions.id));
}

/** The newest decision of each deciding side per hit of the given parties (all parties when omitted). */
export async function latestDecisions(db: DbOrTx, partyIds?: readonly string[]): Promise<LatestDecisions> {
  if (partyIds && partyIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(decisions)
    .where(partyIds ? inArray(decisions.partyId, [...partyIds]) : undefined)
    .orderBy(desc(decisions.decidedAt), desc(decisions.id));
  const out: LatestDecisions = new Map();
  for (const r of rows) {
    const k = hitKey(r.partyId, r.listId, r.recordId);
    const bySide = out.get(k) ?? new Map<string, DecisionRow>();
    if (!bySide.has(r.decidedBySide)) bySide.set(r.decidedBySide, r);
    out.set(k, bySide);
  }
  return out;
}
