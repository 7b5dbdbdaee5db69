import { createHash } from 'node:crypto';
import { and, asc, eq, gte } from 'drizzle-orm';
import type { BilingualStored } from '@qiao/contracts';
import type { DbOrTx, Tx } from '../../db/client.ts';
import { minutes, minutesApprovals, minutesRevisions } from '../dialogues/minutes.schema.ts';
import { groupMembers, workingGroups } from '../groups/group.schema.ts';
import { roundChanged } from '../notifications/notification.raise.ts';
import { insertNotices, type NoticeWrite } from '../notifications/notification.repository.ts';
import type { ApplyOutcome, PeerEventToApply } from './federation.apply.ts';
import { canonicalJson } from './federation.events.ts';
import { minutesRevisionConflicts, type ConflictApproval } from './federation.minutes-conflict.schema.ts';
import { MAX_SKEW_MS } from './federation.request.ts';
import { federationReplicas } from './federation.schema.ts';

/**
 * Minutes text edited on both nodes at once. Each revision names the revision it was written on by
 * hash (`baseHash`) and carries its own `hash`, a chain over the revisions:
 *
 *   hash_n = SHA-256("qiao-minutes-revision/v1\n" ‖ canonicalJson({ minutesId, number, base: hash_(n-1),
 *            body, decisions, note, authorId, createdAt }))      hash_0 = 64 zeros
 *
 * Two revisions with the same number written on the same base compete. Both nodes order them the same
 * way, by (createdAt, hash), and the first stands: the earlier write wins, as the first of
 * two writers on one node wins and the second is refused as stale. The one that lost, and every revision
 * written on top of it, is kept in `minutes_revision_conflicts` with its text, its approvals (which never
 * count) and the reason; its author finds it at GET /api/dialogues/minutes/:id/conflicts and can re-apply
 * it on top of the revision that stands.
 */

export const ZERO_HASH = '0'.repeat(64);

export interface RevisionContent {
  minutesId: string;
  number: number;
  baseHash: string;
  body: unknown;
  decisions: unknown;
  note: string | null;
  authorId: string;
  /** ISO UTC with milliseconds. */
  createdAt: string;
}

export function revisionHash(r: RevisionContent): string {
  const input = canonicalJson({ minutesId: r.minutesId, number: r.number, base: r.baseHash, body: r.body, decisions: r.decisions, note: r.note, authorId: r.authorId, createdAt: r.createdAt });
  return createHash('sha256').update(`qiao-minutes-revision/v1\n${input}`, 'utf8').digest('hex');
}

type RevisionRow = typeof minutesRevisions.$inferSelect;

/** The hash of every revision this node holds of the minutes, by number. */
export async function revisionChain(db: DbOrTx, minutesId: string): Promise<Map<number, { hash: string; baseHash: string; row: RevisionRow }>> {
  const rows = await db.select().from(minutesRevisions).where(eq(minutesRevisions.minutesId, minutesId)).orderBy(asc(minutesRevisions.number));
  const chain = new Map<number, { hash: string; baseHash: string; row: RevisionRow }>();
  let base = ZERO_HASH;
  for (const row of rows) {
    const hash = revisionHash({ minutesId, number: row.number, baseHash: base, body: row.body, decisions: row.decisions, note: row.note, authorId: row.authorId, createdAt: row.createdAt.toISOString() });
    chain.set(row.number, { hash, baseHash: base, row });
    base = hash;
  }
  return chain;
}

/** The hash of one revision as this node holds it (undefined when it has no such revision). */
export async function revisionHashOf(db: DbOrTx, minutesId: string, number: number): Promise<string | undefined> {
  return (await revisionChain(db, minutesId)).get(number)?.hash;
}

/** A minutes revision as it is sent: its content, the hash of the revision it was written on, its own hash. */
export async function revisionStateWithLineage(db: DbOrTx, minutesId: string, number: number): Promise<Record<string, unknown> | null> {
  const [m] = await db.select().from(minutes).where(eq(minutes.id, minutesId));
  const r = m && (await revisionChain(db, minutesId)).get(number);
  if (!m || !r) return null;
  const { row } = r;
  return { minutesId, roundId: m.roundId, groupId: m.groupId, number, body: row.body, decisions: row.decisions, note: row.note, authorId: row.authorId, createdAt: row.createdAt, baseHash: r.baseHash, hash: r.hash };
}

const other = (side: string): string => (side === 'US' ? 'CN' : 'US');
const short = (hash: string) => hash.slice(0, 12);

