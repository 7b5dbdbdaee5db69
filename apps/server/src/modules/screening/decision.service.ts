import type { ScreeningDecision as Decision, ScreeningDecisionInput, User } from '@qiao/contracts';
import { forbidden, notFound, validationFailed } from '../../errors.ts';
import type { ServiceDeps } from '../../services.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { decisionState, toDecision, utcDay } from './decision-state.ts';
import * as repo from './decision.repository.ts';
import * as listRepo from './list.repository.ts';
import { findParty } from './parties.ts';
import type { PartyScreeningService } from './party-screening.service.ts';
import type { ScreeningEvents } from './screening.events.ts';

/**
 * Who may decide on a party's hits: a compliance officer of the party's own side. Alerts about a party
 * go to the same officers, so the person who is alerted is the person who can close the question;
 * the other side sees the decision and its reason but cannot overrule it.
 */
export function canDecide(user: Pick<User, 'roles'>, side: string): boolean {
  return user.roles.some((g) => g.role === 'compliance_officer' && g.side === side);
}

/** Remembered decisions on hits: false positive or true match, with a reason and an optional last day. */
export class DecisionService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly parties: PartyScreeningService,
    private readonly events: ScreeningEvents,
  ) {}

  /** The record's material hash in the version in force, or undefined when it is not on the list now. */
  private async currentHash(listId: string, recordId: string): Promise<string | undefined> {
    const current = (await listRepo.currentVersions(this.deps.db)).find((v) => v.listId === listId);
    if (!current) return undefined;
    return (await listRepo.recordsOf(this.deps.db, current.id, [recordId]))[0]?.materialHash;
  }

  async decide(user: User, input: ScreeningDecisionInput): Promise<Decision> {
    const party = await findParty(this.deps.db, input.partyId);
    if (!party) throw validationFailed('partyId: no such organisation or person');
    if (!canDecide(user, party.side)) throw forbidden(`only a compliance officer of side ${party.side} decides on this party's hits`);
    const now = this.deps.now();
    if (input.expiresOn !== undefined && input.expiresOn < utcDay(now)) throw validationFailed('expiresOn: must be today or later');
    const hash = await this.currentHash(input.listId, input.recordId);
    if (hash === undefined) throw notFound(`record ${input.recordId} on the list ${input.listId} in force`);
    const before = (await this.parties.statusOf([party.id])).get(party.id) ?? 'clear';
    const row = await this.deps.db.transaction(async (tx) => {
      const created = await repo.insertDecision(tx, {
        partyId: party.id,
        partyKind: party.kind,
        side: party.side,
        listId: input.listId,
        recordId: input.recordId,
        decision: input.decision,
        reason: input.reason,
        expiresOn: input.expiresOn ?? null,
        materialHash: hash,
        decidedBy: user.id,
        decidedByEmail: user.email,
        decidedAt: now,
      });
      await insertAudit(tx, user, { action: 'screening_decision.create', entity: 'screening_decision', entityId: created.id, after: toDecision(created, 'in_force') });
      return created;
    });
    const after = (await this.parties.statusOf([party.id])).get(party.id) ?? 'clear';
    await this.events.emit([{ partyId: party.id, partyKind: party.kind, side: party.side, before, after, cause: 'decision', listId: input.listId }]);
    return toDecision(row, 'in_force');
  }

  /** Decisions, newest first, each with whether it still applies. */
  async list(q: { partyId?: string; listId?: string; recordId?: string }): Promise<Decision[]> {
    const rows = await repo.listDecisions(this.deps.db, q);
    const seen = new Set<string>();
    const hashes = new Map<string, string | undefined>();
    const out: Decision[] = [];
    const now = this.deps.now();
    for (const r of rows) {
      const key = repo.hitKey(r.partyId, r.listId, r.recordId);
      const latest = !seen.has(key);
      seen.add(key);
      const rk = `${r.listId}|${r.recordId}`;
      if (!hashes.has(rk)) hashes.set(rk, await this.currentHash(r.listId, r.recordId));
      out.push(toDecision(r, decisionState(r, hashes.get(rk), now, latest)));
    }
    return out;
  }

  /** The newest decision on one hit with its state, or null. */
  async forHit(partyId: string, listId: string, recordId: string): Promise<Decision | null> {
    return (await this.list({ partyId, listId, recordId }))[0] ?? null;
  }
}
