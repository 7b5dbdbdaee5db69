import type { PartyScreening, PartyScreeningDetail, ScreeningStatus } from '@qiao/contracts';
import { DEFAULT_THRESHOLD, type Match, type Matcher } from '@qiao/screening';
import { notFound } from '../../errors.ts';
import type { ServiceDeps } from '../../services.ts';
import { concernSide, decisionState, toDecision } from './decision-state.ts';
import * as decisionsRepo from './decision.repository.ts';
import { explainWithRanges } from './explanation.ts';
import * as listRepo from './list.repository.ts';
import { findParty, loadParties, namesOf, sidesOf, type Party } from './parties.ts';
import * as repo from './party-screening.repository.ts';
import type { IndexSnapshot, ScreeningIndex } from './screening-index.ts';
import type { ScreeningEvents } from './screening.events.ts';
import { computeStatus } from './status.ts';

export interface PartyMatch {
  match: Match;
  partyName: string;
}

/**
 * Screens every name of a party; keeps the best match per listed party. A match names every record
 * of that party on every list (`records`), so two names of the party that meet it through different
 * lists' records are still one hit.
 */
export function matchParty(matcher: Matcher, party: Party, threshold = DEFAULT_THRESHOLD): Map<string, PartyMatch> {
  const best = new Map<string, PartyMatch>();
  for (const name of namesOf(party)) {
    for (const match of matcher.match({ name, type: party.kind, ...(party.country ? { country: party.country } : {}) }, { threshold, limit: 20 })) {
      const key = [`${match.listId}|${match.recordId}`, ...match.records.map((r) => `${r.listId}|${r.recordId}`)].sort()[0] ?? `${match.listId}|${match.recordId}`;
      const prev = best.get(key);
      if (!prev || match.score > prev.match.score) best.set(key, { match, partyName: name });
    }
  }
  return best;
}

export function hitRow(party: Party, m: PartyMatch, versionId: string, materialHash: string, now: Date): repo.HitWrite {
  return {
    partyId: party.id,
    partyKind: party.kind,
    listId: m.match.listId,
    recordId: m.match.recordId,
    versionId,
    partyName: m.partyName,
    name: m.match.name,
    entityName: m.match.entityName,
    score: m.match.score,
    programs: [...m.match.programs],
    explanation: explainWithRanges(m.partyName, m.match.name, m.match.explanation).explanation,
    materialHash,
    firstSeenAt: now,
    updatedAt: now,
  };
}