interface Competitor {
  createdAt: string;
  origin: string;
  hash: string;
}

/** The order both nodes apply to two revisions of the same number on the same base: the first stands. */
export function comesFirst(a: Competitor, b: Competitor): boolean {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt;
  // Then the hash, not the side: neither side's text is preferred.
  if (a.hash !== b.hash) return a.hash < b.hash;
  return a.origin < b.origin;
}

function lostReason(number: number, loser: Competitor, winner: Competitor): string {
  return `concurrent revision: revision ${number} written on the ${loser.origin} node at ${loser.createdAt} (${short(loser.hash)}) lost to revision ${number} written on the ${winner.origin} node at ${winner.createdAt} (${short(winner.hash)}); the earlier write stands, the other text is kept as a conflicting revision`;
}

function onLostReason(number: number, baseHash: string): string {
  return `concurrent revision: revision ${number} was written on revision ${number - 1} (${short(baseHash)}), which lost to a concurrent revision; its text is kept as a conflicting revision`;
}

async function keepConflict(tx: Tx, values: typeof minutesRevisionConflicts.$inferInsert): Promise<boolean> {
  const rows = await tx.insert(minutesRevisionConflicts).values(values).onConflictDoNothing().returning({ hash: minutesRevisionConflicts.hash });
  return rows.length > 0;
}

async function bumpVersion(tx: Tx, minutesId: string, roundId: string): Promise<void> {
  const [row] = await tx.select({ version: minutes.version }).from(minutes).where(eq(minutes.id, minutesId));
  await tx
    .update(minutes)
    .set({ version: (row?.version ?? 0) + 1 })
    .where(eq(minutes.id, minutesId));
  await roundChanged(tx, roundId, 'minutes');
}

/**
 * The part of applying a peer's minutes revision that concerns concurrent edits. Returns the outcome
 * when the revision competes with, or was written on, another text than this node's; null when the
 * ordinary rules apply (the next revision on the same base, revision 1, a revision still missing here).
 * A revision that loses is kept as a conflict and refused; the refusal is committed with it.
 */
