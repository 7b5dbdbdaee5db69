import type { ScreeningDecision as Decision } from '@qiao/contracts';
import type { DecisionRow } from './decision.repository.ts';

/** UTC calendar day of a moment, `YYYY-MM-DD`: expiry dates are whole UTC days. */
export const utcDay = (d: Date) => d.toISOString().slice(0, 10);

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
    decidedBy: row.decidedByEmail,
    decidedAt: row.decidedAt.toISOString(),
    state,
  };
}
