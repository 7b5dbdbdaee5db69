import type { ScreeningDecision as Decision } from '@qiao/contracts';
import type { DecisionRow } from './decision.repository.ts';

/** UTC calendar day of a moment, `YYYY-MM-DD`: expiry dates are whole UTC days. */
export const utcDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The side a hit concerns beyond the party's own: the side that issued the list, or for a list issued
 * by neither side (a reference such as the ASPI tracker) the side opposite the party. Project flags for
 * the hit belong to this side, and only this side's decision or review clears them.
 */
export function concernSide(listSide: string, partySide: string): string {
  if (/^[A-Z]{2}$/.test(listSide)) return listSide;
  return partySide === 'US' ? 'CN' : 'US';
}

/** Whether a side may decide a hit: the party's own side (for its status) or the side the hit concerns. */
export const mayDecideFor = (side: string, listSide: string, partySide: string) => side === partySide || side === concernSide(listSide, partySide);

/**
 * Whether a decision still applies. It lapses when the list record changed materially since it was
 * made (or left the list: `currentMaterialHash` undefined) and expires after its last day.
 */
export function decisionState(row: DecisionRow, currentMaterialHash: string | undefined, now: Date, latest = true): Decision['state'] {
  if (!latest) return 'superseded';
  if (row.expiresOn !== null && utcDay(now) > row.expiresOn) return 'expired';
  if (currentMaterialHash !== row.materialHash) return 'lapsed';
  return 'in_force';
}

export function toDecision(row: DecisionRow, state: Decision['state']): Decision {
  return {
    id: row.id,
    partyId: row.partyId,
    partyKind: row.partyKind,
    listId: row.listId,
    recordId: row.recordId,
    decision: row.decision,
    reason: row.reason,
    expiresOn: row.expiresOn,
    materialHash: row.materialHash,
    side: row.decidedBySide,
    partySide: row.side,
    decidedBy: row.decidedByEmail,
    decidedAt: row.decidedAt.toISOString(),
    state,
  };
}