export async function resolveConcurrentRevision(tx: Tx, e: PeerEventToApply, p: Record<string, unknown>): Promise<ApplyOutcome | null> {
  if (typeof p.hash !== 'string' || typeof p.baseHash !== 'string') return null;
  const minutesId = String(p.minutesId);
  const number = Number(p.number);
  const content: RevisionContent = { minutesId, number, baseHash: p.baseHash, body: p.body, decisions: p.decisions, note: (p.note ?? null) as string | null, authorId: String(p.authorId), createdAt: String(p.createdAt) };
  if (revisionHash(content) !== p.hash) return { kind: 'refused', reason: `revision ${number} of minutes ${minutesId}: its hash does not match its content` };
  const [row] = await tx.select().from(minutes).where(eq(minutes.id, minutesId)).for('update');
  if (!row) return null;
  const chain = await revisionChain(tx, minutesId);
  if (chain.get(number)?.hash === p.hash) return { kind: 'noop' };
  const [known] = await tx
    .select({ hash: minutesRevisionConflicts.hash })
    .from(minutesRevisionConflicts)
    .where(and(eq(minutesRevisionConflicts.minutesId, minutesId), eq(minutesRevisionConflicts.hash, p.hash)));
  if (known) return { kind: 'noop' };
  if (number > row.currentRevision + 1) return null;
  const incoming: Competitor = { createdAt: content.createdAt, origin: e.origin, hash: p.hash };
  const conflictOf = (lostTo: string | null, reason: string) => ({ minutesId, hash: p.hash as string, number, baseHash: content.baseHash, origin: e.origin, body: content.body as BilingualStored, decisions: content.decisions as BilingualStored[], note: content.note, authorId: content.authorId, createdAt: new Date(content.createdAt), lostTo, reason });

  const base = number === 1 ? undefined : chain.get(number - 1);
  const localBase = number === 1 ? ZERO_HASH : base?.hash;
  // The order trusts the writer's clock. The nodes' clocks agree within the signed requests' skew, so a
  // revision dated further before the revision it was written on is refused: a node cannot backdate a
  // text to win against one written after the revision both started from.
  if (base && content.baseHash === base.hash && !(Date.parse(content.createdAt) >= base.row.createdAt.getTime() - MAX_SKEW_MS)) {
    return { kind: 'refused', reason: `revision ${number} of minutes ${minutesId} is dated ${content.createdAt}, more than ${MAX_SKEW_MS / 1000} s before revision ${number - 1} it was written on (${base.row.createdAt.toISOString()})` };
  }
  if (content.baseHash !== localBase) {
    const [lostBase] = await tx
      .select({ hash: minutesRevisionConflicts.hash })
      .from(minutesRevisionConflicts)
      .where(and(eq(minutesRevisionConflicts.minutesId, minutesId), eq(minutesRevisionConflicts.hash, content.baseHash)));
    if (!lostBase) return { kind: 'pending', reason: `revision ${number - 1} (${short(content.baseHash)}) that revision ${number} of minutes ${minutesId} was written on is not on this node yet` };
    const reason = onLostReason(number, content.baseHash);
    if (!(await author(tx, e, row.groupId, content.authorId))) return null;
    if (await keepConflict(tx, conflictOf(null, reason))) await bumpVersion(tx, minutesId, row.roundId);
    return { kind: 'refused', reason };
  }
  // The next revision on the same base: the ordinary rules.
  if (number === row.currentRevision + 1) return null;

  const local = chain.get(number);
  if (!local) return null;
  const [replica] = await tx
    .select({ origin: federationReplicas.origin })
    .from(federationReplicas)
    .where(and(eq(federationReplicas.objectType, 'minutes_revision'), eq(federationReplicas.objectId, `${minutesId}:${number}`)));
  const mine: Competitor = { createdAt: local.row.createdAt.toISOString(), origin: replica?.origin ?? other(e.origin), hash: local.hash };
  // Who may write the text is checked as for any revision (the ordinary rules refuse it with the reason).
  if (!(await author(tx, e, row.groupId, content.authorId))) return null;
  if (!comesFirst(incoming, mine) || (row.lockedRevision !== null && row.lockedRevision >= number)) {
    const reason = comesFirst(incoming, mine) ? `concurrent revision: revision ${number} is approved and locked on this node; the locked text stands and revision ${number} written on the ${e.origin} node is kept as a conflicting revision` : lostReason(number, incoming, mine);
    if (await keepConflict(tx, conflictOf(local.hash, reason))) await bumpVersion(tx, minutesId, row.roundId);
    return { kind: 'refused', reason };
  }

  // The incoming revision stands: this node's revisions from `number` on move to the conflicts, with their
  // approvals, and their authors are told.
  const [group] = await tx.select({ name: workingGroups.name }).from(workingGroups).where(eq(workingGroups.id, row.groupId));
  const notices: NoticeWrite[] = [];
  for (let n = number; n <= row.currentRevision; n++) {
    const demoted = chain.get(n);
    if (!demoted) continue;
    const approvals = await tx
      .select({ side: minutesApprovals.side, userId: minutesApprovals.userId, at: minutesApprovals.at })
      .from(minutesApprovals)
      .where(and(eq(minutesApprovals.minutesId, minutesId), eq(minutesApprovals.revision, n)))
      .orderBy(asc(minutesApprovals.side));
    const r = demoted.row;
    await keepConflict(tx, {
      minutesId,
      hash: demoted.hash,
      number: n,
      baseHash: demoted.baseHash,
      origin: n === number ? mine.origin : other(e.origin),
      body: r.body,
      decisions: r.decisions,
      note: r.note,
      authorId: r.authorId,
      createdAt: r.createdAt,
      lostTo: n === number ? incoming.hash : null,
      reason: n === number ? lostReason(number, mine, incoming) : onLostReason(n, demoted.baseHash),
      approvals: approvals.map((a) => ({ side: a.side, userId: a.userId, at: a.at.toISOString() })),
    });
    notices.push({ userId: r.authorId, kind: 'minutes_revision_conflict', groupId: row.groupId, entity: 'minutes', entityId: minutesId, params: { revision: n, side: e.origin, groupName: group?.name, roundId: row.roundId, hash: demoted.hash }, link: `/dialogues/rounds/${row.roundId}`, dedupeKey: `minutes-conflict:${minutesId}:${demoted.hash}` });
  }
  await insertNotices(tx, notices);
  await tx.delete(minutesApprovals).where(and(eq(minutesApprovals.minutesId, minutesId), gte(minutesApprovals.revision, number)));
  await tx.delete(minutesRevisions).where(and(eq(minutesRevisions.minutesId, minutesId), gte(minutesRevisions.number, number)));
  await tx.insert(minutesRevisions).values({ minutesId, number, body: content.body as BilingualStored, decisions: content.decisions as BilingualStored[], note: content.note, authorId: content.authorId, createdAt: new Date(content.createdAt) });
  await tx
    .update(minutes)
    .set({ currentRevision: number, status: 'draft', version: row.version + 1 })
    .where(eq(minutes.id, minutesId));
  await roundChanged(tx, row.roundId, 'minutes');
  return { kind: 'applied' };
}

