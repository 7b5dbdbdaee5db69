import type { BilingualStored, ProjectChecks, ScreeningStatus } from '@qiao/contracts';
import type { DbOrTx } from '../../db/client.ts';
import { findOrganization, findPerson } from '../parties/party.repository.ts';
import { publish, objectChannel } from './live.bus.ts';
import { coChairIds, displayNameOf, holdersOf, memberIds, others } from './notification.recipients.ts';
import { insertNotices, type NoticeWrite } from './notification.repository.ts';

/**
 * One function per event that waits for someone: each finds its recipients and raises their notices
 * inside the caller's transaction, so the notice lands exactly when the write does. Parameters keep
 * both languages where the source has them; the words are rendered when read or mailed.
 */

type Group = { id: string; name: BilingualStored };

export function joinRequested(tx: DbOrTx, e: { group: Group; chairId: string | null; requestId: string; requester: { id: string; displayName: string; side: string }; role: string }) {
  if (!e.chairId) return Promise.resolve([]);
  return insertNotices(tx, [
    { userId: e.chairId, kind: 'join_request', groupId: e.group.id, entity: 'join_request', entityId: e.requestId, params: { groupName: e.group.name, requester: e.requester.displayName, side: e.requester.side, role: e.role }, link: `/groups/${e.group.id}`, dedupeKey: `join:${e.requestId}` },
  ]);
}

export function joinDecided(tx: DbOrTx, e: { group: Group; requestId: string; requesterId: string; decision: 'approve' | 'decline' }) {
  return insertNotices(tx, [
    { userId: e.requesterId, kind: 'join_decided', groupId: e.group.id, entity: 'join_request', entityId: e.requestId, params: { groupName: e.group.name, decision: e.decision }, link: `/groups/${e.group.id}`, dedupeKey: `join-decided:${e.requestId}` },
  ]);
}

export async function minutesToApprove(tx: DbOrTx, e: { group: Group; chairs: string[]; minutesId: string; roundId: string; revision: number; authorId: string }) {
  await publish(tx, objectChannel('round', e.roundId), 'minutes');
  return insertNotices(
    tx,
    e.chairs.map((userId) => ({ userId, kind: 'minutes_approval_needed', groupId: e.group.id, entity: 'minutes', entityId: e.minutesId, params: { revision: e.revision, roundId: e.roundId, authorId: e.authorId, groupName: e.group.name }, link: `/dialogues/rounds/${e.roundId}`, dedupeKey: `minutes:${e.minutesId}:${e.revision}` })),
  );
}

/** Minutes locked: every member of the group hears the record grew, except the co-chair who locked it. */
export async function minutesLocked(tx: DbOrTx, e: { group: Group; minutesId: string; roundId: string; revision: number; actorId: string }) {
  const to = others(await memberIds(tx, e.group.id), e.actorId);
  return insertNotices(
    tx,
    to.map((userId) => ({ userId, kind: 'minutes_locked', groupId: e.group.id, entity: 'minutes', entityId: e.minutesId, params: { revision: e.revision, roundId: e.roundId, groupName: e.group.name }, link: `/dialogues/rounds/${e.roundId}`, dedupeKey: `minutes-locked:${e.minutesId}:${e.revision}` })),
  );
}

export function actionAssigned(tx: DbOrTx, e: { action: { id: string; groupId: string; title: unknown; dueDate: string | null }; ownerIds: string[] }) {
  return insertNotices(
    tx,
    e.ownerIds.map((userId) => ({ userId, kind: 'action_assigned', groupId: e.action.groupId, entity: 'action_item', entityId: e.action.id, params: { title: e.action.title, dueDate: e.action.dueDate }, link: '/groups/my-actions', dedupeKey: `assigned:${e.action.id}` })),
  );
}

/** A change a round's open pages must see (a position saved, convergence, an approval). */
export function roundChanged(tx: DbOrTx, roundId: string, what: string) {
  return publish(tx, objectChannel('round', roundId), what);
}

interface ProjectLike {
  id: string;
  groupId: string;
  title: BilingualStored;
  status: string;
  createdBy: string | null;
  checks: ProjectChecks | null;
  version: number;
}

/** What a re-check found, in words: which party, which list, which new status. */
export interface RecheckCause {
  partyId: string;
  partyKind: 'organization' | 'person';
  listId?: string;
  after: ScreeningStatus;
}

async function partyWords(tx: DbOrTx, cause: RecheckCause): Promise<{ partyName: unknown; partySide: string }> {
  const party = cause.partyKind === 'organization' ? await findOrganization(tx, cause.partyId) : await findPerson(tx, cause.partyId);
  if (!party) return { partyName: cause.partyId, partySide: '' };
  const en = party.names.find((n) => n.lang === 'en')?.value ?? party.names[0]?.value ?? cause.partyId;
  const zh = party.names.find((n) => n.lang.startsWith('zh'))?.value ?? en;
  return { partyName: { en, zh }, partySide: party.side };
}

/**
 * A project moved: submitted or re-checked (its flagged sides' officers review, its co-chairs sign
 * off), approved, rejected, or reopened by a re-check. `cause` says what the re-check found.
 */
