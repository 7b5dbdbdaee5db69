import { and, asc, count, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { actionItems, actionOwners, milestones, results } from '../actions/action.schema.ts';
import { agendaItems, convergenceHistory, dialogueRounds, dialogueTracks, itemPositions, roundParticipants } from '../dialogues/dialogue.schema.ts';
import { minutesRevisions } from '../dialogues/minutes.schema.ts';
import { workingGroups } from '../groups/group.schema.ts';
import type { FederationObjectType } from './federation.events.ts';
import { revisionStateWithLineage } from './federation.minutes-conflict.ts';
import { emitMember, memberState, type PeopleGuardContext } from './federation.people-guard.ts';
import { projectsStateOf } from './federation.projects.ts';
import type { FederationOutbox } from './federation.service.ts';

/**
 * What a service calls, in the transaction of its write, when a replicated object changed: the
 * object's state as it now stands (stored form, the originating node's ids) becomes a signed event of
 * this node's log. Without federation (no outbox) nothing happens. Payloads carry state, not
 * operations, so applying one twice changes nothing.
 */

const json = <T>(v: T): unknown => JSON.parse(JSON.stringify(v));

export async function groupState(db: DbOrTx, id: string): Promise<Record<string, unknown> | null> {
  const [g] = await db.select().from(workingGroups).where(eq(workingGroups.id, id));
  return g ? { id: g.id, name: g.name, charter: g.charter, technologyArea: g.technologyArea, status: g.status, sides: g.sides, createdAt: g.createdAt, updatedAt: g.updatedAt, version: g.version } : null;
}

export async function trackState(db: DbOrTx, id: string): Promise<Record<string, unknown> | null> {
  const [t] = await db.select().from(dialogueTracks).where(eq(dialogueTracks.id, id));
  return t ? { id: t.id, groupId: t.groupId, title: t.title, description: t.description, createdAt: t.createdAt } : null;
}

export async function roundState(db: DbOrTx, id: string): Promise<Record<string, unknown> | null> {
  const [r] = await db.select().from(dialogueRounds).where(eq(dialogueRounds.id, id));
  if (!r) return null;
  const participants = await db.select({ userId: roundParticipants.userId, side: roundParticipants.side }).from(roundParticipants).where(eq(roundParticipants.roundId, id)).orderBy(asc(roundParticipants.userId));
  return { id: r.id, trackId: r.trackId, groupId: r.groupId, title: r.title, startsAt: r.startsAt, endsAt: r.endsAt, place: r.place, onlineLink: r.onlineLink, status: r.status, createdAt: r.createdAt, version: r.version, participants };
}

/** An agenda item as created; its convergence travels as `convergence` events. */
export async function itemState(db: DbOrTx, id: string): Promise<Record<string, unknown> | null> {
  const [i] = await db.select().from(agendaItems).where(eq(agendaItems.id, id));
  return i ? { id: i.id, roundId: i.roundId, groupId: i.groupId, position: i.position, title: i.title, description: i.description } : null;
}

/** The n-th change of an item's convergence (n from 1): its revision number. */
export async function convergenceState(db: DbOrTx, itemId: string, revision: number): Promise<Record<string, unknown> | null> {
  const [item] = await db.select().from(agendaItems).where(eq(agendaItems.id, itemId));
  const rows = await db.select().from(convergenceHistory).where(eq(convergenceHistory.itemId, itemId)).orderBy(asc(convergenceHistory.id)).limit(1).offset(revision - 1);
  const h = rows[0];
  return item && h ? { itemId, roundId: item.roundId, groupId: item.groupId, revision, from: h.fromStatus, to: h.toStatus, note: h.note, actorId: h.actorId, at: h.at } : null;
}

export async function positionState(db: DbOrTx, itemId: string, side: string): Promise<Record<string, unknown> | null> {
  const [p] = await db.select().from(itemPositions).where(and(eq(itemPositions.itemId, itemId), eq(itemPositions.side, side)));
  const [item] = await db.select().from(agendaItems).where(eq(agendaItems.id, itemId));
  return p && item ? { itemId, roundId: item.roundId, groupId: item.groupId, side, position: p.position, concerns: p.concerns, updatedBy: p.updatedBy, updatedAt: p.updatedAt, version: p.version } : null;
}

export async function actionState(db: DbOrTx, id: string): Promise<Record<string, unknown> | null> {
  const [a] = await db.select().from(actionItems).where(eq(actionItems.id, id));
  if (!a) return null;
  const owners = await db.select({ side: actionOwners.side, userId: actionOwners.userId }).from(actionOwners).where(eq(actionOwners.actionId, id)).orderBy(asc(actionOwners.side));
  return { id: a.id, groupId: a.groupId, decisionId: a.decisionId, resultId: a.resultId, title: a.title, dueDate: a.dueDate, status: a.status, createdAt: a.createdAt, updatedAt: a.updatedAt, version: a.version, owners };
}

export async function resultState(db: DbOrTx, id: string): Promise<Record<string, unknown> | null> {
  const [r] = await db.select().from(results).where(eq(results.id, id));
  return r ? { id: r.id, groupId: r.groupId, title: r.title, description: r.description, createdAt: r.createdAt } : null;
}

export async function milestoneState(db: DbOrTx, id: string): Promise<Record<string, unknown> | null> {
  const [m] = await db.select({ m: milestones, groupId: results.groupId }).from(milestones).innerJoin(results, eq(results.id, milestones.resultId)).where(eq(milestones.id, id));
  return m ? { id: m.m.id, resultId: m.m.resultId, groupId: m.groupId, title: m.m.title, dueDate: m.m.dueDate, doneAt: m.m.doneAt, createdAt: m.m.createdAt, version: m.m.version } : null;
}

/**
 * The state of a replicated object by its event's type and id, JSON-normalised (dates as ISO strings).
 * With `guard`, the people a proposal or catalogue entry names are as this node would send them
 * (through the exporting side's review); without, as held here.
 */
export async function stateOf(db: DbOrTx, objectType: FederationObjectType, objectId: string, guard?: PeopleGuardContext): Promise<Record<string, unknown> | null> {
  const [a = '', b = ''] = objectId.split(':');
  let state: Record<string, unknown> | null;
  switch (objectType) {
    case 'group':
      state = await groupState(db, objectId);
      break;
    case 'group_member':
      state = await memberState(db, a, b);
      break;
    case 'track':
      state = await trackState(db, objectId);
      break;
    case 'round':
      state = await roundState(db, objectId);
      break;
    case 'agenda_item':
      state = await itemState(db, objectId);
      break;
    case 'convergence':
      state = await convergenceState(db, a, Number(b));
      break;
    case 'position':
      state = await positionState(db, a, b);
      break;
    case 'minutes_revision':
      state = await revisionStateWithLineage(db, a, Number(b));
      break;
    case 'action':
      state = await actionState(db, objectId);
      break;
    case 'result':
      state = await resultState(db, objectId);
      break;
    case 'milestone':
      state = await milestoneState(db, objectId);
      break;
    case 'minutes_approval':
      // Approvals are emitted by the minutes service as they happen; there is no state to re-read.
      state = null;
      break;
    case 'project':
    case 'project_side':
    case 'dataset':
      state = await projectsStateOf(db, objectType, objectId, guard);
      break;
    default:
      state = null;
  }
  return state && (json(state) as Record<string, unknown>);
}

const OPS: Partial<Record<FederationObjectType, string>> = { convergence: 'change', minutes_revision: 'add' };

/** Emits the current state of an object (op `put`, `change` for convergence, `add` for a minutes revision). */
export async function replicate(outbox: FederationOutbox | undefined, tx: DbOrTx, objectType: FederationObjectType, objectId: string): Promise<void> {
  if (!outbox) return;
  if (objectType === 'group_member') {
    // A person's profile crosses only through the transfer review (federation.people-guard.ts).
    const [groupId = '', userId = ''] = objectId.split(':');
    if (!(await emitMember(outbox, tx, groupId, userId, new Date()))) throw new Error(`replicate: no group_member ${objectId}`);
    return;
  }
  const payload = await stateOf(tx, objectType, objectId);
  if (!payload) throw new Error(`replicate: no ${objectType} ${objectId}`);
  await outbox.emit(tx, { objectType, objectId, op: OPS[objectType] ?? 'put', payload });
}

/** Emits the removal of a member from a group. */
export async function replicateRemoval(outbox: FederationOutbox | undefined, tx: DbOrTx, member: { groupId: string; userId: string; side: string }): Promise<void> {
  if (!outbox) return;
  await outbox.emit(tx, { objectType: 'group_member', objectId: `${member.groupId}:${member.userId}`, op: 'remove', payload: { groupId: member.groupId, userId: member.userId, side: member.side } });
}

/** Emits the latest convergence change of an item. */
export async function replicateConvergence(outbox: FederationOutbox | undefined, tx: DbOrTx, itemId: string): Promise<void> {
  if (!outbox) return;
  const [n] = await tx.select({ n: count() }).from(convergenceHistory).where(eq(convergenceHistory.itemId, itemId));
  await replicate(outbox, tx, 'convergence', `${itemId}:${n?.n ?? 0}`);
}

/** Emits a minutes revision (the current one when no number is given). */
export async function replicateRevision(outbox: FederationOutbox | undefined, tx: DbOrTx, minutesId: string, number?: number): Promise<void> {
  if (!outbox) return;
  const n = number ?? (await tx.select({ n: minutesRevisions.number }).from(minutesRevisions).where(eq(minutesRevisions.minutesId, minutesId)).orderBy(desc(minutesRevisions.number)).limit(1))[0]?.n;
  await replicate(outbox, tx, 'minutes_revision', `${minutesId}:${n ?? 1}`);
}
