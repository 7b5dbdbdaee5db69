import { and, asc, count, eq } from 'drizzle-orm';
import type { BilingualStored } from '@qiao/contracts';
import type { DbOrTx, Tx } from '../../db/client.ts';
import { actionItems, actionOwners, results } from '../actions/action.schema.ts';
import { agendaItems, convergenceHistory, dialogueRounds, dialogueTracks, itemPositions, roundParticipants } from '../dialogues/dialogue.schema.ts';
import { decisions, minutes, minutesApprovals, minutesRevisions } from '../dialogues/minutes.schema.ts';
import { lockApprovedRevision } from '../dialogues/minutes.service.ts';
import { groupMembers, workingGroups } from '../groups/group.schema.ts';
import { roundChanged } from '../notifications/notification.raise.ts';
import { users } from '../users/user.schema.ts';
import type { NodeSide } from './federation.config.ts';
import { authorityProblem, canonicalJson, type FederationObjectType } from './federation.events.ts';
import { stateOf } from './federation.replicate.ts';
import { recordWithheld, withheldName } from './federation.people-guard.ts';
import { applyProjectsEvent } from './federation.projects.ts';
import { federationWithheld } from './federation.projects.schema.ts';
import { approvalOfAnotherText, resolveConcurrentRevision } from './federation.minutes-conflict.ts';
import { federationReplicas } from './federation.schema.ts';
import { applyMilestoneVersion, staleReason, versionGate } from './federation.versions.ts';

/**
 * Applying the peer's accepted events to this node's tables. Each event carries the state of one
 * object under the originating node's id, so applying it twice changes nothing. Outcomes:
 * - `applied`: the object now holds the event's state;
 * - `noop`: it already did (a re-delivery);
 * - `refused`: the origin had no right to say it, or it is stale (a revision this node already has
 *   with other content, exactly as a local write on a stale revision is refused); kept with the reason;
 * - `pending`: a prerequisite is not here yet; the event waits and is tried again, never skipped.
 */
export type ApplyOutcome = { kind: 'applied' } | { kind: 'noop' } | { kind: 'refused'; reason: string } | { kind: 'pending'; reason: string };

export interface PeerEventToApply {
  origin: NodeSide;
  seq: number;
  objectType: string;
  objectId: string;
  op: string;
  payload: string;
}

type P = Record<string, unknown>;

const applied = { kind: 'applied' } as const;
const noop = { kind: 'noop' } as const;
const refused = (reason: string) => ({ kind: 'refused', reason }) as const;
const pending = (reason: string) => ({ kind: 'pending', reason }) as const;

/** Thrown inside an apply to roll back its savepoint and report the outcome. */
class Outcome extends Error {
  constructor(readonly outcome: ApplyOutcome) {
    super(outcome.kind);
  }
}
const refuse = (reason: string): never => {
  throw new Outcome(refused(reason));
};
const wait = (reason: string): never => {
  throw new Outcome(pending(reason));
};

const str = (v: unknown): string => (typeof v === 'string' ? v : String(v));
const date = (v: unknown): Date => new Date(str(v));
const dateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : date(v));
const bi = (v: unknown) => v as BilingualStored;
const biOrNull = (v: unknown) => (v ?? null) as BilingualStored | null;

/**
 * Applies one event inside a savepoint of `tx`: a refusal or a wait leaves nothing behind. Idempotent:
 * an event whose state this node already holds is a `noop`.
 */
