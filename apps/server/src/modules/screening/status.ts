import type { ScreeningDecision as Decision, ScreeningStatus } from '@qiao/contracts';
import { decisionState } from './decision-state.ts';
import { hitKey, type DecisionRow, type LatestDecisions } from './decision.repository.ts';
import type { HitRow } from './party-screening.repository.ts';

export interface HitWithDecision {
  hit: HitRow;
  /** The newest decision of the side whose status this is. */
  decision: DecisionRow | undefined;
  state: Decision['state'] | undefined;
}

/**
 * A party's status for its own side, from its current hits and that side's newest decision on each:
 * another side's decisions answer that side's concerns, never this one. A hit's material hash is the
 * record's as of the last (re-)screening, so a decision made on an older form of the record has lapsed
 * and the hit counts as undecided again.
 */
export function computeStatus(hits: readonly HitRow[], latest: LatestDecisions, side: string, now: Date): { status: ScreeningStatus; hits: HitWithDecision[] } {
  const out: HitWithDecision[] = hits.map((hit) => {
    const decision = latest.get(hitKey(hit.partyId, hit.listId, hit.recordId))?.get(side);
    return { hit, decision, state: decision && decisionState(decision, hit.materialHash, now) };
  });
  const inForce = (h: HitWithDecision, kind: DecisionRow['decision']) => h.state === 'in_force' && h.decision?.decision === kind;
  let status: ScreeningStatus = 'clear';
  if (out.some((h) => inForce(h, 'true_match'))) status = 'confirmed_match';
  else if (out.some((h) => !inForce(h, 'false_positive'))) status = 'potential_match';
  else if (out.length > 0) status = 'cleared_by_decision';
  return { status, hits: out };
}
