import type { BilingualStored } from '@qiao/contracts';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.ts';
import { actionItems, actionOwners } from '../actions/action.schema.ts';
import { agendaItems, dialogueRounds, itemPositions, roundParticipants } from '../dialogues/dialogue.schema.ts';
import { minutes, minutesApprovals } from '../dialogues/minutes.schema.ts';
import { groupMembers, workingGroups } from '../groups/group.schema.ts';
import { actionAssigned } from '../notifications/notification.raise.ts';
import { insertNotices, type NoticeWrite } from '../notifications/notification.repository.ts';
import { roleGrants, users } from '../users/user.schema.ts';
import type { NodeSide } from './federation.config.ts';
import { federationPeerEvents, federationReplicas } from './federation.schema.ts';
import type { AppliedPeerEvent, FederationService, RefusedPeerEvent } from './federation.service.ts';

/**
 * In-app notices of the peer's changes. The puller applies the peer's events without a local actor,
 * so the services' own notices are not raised; after each pull commits this raises them for the
 * people of this node the change concerns, in the inbox like the local ones:
 *
 * - the other side's position on an item of a round → this node's co-chairs and participants of it;
 * - a minutes revision written on the other node → this node's co-chairs and participants;
 * - the other side's approval → the same people; when it locks the minutes here, the group's members
 *   get the local "minutes locked" notice instead;
 * - a co-chair appointed on the other node → this node's members of the group;
 * - the other side's co-chair out of the role (a hand-over, a step-down, a removal from the group) → the
 *   same people, naming the successor or saying that the side has no co-chair until its node names one;
 * - an action with an owner on this node → that owner, as for a local assignment;
 * - an event this node refused (at verification or on apply) → this node's admins.
 *
 * One notice per object and pull: a pull that applies several events of one object (three edits of a
 * position, a revision and its approval) raises one notice about where the object now stands. Only
 * events with the outcome `applied` count: a re-delivery (`noop`) raises nothing, and every notice
 * carries a key of the change (position version, revision, event) so the same change is told once.
 * People from the peer (minimal profiles) never get notices: they do not sign in here.
 */

type Group = typeof workingGroups.$inferSelect;
const words = (b: BilingualStored) => ({ en: b.en, zh: b.zh });

/** Drops the peer's people (minimal profiles) and disabled accounts. */
async function localPeople(db: DbOrTx, ids: Iterable<string | null | undefined>): Promise<string[]> {
  const wanted = [...new Set([...ids].filter((id): id is string => !!id))];
  if (!wanted.length) return [];
  const replicas = await db
    .select({ id: federationReplicas.objectId })
    .from(federationReplicas)
    .where(and(eq(federationReplicas.objectType, 'person'), inArray(federationReplicas.objectId, wanted)));
  const peers = new Set(replicas.map((r) => r.id));
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, wanted), isNull(users.disabledAt)));
  const found = new Set(rows.map((r) => r.id));
  return wanted.filter((id) => found.has(id) && !peers.has(id));
}

async function groupOf(db: DbOrTx, id: string): Promise<Group | undefined> {
  const [g] = await db.select().from(workingGroups).where(eq(workingGroups.id, id));
  return g;
}

async function chairsAndParticipants(db: DbOrTx, groupId: string, roundId: string): Promise<string[]> {
  const chairs = await db.select({ id: groupMembers.userId }).from(groupMembers).where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.role, 'co_chair')));
  const participants = await db.select({ id: roundParticipants.userId }).from(roundParticipants).where(eq(roundParticipants.roundId, roundId));
  return localPeople(db, [...chairs, ...participants].map((r) => r.id));
}

async function positionNotices(db: DbOrTx, side: NodeSide, objectId: string): Promise<NoticeWrite[]> {
  const itemId = objectId.slice(0, objectId.lastIndexOf(':'));
  const [row] = await db
    .select({ item: agendaItems, round: dialogueRounds, version: itemPositions.version })
    .from(itemPositions)
    .innerJoin(agendaItems, eq(agendaItems.id, itemPositions.itemId))
    .innerJoin(dialogueRounds, eq(dialogueRounds.id, agendaItems.roundId))
    .where(and(eq(itemPositions.itemId, itemId), eq(itemPositions.side, side)));
  const group = row && (await groupOf(db, row.item.groupId));
  if (!row || !group) return [];
  const params = { side, change: row.version > 1 ? 'updated' : 'posted', itemTitle: words(row.item.title), roundTitle: words(row.round.title), groupName: words(group.name) };
  return (await chairsAndParticipants(db, group.id, row.round.id)).map((userId) => ({
    userId,
    kind: 'peer_position',
    groupId: group.id,
    entity: 'agenda_item',
    entityId: itemId,
    params,
    link: `/dialogues/rounds/${row.round.id}`,
    dedupeKey: `peer-position:${itemId}:${side}:${row.version}`,
  }));
}

