import type { ServiceDeps } from '../../services.ts';
import type { JobContext } from '../jobs/job.service.ts';
import { screeningAlerts } from '../notifications/notification.raise.ts';
import * as alertsRepo from './alert.repository.ts';
import { decisionState } from './decision-state.ts';
import * as decisionsRepo from './decision.repository.ts';
import type { RescreenPayload } from './list.service.ts';
import * as listRepo from './list.repository.ts';
import { displayName, loadParties } from './parties.ts';
import { hitRow, matchParty, type PartyScreeningService } from './party-screening.service.ts';
import * as repo from './party-screening.repository.ts';
import { buildMatcher, toListRecord } from './screening-index.ts';
import type { PartyStatusChange, ScreeningEvents } from './screening.events.ts';

const PARTY_CHUNK = 200;

/**
 * Re-screens every party against what a new list version added or changed (not the whole list), drops
 * hits on records that left the list, and raises an alert for each new hit and each hit whose record
 * changed materially, for the compliance officers of the party's side. Runs as a job: progress is the
 * number of parties done, so a resumed job continues with the next party chunk.
 */
export function rescreenHandler(deps: ServiceDeps, parties: PartyScreeningService, events: ScreeningEvents) {
  return async (ctx: JobContext): Promise<'done' | 'paused'> => {
    const payload = ctx.job.payload as RescreenPayload;
    const version = await listRepo.findVersionById(deps.db, payload.versionId);
    // A newer version's own job covers the changes since this one.
    if (!version?.isCurrent) return 'done';
    const listId = version.listId;
    const all = (await loadParties(deps.db)).sort((a, b) => (a.id < b.id ? -1 : 1));
    if (all.length === 0) return 'done';
    const after = await listRepo.recordHashes(deps.db, version.id);
    const before = payload.previousVersionId ? await listRepo.recordHashes(deps.db, payload.previousVersionId) : new Map<string, { contentHash: string }>();
    const deltaIds = [...after].filter(([id, h]) => before.get(id)?.contentHash !== h.contentHash).map(([id]) => id);
    const removed = [...before.keys()].filter((id) => !after.has(id));
    const matcher = buildMatcher((await listRepo.recordsOf(deps.db, version.id, deltaIds)).map((r) => toListRecord(listId, r)));
    const material = new Map([...after].map(([id, h]) => [id, h.materialHash]));

    let done = ctx.job.progress;
    if (done === 0 && removed.length > 0) {
      const affected = [...new Set((await repo.hitsOfList(deps.db, listId, removed)).map((h) => h.partyId))];
      const was = await parties.statusOf(affected);
      await ctx.commit(0, (tx) => repo.deleteHitsOfRecords(tx, listId, removed));
      const now = await parties.statusOf(affected);
      await events.emit(affected.map((id) => change(all.find((p) => p.id === id), was.get(id), now.get(id), listId, version.id)).filter((c): c is PartyStatusChange => !!c));
    }
    while (done < all.length) {
      const chunk = all.slice(done, done + PARTY_CHUNK);
      const ids = chunk.map((p) => p.id);
      const was = await parties.statusOf(ids);
      const existing = new Map((await repo.hitsOf(deps.db, ids)).filter((h) => h.listId === listId).map((h) => [`${h.partyId}|${h.recordId}`, h]));
      const latest = await decisionsRepo.latestDecisions(deps.db, ids);
      const nowTime = deps.now();
      const upserts: repo.HitWrite[] = [];
      const stale: { partyId: string; recordId: string }[] = [];
      const raised: Parameters<typeof alertsRepo.insertAlerts>[1] = [];
      for (const party of chunk) {
        const found = matchParty(matcher, party);
        for (const recordId of deltaIds) {
          const key = `${party.id}|${recordId}`;
          const m = found.get(`${listId}|${recordId}`);
          const prev = existing.get(key);
          if (!m) {
            if (prev) stale.push({ partyId: party.id, recordId });
            continue;
          }
          const hash = material.get(recordId) ?? '';
          upserts.push(hitRow(party, m, version.id, hash, nowTime));
          // Alerts go to the party's side, so only that side's own decision keeps one from being raised.
          const decision = latest.get(decisionsRepo.hitKey(party.id, listId, recordId))?.get(party.side);
          const decided = decision && decisionState(decision, hash, nowTime) === 'in_force';
          const reason = !prev ? 'new_hit' : prev.materialHash !== hash ? 'changed_hit' : undefined;
          if (!reason || decided) continue;
          raised.push({ partyId: party.id, partyKind: party.kind, partyName: displayName(party), side: party.side, listId, recordId, versionId: version.id, reason, score: m.match.score, matchedName: m.match.name, entityName: m.match.entityName, createdAt: nowTime });
        }
      }
      done += chunk.length;
      await ctx.commit(done, async (tx) => {
        await repo.deleteHits(tx, listId, stale);
        await repo.upsertHits(tx, upserts);
        await screeningAlerts(tx, await alertsRepo.insertAlerts(tx, raised));
      });
      const now = await parties.statusOf(ids);
      await events.emit(chunk.map((p) => change(p, was.get(p.id), now.get(p.id), listId, version.id)).filter((c): c is PartyStatusChange => !!c));
      if (ctx.stopping() && done < all.length) return 'paused';
    }
    if (deltaIds.length + removed.length > 0) deps.log.info(`re-screened ${all.length} parties against ${listId} v${version.version} (${deltaIds.length} added or changed, ${removed.length} removed)`);
    return 'done';
  };
}

function change(party: { id: string; kind: 'organization' | 'person'; side: string } | undefined, before: PartyStatusChange['before'] | undefined, after: PartyStatusChange['after'] | undefined, listId: string, versionId: string): PartyStatusChange | undefined {
  if (!party || !before || !after || before === after) return undefined;
  return { partyId: party.id, partyKind: party.kind, side: party.side, before, after, cause: 'rescreening', listId, versionId };
}