export async function applyPeerEvent(tx: Tx, e: PeerEventToApply, now: Date): Promise<ApplyOutcome> {
  let payload: P;
  try {
    payload = JSON.parse(e.payload) as P;
  } catch {
    return refused('payload is not JSON');
  }
  const authority = authorityProblem({ ...e, v: 1, prevHash: '', hash: '', signature: '' }, payload);
  if (authority) return refused(authority);
  try {
    return await tx.transaction(async (sp) => {
      // This event, or a later one of the same object, was applied here already: a re-delivery.
      const [seen] = await sp
        .select()
        .from(federationReplicas)
        .where(and(eq(federationReplicas.objectType, e.objectType), eq(federationReplicas.objectId, e.objectId)));
      if (seen && seen.origin === e.origin && seen.seq >= e.seq) return noop;
      // Already so here: the same state reached another way.
      if (e.op !== 'remove' && e.objectType !== 'minutes_approval') {
        const current = await stateOf(sp, e.objectType as FederationObjectType, e.objectId);
        if (current && canonicalJson(current) === e.payload) return noop;
      }
      const outcome = await applyTo(sp, e, payload, now);
      if (outcome.kind === 'applied') {
        await sp
          .insert(federationReplicas)
          .values({ objectType: e.objectType, objectId: e.objectId, origin: e.origin, seq: e.seq, appliedAt: now })
          .onConflictDoUpdate({ target: [federationReplicas.objectType, federationReplicas.objectId], set: { origin: e.origin, seq: e.seq, appliedAt: now } });
      }
      return outcome;
    });
  } catch (err: unknown) {
    if (err instanceof Outcome) return err.outcome;
    // A constraint this node holds that the event does not meet: it waits, with the reason shown.
    return pending(`could not apply: ${err instanceof Error ? err.message : String(err)}`);
  }
}

async function applyTo(tx: Tx, e: PeerEventToApply, p: P, now: Date): Promise<ApplyOutcome> {
  switch (e.objectType as FederationObjectType) {
    case 'group':
      return applyGroup(tx, e, p);
    case 'group_member':
      return applyMember(tx, e, p, now);
    case 'track':
      return applyTrack(tx, e, p);
    case 'round':
      return applyRound(tx, e, p);
    case 'agenda_item':
      return applyItem(tx, e, p);
    case 'convergence':
      return applyConvergence(tx, e, p);
    case 'position':
      return applyPosition(tx, e, p);
    case 'minutes_revision':
      return (await resolveConcurrentRevision(tx, e, p)) ?? applyRevision(tx, e, p);
    case 'minutes_approval':
      return (await approvalOfAnotherText(tx, e, p)) ?? applyApproval(tx, e, p);
    case 'action':
      return applyAction(tx, e, p);
    case 'result':
      return applyResult(tx, e, p);
    case 'milestone':
      return applyMilestoneVersion(tx, e, p);
    case 'project':
    case 'project_side':
    case 'dataset':
      return applyProjectsEvent(tx, e, p, now);
    default:
      return refused(`object type ${e.objectType} is not replicated`);
  }
}

/** The object's group must be here, and the origin one of its sides. */
async function groupFor(tx: Tx, e: PeerEventToApply, groupId: unknown): Promise<typeof workingGroups.$inferSelect> {
  const [g] = await tx.select().from(workingGroups).where(eq(workingGroups.id, str(groupId)));
  if (!g) return wait(`working group ${str(groupId)} is not on this node yet`);
  if (!g.sides.includes(e.origin)) return refuse(`the ${e.origin} node is not a side of working group ${g.id} (${g.sides.join(', ')})`);
  return g;
}

async function requireUsers(tx: Tx, ids: unknown[]): Promise<void> {
  for (const id of new Set(ids.map(str))) {
    const [u] = await tx.select({ id: users.id }).from(users).where(eq(users.id, id));
    if (!u) wait(`person ${id} is not on this node yet`);
  }
}

/**
 * Positions under version numbers (written by their side's node only): an event carrying a version this
 * node already has (or passed) with other content is stale, refused as a local write on that version
 * would be. Groups, rounds, action items and milestones go through `versionGate` (federation.versions.ts),
 * which also settles a concurrent edit of the same version.
 */
function staleVersion(what: string, local: number, incoming: number): never {
  return refuse(staleReason(what, local, incoming));
}

async function applyGroup(tx: Tx, e: PeerEventToApply, p: P): Promise<ApplyOutcome> {
  const [local] = await tx.select().from(workingGroups).where(eq(workingGroups.id, e.objectId));
  const values = { name: bi(p.name), charter: bi(p.charter), technologyArea: str(p.technologyArea), status: p.status as typeof workingGroups.$inferInsert.status, sides: p.sides as string[], createdAt: date(p.createdAt), updatedAt: date(p.updatedAt), version: Number(p.version) };
  if (!local) {
    await tx.insert(workingGroups).values({ id: e.objectId, ...values });
    return applied;
  }
  if (!local.sides.includes(e.origin)) refuse(`the ${e.origin} node is not a side of working group ${local.id}`);
  const gate = await versionGate(tx, e, 'group', 'working group', local.version, values.version);
  if (gate) return gate;
  await tx.update(workingGroups).set(values).where(eq(workingGroups.id, e.objectId));
  return applied;
}

