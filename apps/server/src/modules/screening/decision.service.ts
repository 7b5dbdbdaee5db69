import type { ScreeningDecision as Decision, ScreeningDecisionInput, User } from '@qiao/contracts';
import { notFound, validationFailed, wrongSide } from '../../errors.ts';
import type { ServiceDeps } from '../../services.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { concernSide, decisionState, mayDecideFor, toDecision, utcDay } from './decision-state.ts';
import * as repo from './decision.repository.ts';
import * as listRepo from './list.repository.ts';
import { findParty } from './parties.ts';
import type { PartyScreeningService } from './party-screening.service.ts';
import type { ScreeningEvents } from './screening.events.ts';

/** Whether the user is a compliance officer of the side: only they record that side's decisions. */
export function canDecide(user: Pick<User, 'roles'>, side: string): boolean {
  return user.roles.some((g) => g.role === 'compliance_officer' && g.side === side);
}

/**
 * Remembered decisions on hits: false positive or true match, with a reason and an optional last day.
 * Each decision belongs to the side that made it and answers that side's concern only: the party's own
 * side decides its status (and its own flags and alerts); the side a hit concerns (its list's side, or
 * the side opposite the party for a reference list) decides for its own project flags. One side never
 * records, overrules or satisfies the other's decision.
 */
export class DecisionService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly parties: PartyScreeningService,
    private readonly events: ScreeningEvents,
  ) {}

  /** The list's version in force and the record's material hash in it (undefined when not on the list now). */
  private async current(listId: string, recordId: string): Promise<{ side: string; hash: string | undefined } | undefined> {
    const version = (await listRepo.currentVersions(this.deps.db)).find((v) => v.listId === listId);
    if (!version) return undefined;
    return { side: version.side, hash: (await listRepo.recordsOf(this.deps.db, version.id, [recordId]))[0]?.materialHash };
  }

  async decide(user: User, input: ScreeningDecisionInput): Promise<Decision> {
    const party = await findParty(this.deps.db, input.partyId);
    if (!party) throw validationFailed('partyId: no such organisation or person');
    const side = input.side ?? party.side;
    if (!canDecide(user, side)) throw wrongSide(`only a compliance officer of side ${side} records side ${side}'s decisions`);
    const now = this.deps.now();
    if (input.expiresOn !== undefined && input.expiresOn < utcDay(now)) throw validationFailed('expiresOn: must be today or later');
    const list = await this.current(input.listId, input.recordId);
    if (list?.hash === undefined) throw notFound(`record ${input.recordId} on the list ${input.listId} in force`);
    const hash = list.hash;
    if (!mayDecideFor(side, list.side, party.side)) {
      throw wrongSide(`a hit on ${input.listId} concerns side ${party.side} (the party's) and side ${concernSide(list.side, party.side)}; side ${side} does not decide it`);
    }
    const before = (await this.parties.statusOf([party.id])).get(party.id) ?? 'clear';
    const row = await this.deps.db.transaction(async (tx) => {
      const created = await repo.insertDecision(tx, {
        partyId: party.id,
        partyKind: party.kind,
        side: party.side,
        decidedBySide: side,
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

  /** The material hash of each hit's record in the list version in force (undefined when not on it now): two queries. */
  private async currentHashes(hits: readonly { listId: string; recordId: string }[]): Promise<Map<string, string | undefined>> {
    const out = new Map<string, string | undefined>();
    if (hits.length === 0) return out;
    const versionOf = new Map((await listRepo.currentVersions(this.deps.db)).map((v) => [v.listId, v.id]));
    const keys = new Map<string, { versionId: string; recordId: string }>();
    for (const h of hits) {
      const versionId = versionOf.get(h.listId);
      if (versionId) keys.set(`${versionId}|${h.recordId}`, { versionId, recordId: h.recordId });
    }
    const records = await listRepo.recordsByKeys(this.deps.db, [...keys.values()]);
    for (const h of hits) out.set(`${h.listId}|${h.recordId}`, records.get(`${versionOf.get(h.listId) ?? ''}|${h.recordId}`)?.materialHash);
    return out;
  }

  /** Decisions, newest first, each with whether it still applies (the newest of each side on a hit may). */
  async list(q: { partyId?: string; listId?: string; recordId?: string; side?: string }): Promise<Decision[]> {
    const rows = await repo.listDecisions(this.deps.db, q);
    const hashes = await this.currentHashes(rows);
    const seen = new Set<string>();
    const now = this.deps.now();
    return rows.map((r) => {
      const key = `${repo.hitKey(r.partyId, r.listId, r.recordId)}|${r.decidedBySide}`;
      const latest = !seen.has(key);
      seen.add(key);
      return toDecision(r, decisionState(r, hashes.get(`${r.listId}|${r.recordId}`), now, latest));
    });
  }

  /** The party's own side's newest decision on one hit with its state, or null. */
  async forHit(partyId: string, listId: string, recordId: string): Promise<Decision | null> {
    return (await this.forHits(partyId, [{ listId, recordId }])).get(`${listId}|${recordId}`) ?? null;
  }

  /**
   * The party's own side's newest decision on each of these hits, keyed `listId|recordId`: a fixed
   * number of queries however many hits a search returns.
   */
  async forHits(partyId: string, hits: readonly { listId: string; recordId: string }[]): Promise<Map<string, Decision>> {
    const out = new Map<string, Decision>();
    if (hits.length === 0) return out;
    const party = await findParty(this.deps.db, partyId);
    if (!party) return out;
    const rows = await repo.decisionsOnHits(this.deps.db, partyId, party.side, hits);
    const hashes = await this.currentHashes(rows);
    const now = this.deps.now();
    // Newest first: the first row of each hit is the side's decision in force, if any is.
    for (const r of rows) {
      const key = `${r.listId}|${r.recordId}`;
      if (!out.has(key)) out.set(key, toDecision(r, decisionState(r, hashes.get(key), now, true)));
    }
    return out;
  }
}
