import type { ScreeningDecision as Decision, ScreeningStatus } from '@qiao/contracts';
import { decisionState } from './decision-state.ts';
import { hitKey, type DecisionRow } from './decision.repository.ts';
import type { HitRow } from './party-screening.repository.ts';

export interface HitWithDecision {
  hit: HitRow;
  decision: DecisionRow | undefined;
  state: Decision['state'] | undefined;
}

/**
 * A party's status from its current hits and the newest decision on each. A hit's material hash is
 * the record's as of the last (re-)screening, so a decision made on an older form of the record has
 * lapsed and the hit counts as undecided again.
 */
export function computeStatus(hits: readonly HitRow[], latest: ReadonlyMap<string, DecisionRow>, now: Date): { status: ScreeningStatus; hits: HitWithDecision[] } {
  const out: HitWithDecision[] = hits.map((hit) => {
    const decision = latest.get(hitKey(hit.partyId, hit.listId, hit.recordId));
    return { hit, decision, state: decision && decisionState(decision, hit.materialHash, now) };
  });
  const inForce = (h: HitWithDecision, kind: DecisionRow['decision']) => h.state === 'in_force' && h.decision?.decision === kind;
  let status: ScreeningStatus = 'clear';
  if (out.some((h) => inForce(h, 'true_match'))) status = 'confirmed_match';
  else if (out.some((h) => !inForce(h, 'false_positive'))) status = 'potential_match';
  else if (out.length > 0) status = 'cleared_by_decision';
  return { status, hits: out };
}
