import { and, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { screeningDecisions as decisions } from './party-screening.schema.ts';

export type DecisionRow = typeof decisions.$inferSelect;

export const hitKey = (partyId: string, listId: string, recordId: string) => `${partyId}|${listId}|${recordId}`;

export async function insertDecision(tx: DbOrTx, values: typeof decisions.$inferInsert): Promise<DecisionRow> {
  const [row] = await tx.insert(decisions).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function listDecisions(db: DbOrTx, q: { partyId?: string; listId?: string; recordId?: string }): Promise<DecisionRow[]> {
  const where: (SQL | undefined)[] = [q.partyId ? eq(decisions.partyId, q.partyId) : undefined, q.listId ? eq(decisions.listId, q.listId) : undefined, q.recordId ? eq(decisions.recordId, q.recordId) : undefined];
  return db
    .select()
    .from(decisions)
    .where(and(...where))
    .orderBy(desc(decisions.decidedAt), desc(decisions.id))
    .limit(1000);
}

/** The newest decision per hit of the given parties (all parties when omitted). */
export async function latestDecisions(db: DbOrTx, partyIds?: readonly string[]): Promise<Map<string, DecisionRow>> {
  if (partyIds && partyIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(decisions)
    .where(partyIds ? inArray(decisions.partyId, [...partyIds]) : undefined)
    .orderBy(desc(decisions.decidedAt), desc(decisions.id));
  const out = new Map<string, DecisionRow>();
  for (const r of rows) {
    const k = hitKey(r.partyId, r.listId, r.recordId);
    if (!out.has(k)) out.set(k, r);
  }
  return out;
}
