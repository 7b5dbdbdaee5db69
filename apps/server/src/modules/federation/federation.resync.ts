import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.ts';
import { actionItems, milestones, results } from '../actions/action.schema.ts';
import { datasets } from '../datasets/dataset.schema.ts';
import { agendaItems, convergenceHistory, dialogueRounds, dialogueTracks, itemPositions } from '../dialogues/dialogue.schema.ts';
import { minutes, minutesApprovals, minutesRevisions } from '../dialogues/minutes.schema.ts';
import { groupMembers, workingGroups } from '../groups/group.schema.ts';
import { projects } from '../projects/project.schema.ts';
import { users } from '../users/user.schema.ts';
import type { FederationConfig, NodeSide } from './federation.config.ts';
import { canonicalJson, type FederationObjectType } from './federation.events.ts';
import { revisionHashOf } from './federation.minutes-conflict.ts';
import { emitMember, guardedMemberState } from './federation.people-guard.ts';
import { emitNamingPeople, guardOf } from './federation.projects.ts';
import { stateOf } from './federation.replicate.ts';
import { federationEvents, federationHead, federationPeerEvents, federationReplicas } from './federation.schema.ts';
import { FederationService, type FederationOutbox } from './federation.service.ts';

/**
 * The initial sync: objects written before federation was switched on (or while the peer was not
 * configured) are otherwise sent only at their next change. `resync` appends the current state of
 * every replicated object this node speaks for to the outbound log, prerequisites first, so the peer
 * can apply them in sequence order:
 *
 *   groups → this side's members (co-chairs first) → tracks → rounds → agenda items → convergence
 *   changes → this side's positions → minutes revisions → this side's approval of the current
 *   revision → results → milestones → actions → project proposals → this side's reviews and
 *   sign-offs → this side's catalogue entries (through the transfer guard).
 *
 * Idempotent: an object whose current state is the payload of the last event this node emitted for
 * it, or the state the peer sent for it (a replica), is skipped, so a second run appends nothing for
 * unchanged objects. Only what the peer would accept from this node is sent (the authority rules of
 * docs/FEDERATION.md): the other side's positions, approvals and members, a project proposed on the
 * peer, a dataset of the other side are never sent. Decisions are not sent (each node writes them when
 * it locks the minutes), nor people apart from the minimal profile inside the events.
 */

export interface ResyncResult {
  /** Events appended, by object type. */
  sent: Partial<Record<FederationObjectType, number>>;
  /** Objects whose last emitted state (or the peer's) is the current one: nothing appended. */
  unchanged: number;
  /** Objects this node holds but does not speak for, with the reason, by object type. */
  notSent: Partial<Record<string, number>>;
  /** The outbound log head after the run. */
  head: number;
}

const OPS: Partial<Record<FederationObjectType, string>> = { convergence: 'change', minutes_revision: 'add', minutes_approval: 'approve' };

type Key = `${string}\n${string}`;
const keyOf = (objectType: string, objectId: string): Key => `${objectType}\n${objectId}`;

/** The payload of the last event this node emitted for each object, and the peer's for each replica. */
async function knownStates(db: DbOrTx): Promise<Map<Key, string[]>> {
  const known = new Map<Key, string[]>();
  const add = (k: Key, payload: string) => known.set(k, [...(known.get(k) ?? []), payload]);
  const own = await db
    .selectDistinctOn([federationEvents.objectType, federationEvents.objectId], { objectType: federationEvents.objectType, objectId: federationEvents.objectId, payload: federationEvents.payload })
    .from(federationEvents)
    .orderBy(federationEvents.objectType, federationEvents.objectId, desc(federationEvents.seq));
  for (const e of own) add(keyOf(e.objectType, e.objectId), e.payload);
  const replicas = await db
    .select({ objectType: federationReplicas.objectType, objectId: federationReplicas.objectId, payload: federationPeerEvents.payload })
    .from(federationReplicas)
    .innerJoin(federationPeerEvents, and(eq(federationPeerEvents.origin, federationReplicas.origin), eq(federationPeerEvents.seq, federationReplicas.seq)));
  for (const r of replicas) add(keyOf(r.objectType, r.objectId), r.payload);
  return known;
}