/** A member of a group, with the minimal profile of a person from the other node. */
async function applyMember(tx: Tx, e: PeerEventToApply, p: P, now: Date): Promise<ApplyOutcome> {
  const groupId = str(p.groupId);
  const userId = str(p.userId);
  if (e.objectId !== `${groupId}:${userId}`) refuse('the member event names another group or person than its payload');
  await groupFor(tx, e, groupId);
  if (e.op === 'remove') {
    const [m] = await tx.select().from(groupMembers).where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId)));
    if (!m) return noop;
    await tx.delete(groupMembers).where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId)));
    return applied;
  }
  // Withheld by the exporting side's transfer review: the person is kept here under a neutral name only.
  const withheld = p.withheld === true;
  const displayName = withheld ? withheldName(e.origin) : str(p.displayName);
  const [person] = await tx.select().from(users).where(eq(users.id, userId));
  if (person) {
    if (person.side !== e.origin) refuse(`person ${userId} is a ${person.side} person on this node; the ${e.origin} node cannot speak for them`);
    const [replica] = await tx.select().from(federationReplicas).where(and(eq(federationReplicas.objectType, 'person'), eq(federationReplicas.objectId, userId)));
    if (replica && person.displayName !== displayName) await tx.update(users).set({ displayName }).where(eq(users.id, userId));
  } else {
    // The minimal profile: a display name and a side. No e-mail travels: the address is a placeholder
    // that cannot receive mail, and the password hash matches no password, so nobody signs in as them here.
    await tx.insert(users).values({ id: userId, email: `${userId}@${e.origin.toLowerCase()}.peer.invalid`, displayName, side: e.origin, passwordHash: '!', createdAt: date(p.joinedAt), updatedAt: date(p.joinedAt) });
  }
  if (withheld) await recordWithheld(tx, 'person', userId, { ...p, displayName }, e.origin, e.seq, now);
  else await tx.delete(federationWithheld).where(and(eq(federationWithheld.objectType, 'person'), eq(federationWithheld.objectId, userId)));
  await tx
    .insert(federationReplicas)
    .values({ objectType: 'person', objectId: userId, origin: e.origin, seq: e.seq, appliedAt: now })
    .onConflictDoUpdate({ target: [federationReplicas.objectType, federationReplicas.objectId], set: { seq: e.seq } });
  const role = p.role as typeof groupMembers.$inferInsert.role;
  if (role === 'co_chair') {
    const [chair] = await tx.select().from(groupMembers).where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.side, e.origin), eq(groupMembers.role, 'co_chair')));
    if (chair && chair.userId !== userId) refuse(`side ${e.origin} of working group ${groupId} already has a co-chair here (${chair.userId}); the hand-over must come first`);
  }
  await tx
    .insert(groupMembers)
    .values({ groupId, userId, side: str(p.side), role, joinedAt: date(p.joinedAt) })
    .onConflictDoUpdate({ target: [groupMembers.groupId, groupMembers.userId], set: { role, side: str(p.side) } });
  return applied;
}

async function applyTrack(tx: Tx, e: PeerEventToApply, p: P): Promise<ApplyOutcome> {
  await groupFor(tx, e, p.groupId);
  const [local] = await tx.select().from(dialogueTracks).where(eq(dialogueTracks.id, e.objectId));
  if (local) refuse(`dialogue track ${e.objectId} is already on this node with other content`);
  await tx.insert(dialogueTracks).values({ id: e.objectId, groupId: str(p.groupId), title: bi(p.title), description: biOrNull(p.description), createdAt: date(p.createdAt) });
  return applied;
}

