import type { PartyProposal } from '@qiao/contracts';
import { and, desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.ts';
import { users } from '../users/user.schema.ts';
import { partyProposals } from './party-proposal.schema.ts';

export type ProposalRow = typeof partyProposals.$inferSelect;

const proposer = alias(users, 'proposer');
const decider = alias(users, 'decider');

function select(db: DbOrTx) {
  return db
    .select({ p: partyProposals, proposerName: proposer.displayName, deciderName: decider.displayName })
    .from(partyProposals)
    .innerJoin(proposer, eq(proposer.id, partyProposals.proposedBy))
    .leftJoin(decider, eq(decider.id, partyProposals.decidedBy));
}

function toProposal({ p, proposerName, deciderName }: { p: ProposalRow; proposerName: string; deciderName: string | null }): PartyProposal {
  return {
    id: p.id,
    kind: p.kind,
    names: p.names,
    side: p.side,
    country: p.country,
    orgKind: p.orgKind,
    reason: p.reason,
    status: p.status,
    proposedBy: { id: p.proposedBy, displayName: proposerName },
    createdAt: p.createdAt.toISOString(),
    decidedBy: p.decidedBy ? { id: p.decidedBy, displayName: deciderName ?? '' } : null,
    decidedAt: p.decidedAt?.toISOString() ?? null,
    decisionNote: p.decisionNote,
    partyId: p.partyId,
    screeningStatus: p.screeningStatus,
    version: p.version,
  };
}

export async function listProposals(db: DbOrTx, status?: ProposalRow['status']): Promise<PartyProposal[]> {
  const rows = await select(db)
    .where(status ? eq(partyProposals.status, status) : undefined)
    .orderBy(desc(partyProposals.createdAt), desc(partyProposals.id));
  return rows.map(toProposal);
}

export async function findProposal(db: DbOrTx, id: string): Promise<PartyProposal | undefined> {
  const [row] = await select(db).where(eq(partyProposals.id, id));
  return row && toProposal(row);
}

/** Locks the row so two deciders cannot both act on one proposal. */
export async function lockProposal(tx: DbOrTx, id: string): Promise<ProposalRow | undefined> {
  const [row] = await tx.select().from(partyProposals).where(eq(partyProposals.id, id)).for('update');
  return row;
}

export async function insertProposal(tx: DbOrTx, values: typeof partyProposals.$inferInsert): Promise<string> {
  const [row] = await tx.insert(partyProposals).values(values).returning({ id: partyProposals.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

/** Applies a decision to a pending proposal at the version the decider read; false when it moved on. */
export async function decideProposal(tx: DbOrTx, id: string, version: number, values: Pick<ProposalRow, 'status' | 'decidedBy' | 'decidedAt' | 'decisionNote' | 'partyId'>): Promise<boolean> {
  const rows = await tx
    .update(partyProposals)
    .set({ ...values, version: version + 1 })
    .where(and(eq(partyProposals.id, id), eq(partyProposals.version, version), eq(partyProposals.status, 'pending')))
    .returning({ id: partyProposals.id });
  return rows.length === 1;
}

export async function setScreeningStatus(db: DbOrTx, id: string, status: NonNullable<ProposalRow['screeningStatus']>): Promise<void> {
  await db.update(partyProposals).set({ screeningStatus: status }).where(eq(partyProposals.id, id));
}