/** Appends the current state of every replicated object this node speaks for; one transaction. */
export async function resync(db: Db, outbox: FederationOutbox, side: NodeSide, now: Date): Promise<ResyncResult> {
  const result: ResyncResult = { sent: {}, unchanged: 0, notSent: {}, head: 0 };
  const skip = (objectType: string): void => {
    result.notSent[objectType] = (result.notSent[objectType] ?? 0) + 1;
  };
  await db.transaction(async (tx) => {
    // The log head's lock first, as every writer takes it before appending: no write can commit between
    // reading an object's state here and appending it, so an older state never follows a newer event.
    await tx.select({ id: federationHead.id }).from(federationHead).where(eq(federationHead.id, 1)).for('update');
    const known = await knownStates(tx);
    const peerSide = side === 'US' ? 'CN' : 'US';
    const replicaOf = new Map((await tx.select({ objectType: federationReplicas.objectType, objectId: federationReplicas.objectId, origin: federationReplicas.origin }).from(federationReplicas)).map((r) => [keyOf(r.objectType, r.objectId), r.origin]));
    /**
     * The object's current state: nothing to do when the peer has it already from either node
     * (`known`); else appended when this node speaks for it (`sent`), counted as `not sent` when not.
     */
    const consider = async (objectType: FederationObjectType, objectId: string, speaks: boolean, payload?: Record<string, unknown>): Promise<'known' | 'sent' | 'not sent' | 'gone'> => {
      const [groupId = '', userId = ''] = objectId.split(':');
      const state = payload ?? (objectType === 'group_member' ? await guardedMemberState(tx, outbox, groupId, userId, now) : await stateOf(tx, objectType, objectId, guardOf(outbox, now)));
      if (!state) return 'gone';
      // The peer's own object (it sent this node its state) is the peer's: nothing to tell it. Compared
      // by origin, not by state: the people it names carry the peer's review, which this node cannot redo.
      if ((!speaks && replicaOf.get(keyOf(objectType, objectId)) === peerSide) || known.get(keyOf(objectType, objectId))?.includes(canonicalJson(JSON.parse(JSON.stringify(state))))) {
        result.unchanged++;
        return 'known';
      }
      if (!speaks) {
        skip(objectType);
        return 'not sent';
      }
      if (objectType === 'dataset' || objectType === 'project' || objectType === 'project_side') await emitNamingPeople(outbox, tx, objectType, objectId, state, now);
      else if (objectType === 'group_member') await emitMember(outbox, tx, groupId, userId, now, state);
      else await outbox.emit(tx, { objectType, objectId, op: OPS[objectType] ?? 'put', payload: state });
      result.sent[objectType] = (result.sent[objectType] ?? 0) + 1;
      return 'sent';
    };
    const sideOf = new Map((await tx.select({ id: users.id, side: users.side }).from(users)).map((u) => [u.id, u.side]));

    // Groups this side belongs to (the peer refuses a group that does not name the origin's side).
    const groups = await tx.select({ id: workingGroups.id, sides: workingGroups.sides }).from(workingGroups).orderBy(asc(workingGroups.createdAt), asc(workingGroups.id));
    const ours = new Set<string>();
    for (const g of groups) {
      if (g.sides.includes(side)) ours.add(g.id);
      await consider('group', g.id, g.sides.includes(side));
    }
    const inOurs = <T extends { groupId: string }>(rows: T[], objectType: string): T[] =>
      rows.filter((r) => {
        if (ours.has(r.groupId)) return true;
        skip(objectType);
        return false;
      });

    // This side's members, co-chairs first (one per side), then by the date they joined.
    const members = await tx.select().from(groupMembers).orderBy(asc(groupMembers.joinedAt), asc(groupMembers.userId));
    for (const m of inOurs(members, 'group_member').sort((a, b) => Number(b.role === 'co_chair') - Number(a.role === 'co_chair'))) {
      await consider('group_member', `${m.groupId}:${m.userId}`, m.side === side);
    }

    for (const t of inOurs(await tx.select({ id: dialogueTracks.id, groupId: dialogueTracks.groupId }).from(dialogueTracks).orderBy(asc(dialogueTracks.createdAt), asc(dialogueTracks.id)), 'track')) await consider('track', t.id, true);
    for (const r of inOurs(await tx.select({ id: dialogueRounds.id, groupId: dialogueRounds.groupId }).from(dialogueRounds).orderBy(asc(dialogueRounds.createdAt), asc(dialogueRounds.id)), 'round')) await consider('round', r.id, true);
    const items = inOurs(await tx.select({ id: agendaItems.id, groupId: agendaItems.groupId, roundId: agendaItems.roundId }).from(agendaItems).orderBy(asc(agendaItems.roundId), asc(agendaItems.position), asc(agendaItems.id)), 'agenda_item');
    for (const i of items) await consider('agenda_item', i.id, true);

    // Convergence, change by change; each goes on the one before, so the first change the peer does not
    // have and that the other side's co-chair set here (the peer would refuse it) ends what can be sent.
    for (const i of items) {
      const changes = await tx.select({ actorId: convergenceHistory.actorId }).from(convergenceHistory).where(eq(convergenceHistory.itemId, i.id)).orderBy(asc(convergenceHistory.id));
      for (const [n, c] of changes.entries()) {
        if ((await consider('convergence', `${i.id}:${n + 1}`, sideOf.get(c.actorId) === side)) === 'not sent') break;
      }
    }

    for (const p of await tx.select({ itemId: itemPositions.itemId, side: itemPositions.side }).from(itemPositions).orderBy(asc(itemPositions.updatedAt), asc(itemPositions.itemId))) {
      if (items.some((i) => i.id === p.itemId)) await consider('position', `${p.itemId}:${p.side}`, p.side === side);
    }

    // Minutes: every revision in order (each names the one it was written on), then this side's
    // approval of the current revision (an approval of an older one would be stale on the peer).
    for (const m of inOurs(await tx.select().from(minutes).orderBy(asc(minutes.id)), 'minutes_revision')) {
      const revisions = await tx.select({ number: minutesRevisions.number, authorId: minutesRevisions.authorId }).from(minutesRevisions).where(eq(minutesRevisions.minutesId, m.id)).orderBy(asc(minutesRevisions.number));
      let complete = true;
      for (const r of revisions) {
        if (r.number > m.currentRevision) break;
        if ((await consider('minutes_revision', `${m.id}:${r.number}`, sideOf.get(r.authorId) === side)) === 'not sent') {
          complete = false;
          break;
        }
      }
      if (!complete) continue;
      const approvals = await tx
        .select()
        .from(minutesApprovals)
        .where(and(eq(minutesApprovals.minutesId, m.id), eq(minutesApprovals.revision, m.currentRevision)));
      for (const a of approvals) {
        const payload = { minutesId: m.id, roundId: m.roundId, groupId: m.groupId, revision: m.currentRevision, revisionHash: await revisionHashOf(tx, m.id, m.currentRevision), side: a.side, userId: a.userId, at: a.at };
        await consider('minutes_approval', `${m.id}:${m.currentRevision}:${a.side}`, a.side === side, payload);
      }
    }

    for (const r of inOurs(await tx.select({ id: results.id, groupId: results.groupId }).from(results).orderBy(asc(results.createdAt), asc(results.id)), 'result')) await consider('result', r.id, true);
    const milestoneRows = await tx.select({ id: milestones.id, groupId: results.groupId }).from(milestones).innerJoin(results, eq(results.id, milestones.resultId)).orderBy(asc(milestones.createdAt), asc(milestones.id));
    for (const m of inOurs(milestoneRows, 'milestone')) await consider('milestone', m.id, true);
    // Actions name a decision, which the peer writes when it locks the same minutes: they wait there until then.
    for (const a of inOurs(await tx.select({ id: actionItems.id, groupId: actionItems.groupId }).from(actionItems).orderBy(asc(actionItems.createdAt), asc(actionItems.id)), 'action')) await consider('action', a.id, true);

    // Proposals written on this node, and this side's reviews and sign-offs of every proposal here.
    for (const p of inOurs(await tx.select().from(projects).orderBy(asc(projects.createdAt), asc(projects.id)), 'project')) {
      await consider('project', p.id, !replicaOf.has(keyOf('project', p.id)));
      if (p.reviews.some((r) => r.side === side) || p.signOffs.some((s) => s.side === side)) await consider('project_side', `${p.id}:${side}`, true);
    }

    // This side's catalogue: each entry through the transfer guard (a prohibited one goes as the stub).
    for (const d of await tx.select({ id: datasets.id, side: datasets.side }).from(datasets).orderBy(asc(datasets.createdAt), asc(datasets.id))) {
      await consider('dataset', d.id, d.side === side && !replicaOf.has(keyOf('dataset', d.id)));
    }
    const [head] = await tx.select({ seq: sql<number>`coalesce(max(${federationEvents.seq}), 0)` }).from(federationEvents);
    result.head = Number(head?.seq ?? 0);
  });
  return result;
}

/** `qiao federation resync`: the initial sync of a node's database with its federation settings. */
export async function resyncNode(db: Db, config: FederationConfig, now: Date = new Date()): Promise<ResyncResult> {
  const federation = new FederationService(db, config, () => now);
  return resync(db, federation, config.side, now);
}