async function applyRound(tx: Tx, e: PeerEventToApply, p: P): Promise<ApplyOutcome> {
  await groupFor(tx, e, p.groupId);
  const [track] = await tx.select().from(dialogueTracks).where(eq(dialogueTracks.id, str(p.trackId)));
  if (!track) wait(`dialogue track ${str(p.trackId)} is not on this node yet`);
  const participants = (p.participants as { userId: string; side: string }[]) ?? [];
  await requireUsers(
    tx,
    participants.map((x) => x.userId),
  );
  const values = { trackId: str(p.trackId), groupId: str(p.groupId), title: bi(p.title), startsAt: date(p.startsAt), endsAt: dateOrNull(p.endsAt), place: (p.place ?? null) as string | null, onlineLink: (p.onlineLink ?? null) as string | null, status: p.status as typeof dialogueRounds.$inferInsert.status, createdAt: date(p.createdAt), version: Number(p.version) };
  const [local] = await tx.select().from(dialogueRounds).where(eq(dialogueRounds.id, e.objectId));
  if (!local) await tx.insert(dialogueRounds).values({ id: e.objectId, ...values });
  else {
    const gate = await versionGate(tx, e, 'round', 'dialogue round', local.version, values.version);
    if (gate) return gate;
    await tx.update(dialogueRounds).set(values).where(eq(dialogueRounds.id, e.objectId));
  }
  await tx.delete(roundParticipants).where(eq(roundParticipants.roundId, e.objectId));
  if (participants.length) await tx.insert(roundParticipants).values(participants.map((x) => ({ roundId: e.objectId, userId: x.userId, side: x.side })));
  return applied;
}

async function applyItem(tx: Tx, e: PeerEventToApply, p: P): Promise<ApplyOutcome> {
  await groupFor(tx, e, p.groupId);
  const [round] = await tx.select().from(dialogueRounds).where(eq(dialogueRounds.id, str(p.roundId)));
  if (!round) wait(`dialogue round ${str(p.roundId)} is not on this node yet`);
  const [local] = await tx.select().from(agendaItems).where(eq(agendaItems.id, e.objectId));
  if (local) refuse(`agenda item ${e.objectId} is already on this node with other content`);
  await tx.insert(agendaItems).values({ id: e.objectId, roundId: str(p.roundId), groupId: str(p.groupId), position: Number(p.position), title: bi(p.title), description: biOrNull(p.description) });
  return applied;
}

/** The n-th change of an item's convergence: applied on top of change n - 1, refused when n is taken. */
async function applyConvergence(tx: Tx, e: PeerEventToApply, p: P): Promise<ApplyOutcome> {
  await groupFor(tx, e, p.groupId);
  const itemId = str(p.itemId);
  const revision = Number(p.revision);
  const [item] = await tx.select().from(agendaItems).where(eq(agendaItems.id, itemId));
  if (!item) return wait(`agenda item ${itemId} is not on this node yet`);
  const [c] = await tx.select({ n: count() }).from(convergenceHistory).where(eq(convergenceHistory.itemId, itemId));
  const have = c?.n ?? 0;
  if (have >= revision) staleVersion('convergence of this agenda item', have, revision);
  if (have < revision - 1) wait(`convergence change ${revision - 1} of agenda item ${itemId} is not on this node yet`);
  if (item.convergence !== p.from) refuse(`stale convergence: the item is ${item.convergence} on this node, the change starts from ${str(p.from)}`);
  const [actor] = await tx.select().from(groupMembers).where(and(eq(groupMembers.groupId, item.groupId), eq(groupMembers.userId, str(p.actorId))));
  if (actor?.role !== 'co_chair' || actor.side !== e.origin) refuse(`the convergence is set by a co-chair of the ${e.origin} side; ${str(p.actorId)} is not one on this node`);
  await tx.update(agendaItems).set({ convergence: p.to as typeof agendaItems.$inferInsert.convergence }).where(eq(agendaItems.id, itemId));
  await tx.insert(convergenceHistory).values({ itemId, fromStatus: p.from as typeof convergenceHistory.$inferInsert.fromStatus, toStatus: p.to as typeof convergenceHistory.$inferInsert.toStatus, note: (p.note ?? null) as string | null, actorId: str(p.actorId), at: date(p.at) });
  // Pages open on the round here refresh as they do for a local change.
  await roundChanged(tx, item.roundId, 'convergence');
  return applied;
}