/** Where the minutes stand after the peer's revision or approval: locked, approved by the peer, or revised. */
async function minutesNotices(db: DbOrTx, side: NodeSide, minutesId: string, approvedHere: boolean): Promise<NoticeWrite[]> {
  const [row] = await db.select({ m: minutes, round: dialogueRounds }).from(minutes).innerJoin(dialogueRounds, eq(dialogueRounds.id, minutes.roundId)).where(eq(minutes.id, minutesId));
  const group = row && (await groupOf(db, row.m.groupId));
  if (!row || !group) return [];
  const { m, round } = row;
  const base = { groupId: group.id, entity: 'minutes', entityId: m.id, link: `/dialogues/rounds/${round.id}` };
  const params = { side, revision: m.currentRevision, roundId: round.id, roundTitle: words(round.title), groupName: words(group.name) };
  if (m.status === 'locked' && m.lockedRevision !== null) {
    // The same notice, and key, as a lock by a local co-chair: nobody hears it twice.
    const members = await db.select({ id: groupMembers.userId }).from(groupMembers).where(eq(groupMembers.groupId, group.id));
    return (await localPeople(db, members.map((r) => r.id))).map((userId) => ({ ...base, userId, kind: 'minutes_locked', params: { ...params, revision: m.lockedRevision }, dedupeKey: `minutes-locked:${m.id}:${m.lockedRevision}` }));
  }
  const to = await chairsAndParticipants(db, group.id, round.id);
  if (approvedHere) {
    const [approval] = await db
      .select({ id: minutesApprovals.userId })
      .from(minutesApprovals)
      .where(and(eq(minutesApprovals.minutesId, m.id), eq(minutesApprovals.revision, m.currentRevision), eq(minutesApprovals.side, side)));
    if (approval) return to.map((userId) => ({ ...base, userId, kind: 'peer_minutes_approved', params, dedupeKey: `peer-minutes-approved:${m.id}:${m.currentRevision}` }));
  }
  return to.map((userId) => ({ ...base, userId, kind: 'peer_minutes_revised', params, dedupeKey: `peer-minutes:${m.id}:${m.currentRevision}` }));
}

async function coChairNotices(db: DbOrTx, side: NodeSide, objectId: string, seq: number): Promise<NoticeWrite[]> {
  const [groupId = '', userId = ''] = objectId.split(':');
  const [chair] = await db
    .select({ name: users.displayName })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId), eq(groupMembers.role, 'co_chair'), eq(groupMembers.side, side)));
  const group = chair && (await groupOf(db, groupId));
  if (!chair || !group) return [];
  const members = await db.select({ id: groupMembers.userId }).from(groupMembers).where(eq(groupMembers.groupId, groupId));
  return (await localPeople(db, members.map((r) => r.id))).map((to) => ({
    userId: to,
    kind: 'peer_cochair',
    groupId,
    entity: 'working_group',
    entityId: groupId,
    params: { side, name: chair.name, groupName: words(group.name) },
    link: `/groups/${groupId}`,
    dedupeKey: `peer-cochair:${groupId}:${userId}:${seq}`,
  }));
}

const roleIn = (e: { op: string; payload: string }): string | null => {
  if (e.op === 'remove') return null;
  try {
    const { role } = JSON.parse(e.payload) as { role?: unknown };
    return typeof role === 'string' ? role : null;
  } catch {
    return null;
  }
};

/**
 * The members this pull took out of the co-chair role, each with the event that did it. Once the pull has
 * committed, the role they held is gone from the tables (a removal's payload does not carry it either), so
 * it is read from the peer's own earlier events of the same member, kept in federation_peer_events: a
 * member's role here is only ever written by their side's node. Events of earlier pulls (a re-delivery,
 * a resync of the same state) only set the role before; a member back in the role by the end of the
 * pull is news of an appointment, not of a step-down.
 */
async function stepDowns(db: DbOrTx, events: readonly AppliedPeerEvent[]): Promise<{ origin: NodeSide; objectId: string; seq: number }[]> {
  const members = events.filter((e) => e.outcome === 'applied' && e.objectType === 'group_member');
  if (!members.length) return [];
  const inPull = new Set(members.map((e) => `${e.origin}\n${e.seq}`));
  const history = await db
    .select({ origin: federationPeerEvents.origin, seq: federationPeerEvents.seq, objectId: federationPeerEvents.objectId, op: federationPeerEvents.op, payload: federationPeerEvents.payload })
    .from(federationPeerEvents)
    .where(and(eq(federationPeerEvents.objectType, 'group_member'), inArray(federationPeerEvents.objectId, [...new Set(members.map((e) => e.objectId))]), inArray(federationPeerEvents.outcome, ['applied', 'noop'])))
    .orderBy(asc(federationPeerEvents.origin), asc(federationPeerEvents.seq));
  const role = new Map<string, string | null>();
  const found = new Map<string, { origin: NodeSide; objectId: string; seq: number }>();
  for (const e of history) {
    const key = `${e.origin}\n${e.objectId}`;
    const was = role.get(key) ?? null;
    const now = roleIn(e);
    role.set(key, now);
    if (!inPull.has(`${e.origin}\n${e.seq}`)) continue;
    if (was === 'co_chair' && now !== 'co_chair') found.set(key, { origin: e.origin as NodeSide, objectId: e.objectId, seq: e.seq });
    else if (now === 'co_chair') found.delete(key);
  }
  return [...found.values()];
}