export async function projectChanged(tx: DbOrTx, e: { before: ProjectLike; after: ProjectLike; action: string; reason: string; actorId: string | null; cause?: RecheckCause }) {
  const { before, after } = e;
  await publish(tx, objectChannel('project', after.id), e.action);
  const base = { groupId: after.groupId, entity: 'project', entityId: after.id, link: `/projects/${after.id}` };
  const title = { projectTitle: { en: after.title.en, zh: after.title.zh } };
  const chairs = await coChairIds(tx, after.groupId);
  const rows: NoticeWrite[] = [];
  const runAt = after.checks?.runAt ?? '';
  const newChecks = runAt !== (before.checks?.runAt ?? '');
  const underReview = after.status === 'submitted' || after.status === 'under_review';
  if (underReview && newChecks) {
    const sides = new Map<string, number>();
    for (const f of after.checks?.flags ?? []) sides.set(f.side, (sides.get(f.side) ?? 0) + 1);
    for (const [side, flags] of sides) {
      for (const userId of others(await holdersOf(tx, 'compliance_officer', side), e.actorId)) rows.push({ ...base, userId, kind: 'flag_review', params: { ...title, side, flags }, dedupeKey: `flags:${after.id}:${runAt}:${side}` });
    }
    for (const userId of others(chairs, e.actorId)) rows.push({ ...base, userId, kind: 'project_sign_off', params: title, dedupeKey: `sign-off:${after.id}:${runAt}` });
  }
  const people = others([...chairs, after.createdBy], e.actorId);
  if (after.status !== before.status) {
    if (after.status === 'approved') for (const userId of people) rows.push({ ...base, userId, kind: 'project_approved', params: title, dedupeKey: `approved:${after.id}:${runAt}` });
    if (after.status === 'rejected') for (const userId of people) rows.push({ ...base, userId, kind: 'project_rejected', params: { ...title, reason: e.reason }, dedupeKey: `rejected:${after.id}:${after.version}` });
    if (before.status === 'approved' && after.status === 'under_review' && e.cause) {
      const words = await partyWords(tx, e.cause);
      for (const userId of people) rows.push({ ...base, userId, kind: 'project_reopened', params: { ...title, ...words, listId: e.cause.listId ?? '', status: e.cause.after }, dedupeKey: `reopened:${after.id}:${runAt}` });
    }
  }
  return insertNotices(tx, rows);
}

interface DatasetLike {
  id: string;
  title: BilingualStored;
  side: string;
  stewardId: string | null;
}
const datasetTitle = (d: DatasetLike) => ({ datasetTitle: { en: d.title.en, zh: d.title.zh } });

/** A request waits for the dataset's stewards (its own steward and its side's data stewards). */
export async function accessRequested(tx: DbOrTx, e: { dataset: DatasetLike; requestId: string; requesterId: string; purpose: string; requesterSide: string }) {
  await publish(tx, objectChannel('dataset', e.dataset.id), 'access_request');
  const stewards = others([e.dataset.stewardId, ...(await holdersOf(tx, 'data_steward', e.dataset.side))], e.requesterId);
  const requester = await displayNameOf(tx, e.requesterId);
  return insertNotices(
    tx,
    stewards.map((userId) => ({ userId, kind: 'access_requested', entity: 'access_request', entityId: e.requestId, params: { ...datasetTitle(e.dataset), requester, requesterSide: e.requesterSide, purpose: e.purpose }, link: `/datasets/${e.dataset.id}`, dedupeKey: `access:${e.requestId}` })),
  );
}

export async function accessDecided(tx: DbOrTx, e: { dataset: DatasetLike; requestId: string; requesterId: string; decision: 'grant' | 'deny'; note: string }) {
  await publish(tx, objectChannel('dataset', e.dataset.id), 'access_decision');
  return insertNotices(tx, [
    { userId: e.requesterId, kind: 'access_decided', entity: 'access_request', entityId: e.requestId, params: { ...datasetTitle(e.dataset), decision: e.decision, note: e.note }, link: `/datasets/${e.dataset.id}`, dedupeKey: `access-decided:${e.requestId}` },
  ]);
}

export async function accessRevoked(tx: DbOrTx, e: { dataset: DatasetLike; requestId: string; requesterId: string; note: string }) {
  await publish(tx, objectChannel('dataset', e.dataset.id), 'access_revoked');
  return insertNotices(tx, [
    { userId: e.requesterId, kind: 'access_revoked', entity: 'access_request', entityId: e.requestId, params: { ...datasetTitle(e.dataset), note: e.note }, link: `/datasets/${e.dataset.id}`, dedupeKey: `access-revoked:${e.requestId}` },
  ]);
}

/** New screening alerts go to the compliance officers of the side each alert concerns. */
export async function screeningAlerts(tx: DbOrTx, alerts: readonly { id: string; side: string; partyId: string; partyName: string; listId: string; reason: string }[]) {
  const rows: NoticeWrite[] = [];
  const officers = new Map<string, string[]>();
  for (const a of alerts) {
    if (!officers.has(a.side)) officers.set(a.side, await holdersOf(tx, 'compliance_officer', a.side));
    for (const userId of officers.get(a.side) ?? []) {
      rows.push({ userId, kind: 'screening_alert', entity: 'screening_alert', entityId: a.id, params: { partyName: a.partyName, listId: a.listId, status: 'potential_match', reason: a.reason }, link: `/screening/parties/${a.partyId}`, dedupeKey: `alert:${a.id}` });
    }
  }
  return insertNotices(tx, rows);
}