async function applyPosition(tx: Tx, e: PeerEventToApply, p: P): Promise<ApplyOutcome> {
  const itemId = str(p.itemId);
  const side = str(p.side);
  if (e.objectId !== `${itemId}:${side}`) refuse('the position event names another item or side than its payload');
  const [item] = await tx.select().from(agendaItems).where(eq(agendaItems.id, itemId));
  if (!item) return wait(`agenda item ${itemId} is not on this node yet`);
  await groupFor(tx, e, item.groupId);
  await requireUsers(tx, [p.updatedBy]);
  const values = { position: bi(p.position), concerns: biOrNull(p.concerns), updatedBy: str(p.updatedBy), updatedAt: date(p.updatedAt), version: Number(p.version) };
  const [local] = await tx.select().from(itemPositions).where(and(eq(itemPositions.itemId, itemId), eq(itemPositions.side, side)));
  if (!local) await tx.insert(itemPositions).values({ itemId, side, ...values });
  else {
    if (local.version >= values.version) staleVersion(`${side} position`, local.version, values.version);
    await tx
      .update(itemPositions)
      .set(values)
      .where(and(eq(itemPositions.itemId, itemId), eq(itemPositions.side, side)));
  }
  await roundChanged(tx, item.roundId, 'position');
  return applied;
}

/**
 * Minutes text under revision numbers: revision n goes on top of revision n - 1 (revision 1 creates
 * the minutes of the round). A revision number this node already has, with other text, is refused:
 * the same rule as a local amendment of a stale revision.
 */
async function applyRevision(tx: Tx, e: PeerEventToApply, p: P): Promise<ApplyOutcome> {
  const g = await groupFor(tx, e, p.groupId);
  const minutesId = str(p.minutesId);
  const number = Number(p.number);
  await requireUsers(tx, [p.authorId]);
  const [author] = await tx.select().from(groupMembers).where(and(eq(groupMembers.groupId, g.id), eq(groupMembers.userId, str(p.authorId))));
  if (!author || author.side !== e.origin) refuse(`minutes written on the ${e.origin} node have a ${e.origin} member of the group as author; ${str(p.authorId)} is not one on this node`);
  let [row] = await tx.select().from(minutes).where(eq(minutes.id, minutesId)).for('update');
  if (!row) {
    if (number !== 1) return wait(`minutes ${minutesId} are not on this node yet`);
    const [round] = await tx.select().from(dialogueRounds).where(eq(dialogueRounds.id, str(p.roundId)));
    if (!round) return wait(`dialogue round ${str(p.roundId)} is not on this node yet`);
    const [other] = await tx.select().from(minutes).where(eq(minutes.roundId, round.id));
    if (other) refuse(`stale revision: round ${round.id} already has minutes on this node (${other.id}); amend those instead`);
    [row] = await tx.insert(minutes).values({ id: minutesId, roundId: round.id, groupId: g.id }).returning();
  } else {
    if (row.currentRevision >= number) refuse(`stale revision: revision ${number} of minutes ${minutesId} was already written on this node (now at revision ${row.currentRevision}) with other text`);
    if (row.currentRevision < number - 1) wait(`revision ${number - 1} of minutes ${minutesId} is not on this node yet`);
    await tx
      .update(minutes)
      .set({ currentRevision: number, status: 'draft', version: row.version + 1 })
      .where(eq(minutes.id, minutesId));
  }
  await tx.insert(minutesRevisions).values({ minutesId, number, body: bi(p.body), decisions: p.decisions as BilingualStored[], note: (p.note ?? null) as string | null, authorId: str(p.authorId), createdAt: date(p.createdAt) });
  return applied;
}

/**
 * An approval by the co-chair of the origin's side, of the revision it names. An approval of a revision
 * that is no longer current is stale and refused. When every side has approved, the revision is locked
 * here as on the approving node (same decision ids, same record entries).
 */