/** The other side's co-chair is out of the role: the group's members hear who follows, or that nobody does yet. */
async function stepDownNotices(db: DbOrTx, side: NodeSide, objectId: string, seq: number): Promise<NoticeWrite[]> {
  const [groupId = '', userId = ''] = objectId.split(':');
  const [person] = await db.select({ name: users.displayName }).from(users).where(eq(users.id, userId));
  const group = person && (await groupOf(db, groupId));
  if (!person || !group) return [];
  const [successor] = await db
    .select({ name: users.displayName })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.side, side), eq(groupMembers.role, 'co_chair')));
  const members = await db.select({ id: groupMembers.userId }).from(groupMembers).where(eq(groupMembers.groupId, groupId));
  return (await localPeople(db, members.map((r) => r.id))).map((to) => ({
    userId: to,
    kind: 'peer_cochair_stepped_down',
    groupId,
    entity: 'working_group',
    entityId: groupId,
    params: { side, name: person.name, successor: successor?.name ?? null, groupName: words(group.name) },
    link: `/groups/${groupId}`,
    dedupeKey: `peer-cochair-stepped-down:${groupId}:${userId}:${seq}`,
  }));
}

/** The notices of one pull's applied events, raised in one transaction. */
export async function raisePeerNotices(db: Db, events: readonly AppliedPeerEvent[]): Promise<number> {
  // The last applied event of each object: one notice per object and pull.
  const last = new Map<string, AppliedPeerEvent>();
  for (const e of events) if (e.outcome === 'applied') last.set(`${e.objectType}\n${e.objectId}`, e);
  const minutesTouched = new Map<string, { side: NodeSide; approved: boolean }>();
  for (const e of last.values()) {
    if (e.objectType !== 'minutes_revision' && e.objectType !== 'minutes_approval') continue;
    const minutesId = e.objectId.split(':')[0] ?? '';
    const seen = minutesTouched.get(minutesId);
    minutesTouched.set(minutesId, { side: e.origin, approved: (seen?.approved ?? false) || e.objectType === 'minutes_approval' });
  }
  if (!last.size) return 0;
  return db.transaction(async (tx) => {
    const rows: NoticeWrite[] = [];
    let raised = 0;
    for (const e of last.values()) {
      if (e.objectType === 'position') rows.push(...(await positionNotices(tx, e.origin, e.objectId)));
      else if (e.objectType === 'group_member' && e.op === 'put') rows.push(...(await coChairNotices(tx, e.origin, e.objectId, e.seq)));
      else if (e.objectType === 'action') {
        const [action] = await tx.select().from(actionItems).where(eq(actionItems.id, e.objectId));
        const owners = await tx.select({ id: actionOwners.userId }).from(actionOwners).where(eq(actionOwners.actionId, e.objectId));
        const ownerIds = await localPeople(tx, owners.map((o) => o.id));
        if (action && ownerIds.length) raised += (await actionAssigned(tx, { action, ownerIds })).length;
      }
    }
    for (const [minutesId, m] of minutesTouched) rows.push(...(await minutesNotices(tx, m.side, minutesId, m.approved)));
    for (const s of await stepDowns(tx, events)) rows.push(...(await stepDownNotices(tx, s.origin, s.objectId, s.seq)));
    return raised + (await insertNotices(tx, rows)).length;
  });
}

/** Tells this node's admins of each event it refused for the first time; not the ones that only follow a refused one. */
export async function raiseRefusalNotices(db: Db, peerSide: NodeSide, refusals: readonly RefusedPeerEvent[]): Promise<number> {
  const roots = refusals.filter((r) => !r.reason.startsWith('follows a rejected event'));
  if (!roots.length) return 0;
  return db.transaction(async (tx) => {
    const grants = await tx.select({ id: roleGrants.userId }).from(roleGrants).where(eq(roleGrants.role, 'admin'));
    const admins = await localPeople(tx, grants.map((g) => g.id));
    const rows = roots.flatMap((r) =>
      admins.map((userId) => ({
        userId,
        kind: 'peer_event_refused' as const,
        entity: 'federation_rejected_event',
        entityId: r.id,
        params: { side: peerSide, seq: r.seq, reason: r.reason },
        link: '/admin/federation',
        dedupeKey: `peer-refused:${r.id}`,
      })),
    );
    return (await insertNotices(tx, rows)).length;
  });
}

/**
 * Raises the notices after every pull of this node. A failure is logged and never undoes the pull:
 * the peer's changes are applied whether or not their notices could be raised.
 */
export function registerFederationNotices(db: Db, federation: FederationService, log: { warn: (msg: string) => void }): void {
  const guard = async (what: string, run: () => Promise<unknown>): Promise<void> => {
    try {
      await run();
    } catch (err: unknown) {
      log.warn(`federation: could not raise the notices of ${what}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  federation.onApplied((events) => guard("the peer's changes", () => raisePeerNotices(db, events)));
  federation.onRefused((refusals) => guard("the peer's refused events", () => raiseRefusalNotices(db, federation.config.peerSide, refusals)));
}