/** The author is a member of the group on the origin's side here (else the ordinary rules refuse). */
async function author(tx: Tx, e: PeerEventToApply, groupId: string, authorId: string): Promise<boolean> {
  const [g] = await tx.select({ sides: workingGroups.sides }).from(workingGroups).where(eq(workingGroups.id, groupId));
  if (!g?.sides.includes(e.origin)) return false;
  const [m] = await tx
    .select({ side: groupMembers.side })
    .from(groupMembers)
    .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, authorId)));
  return m?.side === e.origin;
}

/**
 * The part of applying a peer's approval that concerns concurrent edits: an approval names the hash of
 * the text it approves. An approval of a revision that lost is kept with that revision and refused: it
 * never counts. Null when the approval is of the text this node holds (the ordinary rules apply).
 */
export async function approvalOfAnotherText(tx: Tx, e: PeerEventToApply, p: Record<string, unknown>): Promise<ApplyOutcome | null> {
  if (typeof p.revisionHash !== 'string') return null;
  const minutesId = String(p.minutesId);
  const revision = Number(p.revision);
  const [row] = await tx.select().from(minutes).where(eq(minutes.id, minutesId));
  if (!row) return null;
  const chain = await revisionChain(tx, minutesId);
  if (chain.get(revision)?.hash === p.revisionHash) return null;
  const [lost] = await tx
    .select()
    .from(minutesRevisionConflicts)
    .where(and(eq(minutesRevisionConflicts.minutesId, minutesId), eq(minutesRevisionConflicts.hash, p.revisionHash)));
  if (lost) {
    const approval: ConflictApproval = { side: String(p.side), userId: String(p.userId), at: new Date(String(p.at)).toISOString() };
    if (lost.approvals.some((a) => a.side === approval.side)) return { kind: 'noop' };
    if (approval.side !== e.origin) return { kind: 'refused', reason: `an approval by the ${approval.side} co-chair cannot come from the ${e.origin} node` };
    const approvals = [...lost.approvals, approval].sort((a, b) => a.side.localeCompare(b.side));
    await tx
      .update(minutesRevisionConflicts)
      .set({ approvals })
      .where(and(eq(minutesRevisionConflicts.minutesId, minutesId), eq(minutesRevisionConflicts.hash, lost.hash)));
    return { kind: 'refused', reason: `concurrent revision: the ${approval.side} co-chair's approval is of revision ${revision} written on the ${lost.origin} node (${short(lost.hash)}), which lost to a concurrent revision; it is kept with that revision and does not count` };
  }
  if (revision > row.currentRevision) return null;
  return { kind: 'pending', reason: `the text of revision ${revision} of minutes ${minutesId} that the ${String(p.side)} co-chair approved (${short(p.revisionHash)}) is not on this node yet` };
}

export interface ConflictingRevision {
  number: number;
  hash: string;
  baseHash: string;
  origin: string;
  body: BilingualStored;
  decisions: BilingualStored[];
  note: string | null;
  authorId: string;
  createdAt: string;
  lostTo: string | null;
  reason: string;
  approvals: ConflictApproval[];
  reappliedAs: number | null;
}

/** The revisions of these minutes that lost to a concurrent one, in order of number and time. */
export async function listConflictingRevisions(db: DbOrTx, minutesId: string): Promise<ConflictingRevision[]> {
  const rows = await db.select().from(minutesRevisionConflicts).where(eq(minutesRevisionConflicts.minutesId, minutesId)).orderBy(asc(minutesRevisionConflicts.number), asc(minutesRevisionConflicts.createdAt), asc(minutesRevisionConflicts.hash));
  return rows.map((r) => ({ number: r.number, hash: r.hash, baseHash: r.baseHash, origin: r.origin, body: r.body, decisions: r.decisions, note: r.note, authorId: r.authorId, createdAt: r.createdAt.toISOString(), lostTo: r.lostTo, reason: r.reason, approvals: r.approvals, reappliedAs: r.reappliedAs }));
}