async function applyApproval(tx: Tx, e: PeerEventToApply, p: P): Promise<ApplyOutcome> {
  const minutesId = str(p.minutesId);
  const revision = Number(p.revision);
  const [row] = await tx.select().from(minutes).where(eq(minutes.id, minutesId)).for('update');
  if (!row) return wait(`minutes ${minutesId} are not on this node yet`);
  const g = await groupFor(tx, e, row.groupId);
  const [existing] = await tx
    .select()
    .from(minutesApprovals)
    .where(and(eq(minutesApprovals.minutesId, minutesId), eq(minutesApprovals.revision, revision), eq(minutesApprovals.side, e.origin)));
  if (existing) return existing.userId === p.userId && existing.at.toISOString() === p.at ? noop : refuse(`the ${e.origin} co-chair's approval of revision ${revision} is already on this node`);
  if (row.currentRevision > revision) refuse(`stale revision: the approval is of revision ${revision}, but the minutes are at revision ${row.currentRevision} on this node`);
  if (row.currentRevision < revision) wait(`revision ${revision} of minutes ${minutesId} is not on this node yet`);
  if (row.status === 'locked') refuse(`revision ${revision} is already approved and locked on this node`);
  const [chair] = await tx.select().from(groupMembers).where(and(eq(groupMembers.groupId, g.id), eq(groupMembers.userId, str(p.userId))));
  if (chair?.role !== 'co_chair' || chair.side !== e.origin) refuse(`only the ${e.origin} co-chair approves for the ${e.origin} side; ${str(p.userId)} is not that co-chair on this node`);
  await tx.insert(minutesApprovals).values({ minutesId, revision, side: e.origin, userId: str(p.userId), at: date(p.at) });
  const approvals = await tx.select({ side: minutesApprovals.side }).from(minutesApprovals).where(and(eq(minutesApprovals.minutesId, minutesId), eq(minutesApprovals.revision, revision)));
  if (g.sides.every((s) => approvals.some((a) => a.side === s))) await lockApprovedRevision(tx, row);
  await roundChanged(tx, row.roundId, 'approval');
  return applied;
}

async function applyAction(tx: Tx, e: PeerEventToApply, p: P): Promise<ApplyOutcome> {
  await groupFor(tx, e, p.groupId);
  const owners = (p.owners as { side: string; userId: string }[]) ?? [];
  await requireUsers(
    tx,
    owners.map((o) => o.userId),
  );
  const [decision] = await tx.select({ id: decisions.id }).from(decisions).where(eq(decisions.id, str(p.decisionId)));
  if (!decision) return wait(`decision ${str(p.decisionId)} is not on this node yet`);
  if (p.resultId) {
    const [r] = await tx.select({ id: results.id }).from(results).where(eq(results.id, str(p.resultId)));
    if (!r) wait(`result ${str(p.resultId)} is not on this node yet`);
  }
  const values = { groupId: str(p.groupId), decisionId: str(p.decisionId), resultId: (p.resultId ?? null) as string | null, title: bi(p.title), dueDate: str(p.dueDate), status: p.status as typeof actionItems.$inferInsert.status, createdAt: date(p.createdAt), updatedAt: date(p.updatedAt), version: Number(p.version) };
  const [local] = await tx.select().from(actionItems).where(eq(actionItems.id, e.objectId));
  if (!local) await tx.insert(actionItems).values({ id: e.objectId, ...values });
  else {
    const gate = await versionGate(tx, e, 'action', 'action item', local.version, values.version);
    if (gate) return gate;
    await tx.update(actionItems).set(values).where(eq(actionItems.id, e.objectId));
  }
  await tx.delete(actionOwners).where(eq(actionOwners.actionId, e.objectId));
  if (owners.length) await tx.insert(actionOwners).values(owners.map((o) => ({ actionId: e.objectId, side: o.side, userId: o.userId })));
  return applied;
}

async function applyResult(tx: Tx, e: PeerEventToApply, p: P): Promise<ApplyOutcome> {
  await groupFor(tx, e, p.groupId);
  const [local] = await tx.select().from(results).where(eq(results.id, e.objectId));
  if (local) refuse(`result ${e.objectId} is already on this node with other content`);
  await tx.insert(results).values({ id: e.objectId, groupId: str(p.groupId), title: bi(p.title), description: biOrNull(p.description), createdAt: date(p.createdAt) });
  return applied;
}

/** The replicated objects on this node, from the peer, in the order they were last applied (for tests and admins). */
export async function listReplicas(tx: DbOrTx): Promise<(typeof federationReplicas.$inferSelect)[]> {
  return tx.select().from(federationReplicas).orderBy(asc(federationReplicas.seq));
}