/** The parties registry's screening side: each party's hits against the lists in force, and its status. */
export class PartyScreeningService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly index: ScreeningIndex,
    private readonly events: ScreeningEvents,
  ) {}

  /** Every party with its status; parties never screened, or edited since, are screened first. */
  async statuses(q: { status?: ScreeningStatus; side?: string; kind?: Party['kind'] } = {}): Promise<PartyScreening[]> {
    const parties = await loadParties(this.deps.db, q);
    await this.ensureScreened(parties);
    const ids = parties.map((p) => p.id);
    const [hits, latest, screenings] = await Promise.all([repo.hitsOf(this.deps.db, ids), decisionsRepo.latestDecisions(this.deps.db, ids), repo.screeningsOf(this.deps.db, ids)]);
    const byParty = new Map<string, repo.HitRow[]>();
    for (const h of hits) byParty.set(h.partyId, [...(byParty.get(h.partyId) ?? []), h]);
    const now = this.deps.now();
    const out = parties.map((p): PartyScreening => {
      const partyHits = byParty.get(p.id) ?? [];
      return { partyId: p.id, partyKind: p.kind, side: p.side, names: p.names, status: computeStatus(partyHits, latest, p.side, now).status, screenedAt: screenings.get(p.id)?.screenedAt.toISOString() ?? null, hitCount: partyHits.length };
    });
    return q.status ? out.filter((p) => p.status === q.status) : out;
  }

  async detail(partyId: string): Promise<PartyScreeningDetail> {
    const party = await findParty(this.deps.db, partyId);
    if (!party) throw notFound('party');
    await this.ensureScreened([party]);
    const snapshot = await this.index.current();
    const [hits, latest, screenings] = await Promise.all([repo.hitsOf(this.deps.db, [partyId]), decisionsRepo.latestDecisions(this.deps.db, [partyId]), repo.screeningsOf(this.deps.db, [partyId])]);
    const now = this.deps.now();
    const { status, hits: decided } = computeStatus(hits, latest, party.side, now);
    return {
      partyId,
      partyKind: party.kind,
      side: party.side,
      names: party.names,
      status,
      screenedAt: screenings.get(partyId)?.screenedAt.toISOString() ?? null,
      hitCount: hits.length,
      hits: decided
        .sort((a, b) => b.hit.score - a.hit.score)
        .map(({ hit, decision, state }) => {
          const v = snapshot.versions.get(hit.listId);
          const listSide = v?.side ?? 'unknown';
          // Every side's newest decision on the hit, the party's own side first.
          const bySide = [...(latest.get(decisionsRepo.hitKey(hit.partyId, hit.listId, hit.recordId)) ?? new Map<string, decisionsRepo.DecisionRow>())].sort(([a], [b]) => (a === party.side ? -1 : b === party.side ? 1 : a < b ? -1 : 1));
          return {
            listId: hit.listId,
            recordId: hit.recordId,
            listTitle: v?.title ?? hit.listId,
            listSide,
            partyName: hit.partyName,
            name: hit.name,
            entityName: hit.entityName,
            score: hit.score,
            programs: hit.programs,
            explanation: hit.explanation,
            decision: decision && state ? toDecision(decision, state) : null,
            decisions: bySide.map(([, row]) => toDecision(row, decisionState(row, hit.materialHash, now))),
            concernSide: concernSide(listSide, party.side),
            firstSeenAt: hit.firstSeenAt.toISOString(),
          };
        }),
    };
  }

  /**
   * Current status of each given party for its own side, from stored hits and decisions (no screening).
   * `sides` overrides a party's side (the status its previous side saw, around a side correction).
   */
  async statusOf(partyIds: readonly string[], sides?: ReadonlyMap<string, string>): Promise<Map<string, ScreeningStatus>> {
    const [hits, latest, current] = await Promise.all([repo.hitsOf(this.deps.db, partyIds), decisionsRepo.latestDecisions(this.deps.db, partyIds), sides ?? sidesOf(this.deps.db, partyIds)]);
    const now = this.deps.now();
    return new Map(partyIds.map((id) => [id, computeStatus(hits.filter((h) => h.partyId === id), latest, current.get(id) ?? '', now).status]));
  }

  /**
   * After an admin corrected a party's side: screens it again and tells listeners, so projects re-check
   * it with flags for the right sides. The old side's decisions stay in history but no longer decide its
   * status, which now follows the new side's decisions only.
   */
  async afterSideCorrection(change: { partyId: string; from: string; to: string }): Promise<void> {
    const party = await findParty(this.deps.db, change.partyId);
    if (!party) return;
    const before = (await this.statusOf([party.id], new Map([[party.id, change.from]]))).get(party.id) ?? 'clear';
    await this.ensureScreened([party]);
    const after = (await this.statusOf([party.id])).get(party.id) ?? 'clear';
    await this.events.emit([{ partyId: party.id, partyKind: party.kind, side: party.side, before, after, cause: 'side_correction' }]);
  }

  /** Screens, against the whole index, the parties never screened or changed since their last screening. */
  async ensureScreened(parties: readonly Party[]): Promise<void> {
    const screenings = await repo.screeningsOf(
      this.deps.db,
      parties.map((p) => p.id),
    );
    const stale = parties.filter((p) => screenings.get(p.id)?.partyVersion !== p.version);
    if (stale.length === 0) return;
    const snapshot = await this.index.current();
    for (const p of stale) await this.screenFull(p, snapshot);
  }

  private async screenFull(party: Party, snapshot: IndexSnapshot): Promise<void> {
    const matches = [...matchParty(snapshot.matcher, party).values()];
    const keys = matches.flatMap((m) => {
      const v = snapshot.versions.get(m.match.listId);
      return v ? [{ versionId: v.id, recordId: m.match.recordId }] : [];
    });
    const records = await listRepo.recordsByKeys(this.deps.db, keys);
    const now = this.deps.now();
    const rows = matches.flatMap((m) => {
      const v = snapshot.versions.get(m.match.listId);
      const rec = v && records.get(`${v.id}|${m.match.recordId}`);
      return v && rec ? [hitRow(party, m, v.id, rec.materialHash, now)] : [];
    });
    await this.deps.db.transaction((tx) => repo.replacePartyHits(tx, party, rows, now));
  }
}
