import { createHash } from 'node:crypto';
import {
  mergeBilingual,
  type ApproveMinutes,
  type BilingualStored,
  type CommentInput,
  type Decision,
  type Minutes,
  type MinutesAmend,
  type MinutesComment,
  type MinutesDraft,
  type MinutesRevision,
  type User,
} from '@qiao/contracts';
import type { DbOrTx, Tx } from '../../db/client.ts';
import { conflict, forbidden, isUniqueViolation, notFound, outOfScope } from '../../errors.ts';
import type { ServiceDeps } from '../../services.ts';
import * as notices from '../notifications/notification.raise.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { isReader, must, requireReader } from '../groups/group-access.ts';
import { findGroup, findMember } from '../groups/group.repository.ts';
import { recordApprovedMinutes } from '../record/record.writer.ts';
import { findRoundRow, isParticipant } from './dialogue.repository.ts';
import * as repo from './minutes.repository.ts';
import { revisionHashOf } from '../federation/federation.minutes-conflict.ts';
import { replicateRevision } from '../federation/federation.replicate.ts';

/**
 * Minutes: drafted and amended by the round's participants (and the co-chairs), approved revision by
 * revision by the co-chair of every side, locked when all have approved the same revision. Locking
 * writes the minutes and their decisions into the hash-chained record in the same transaction.
 */
export class MinutesService {
  constructor(private readonly deps: ServiceDeps) {}

  /**
   * Members and admins see the minutes as they stand, drafts included. Everyone else signed in sees only
   * what both co-chairs approved: the locked revision, even while a later amendment is in draft.
   */
  async get(user: User, id: string): Promise<Minutes> {
    const row = must(await repo.findMinutes(this.deps.db, id), 'minutes');
    if (await isReader(this.deps.db, row.groupId, user)) return this.view(this.deps.db, row);
    if (row.lockedRevision === null) throw outOfScope("only this working group's members and admins see minutes before both co-chairs approve them");
    return this.view(this.deps.db, { ...row, status: 'locked', currentRevision: row.lockedRevision });
  }

  /** Every revision, drafts included: members and admins only. */
  async revisions(user: User, id: string): Promise<MinutesRevision[]> {
    const row = must(await repo.findMinutes(this.deps.db, id), 'minutes');
    await requireReader(this.deps.db, row.groupId, user);
    return (await repo.listRevisions(this.deps.db, id)).map(repo.toRevision);
  }

  create(actor: User, roundId: string, input: MinutesDraft): Promise<Minutes> {
    const now = this.deps.now();
    return this.deps.db
      .transaction(async (tx) => {
        const round = must(await findRoundRow(tx, roundId), 'dialogue round');
        await this.requireParticipant(tx, round.id, round.groupId, actor, 'draft the minutes');
        const row = await repo.insertMinutes(tx, { roundId, groupId: round.groupId });
        await repo.insertRevision(tx, { minutesId: row.id, number: 1, ...this.content(null, input, now), authorId: actor.id, createdAt: now });
        await replicateRevision(this.deps.federation, tx, row.id, 1);
        await this.askForApproval(tx, row, 1, actor.id);
        const view = await this.view(tx, row);
        await insertAudit(tx, actor, { action: 'minutes.create', entity: 'minutes', entityId: row.id, after: view });
        return view;
      })
      .catch((err: unknown) => {
        if (isUniqueViolation(err)) throw conflict('this round already has minutes; amend them instead');
        throw err;
      });
  }

  /** Adds a revision. Approvals belong to revisions, so this resets them; locked minutes reopen as draft. */
  amend(actor: User, id: string, input: MinutesAmend): Promise<Minutes> {
    const now = this.deps.now();
    return this.deps.db.transaction(async (tx) => {
      const row = must(await repo.findMinutes(tx, id, true), 'minutes');
      await this.requireParticipant(tx, row.roundId, row.groupId, actor, 'amend the minutes');
      if (row.version !== input.version) throw conflict(`the minutes were changed by someone else (now version ${row.version}, revision ${row.currentRevision}); reload and try again`);
      const prev = must(await repo.findRevision(tx, id, row.currentRevision), 'minutes revision');
      const number = row.currentRevision + 1;
      const updated = await repo.updateMinutes(tx, id, input.version, { currentRevision: number, status: 'draft' });
      if (!updated) throw conflict('the minutes were changed by someone else; reload and try again');
      await repo.insertRevision(tx, { minutesId: id, number, ...this.content(prev, input, now), authorId: actor.id, createdAt: now });
      await replicateRevision(this.deps.federation, tx, id, number);
      await this.askForApproval(tx, updated, number, actor.id);
      const view = await this.view(tx, updated);
      await insertAudit(tx, actor, { action: 'minutes.amend', entity: 'minutes', entityId: id, before: { revision: row.currentRevision, status: row.status }, after: view });
      return view;
    });
  }

  approve(actor: User, id: string, input: ApproveMinutes): Promise<Minutes> {
    const now = this.deps.now();
    return this.deps.db.transaction(async (tx) => {
      const row = must(await repo.findMinutes(tx, id, true), 'minutes');
      const me = await findMember(tx, row.groupId, actor.id);
      if (me?.role !== 'co_chair') throw (me ? forbidden : outOfScope)('only the co-chairs of this working group approve its minutes');
      if (input.revision !== row.currentRevision) throw conflict(`revision ${input.revision} is not the current revision (${row.currentRevision}); review the current one`);
      if (row.status === 'locked') throw conflict(`revision ${row.currentRevision} is already approved and locked`);
      const approvals = await repo.listApprovals(tx, id, row.currentRevision);
      if (approvals.some((a) => a.side === me.side)) throw conflict(`the ${me.side} co-chair has already approved revision ${row.currentRevision}`);
      await repo.insertApproval(tx, { minutesId: id, revision: row.currentRevision, side: me.side, userId: actor.id, at: now });
      await insertAudit(tx, actor, { action: 'minutes.approve', entity: 'minutes', entityId: id, after: { revision: row.currentRevision, side: me.side } });
      await this.deps.federation?.emit(tx, { objectType: 'minutes_approval', objectId: `${id}:${row.currentRevision}:${me.side}`, op: 'approve', payload: { minutesId: id, roundId: row.roundId, groupId: row.groupId, revision: row.currentRevision, revisionHash: await revisionHashOf(tx, id, row.currentRevision), side: me.side, userId: actor.id, at: now } });
      await notices.roundChanged(tx, row.roundId, 'approval');
      const group = must(await findGroup(tx, row.groupId), 'working group');
      const approved = new Set([...approvals.map((a) => a.side), me.side]);
      if (!group.sides.every((s) => approved.has(s))) return this.view(tx, row);
      return this.view(tx, await this.lock(tx, actor, row));
    });
  }

  private async lock(tx: Tx, actor: User, row: repo.MinutesRow): Promise<repo.MinutesRow> {
    const { locked, decisions, revision } = await lockApprovedRevision(tx, row);
    await insertAudit(tx, actor, { action: 'minutes.lock', entity: 'minutes', entityId: row.id, before: { status: row.status }, after: { status: 'locked', lockedRevision: revision, decisionIds: decisions.map((d) => d.id) } });
    await notices.minutesLocked(tx, { group: must(await findGroup(tx, row.groupId), 'working group'), minutesId: row.id, roundId: row.roundId, revision, actorId: actor.id });
    return locked;
  }

  /** Comments are the group's working discussion: members and admins only, locked minutes included. */
  async comments(user: User, id: string): Promise<MinutesComment[]> {
    const row = must(await repo.findMinutes(this.deps.db, id), 'minutes');
    await requireReader(this.deps.db, row.groupId, user);
    return repo.listComments(this.deps.db, id);
  }

  comment(actor: User, id: string, input: CommentInput): Promise<MinutesComment> {
    return this.deps.db.transaction(async (tx) => {
      const row = must(await repo.findMinutes(tx, id), 'minutes');
      await this.requireParticipant(tx, row.roundId, row.groupId, actor, 'comment on the minutes');
      const revision = input.revision ?? row.currentRevision;
      if (revision > row.currentRevision) throw notFound(`revision ${revision}`);
      const c = await repo.insertComment(tx, { minutesId: id, revision, authorId: actor.id, body: input.body, createdAt: this.deps.now() });
      await insertAudit(tx, actor, { action: 'minutes.comment', entity: 'minutes', entityId: id, after: c });
      return c;
    });
  }

  async decisions(filter: { minutesId?: string; groupId?: string }): Promise<Decision[]> {
    return repo.listDecisions(this.deps.db, filter);
  }

  private content(prev: repo.RevisionRow | null, input: MinutesDraft, now: Date): { body: BilingualStored; decisions: BilingualStored[]; note: string | null } {
    return {
      body: mergeBilingual(prev?.body ?? null, input.body, now),
      // Decisions keep their per-language edit times when edited in place (matched by position).
      decisions: input.decisions.map((d, i) => mergeBilingual(prev?.decisions[i] ?? null, d, now)),
      note: input.note ?? null,
    };
  }

  private async requireParticipant(db: DbOrTx, roundId: string, groupId: string, actor: User, what: string): Promise<void> {
    const m = await findMember(db, groupId, actor.id);
    if (m?.role === 'co_chair') return;
    if (m && m.role !== 'observer' && (await isParticipant(db, roundId, actor.id))) return;
    throw (m ? forbidden : outOfScope)(`only the round's participants and the co-chairs may ${what}`);
  }

  private async askForApproval(tx: DbOrTx, row: repo.MinutesRow, revision: number, authorId: string): Promise<void> {
    const group = must(await findGroup(tx, row.groupId), 'working group');
    const chairs = Object.values(group.coChairs);
    await notices.minutesToApprove(tx, { group, chairs, minutesId: row.id, roundId: row.roundId, revision, authorId });
  }

  private async view(db: DbOrTx, row: repo.MinutesRow): Promise<Minutes> {
    const revision = must(await repo.findRevision(db, row.id, row.currentRevision), 'minutes revision');
    const approvals = await repo.listApprovals(db, row.id, row.currentRevision);
    const group = must(await findGroup(db, row.groupId), 'working group');
    const decided = row.lockedRevision === null ? [] : await repo.listDecisions(db, { minutesId: row.id, revision: row.lockedRevision });
    return {
      id: row.id,
      roundId: row.roundId,
      groupId: row.groupId,
      status: row.status,
      currentRevision: row.currentRevision,
      lockedRevision: row.lockedRevision,
      revision: repo.toRevision(revision),
      approvals,
      awaitingSides: row.status === 'locked' ? [] : group.sides.filter((s) => !approvals.some((a) => a.side === s)),
      decisionIds: decided.map((d) => d.id),
      version: row.version,
    };
  }
}

/** Named by the minutes, revision and ordinal, so every node that locks the same revision names its decisions alike. */
export function decisionIdOf(minutesId: string, revision: number, ordinal: number): string {
  const h = createHash('sha256').update(`qiao-decision/v1\n${minutesId}\n${revision}\n${ordinal}`).digest('hex');
  const variant = ((parseInt(h.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Locks the current revision of minutes that every side approved: its decisions and the record's
 * entries and checkpoint, in the caller's transaction. Dated by the last approval, not the clock, so
 * the two nodes of a federation, each locking when it holds both approvals, write the same rows.
 */
export async function lockApprovedRevision(tx: Tx, row: repo.MinutesRow): Promise<{ locked: repo.MinutesRow; decisions: Decision[]; revision: number }> {
  const locked = must(await repo.updateMinutes(tx, row.id, row.version, { status: 'locked', lockedRevision: row.currentRevision }), 'minutes');
  const revision = must(await repo.findRevision(tx, row.id, row.currentRevision), 'minutes revision');
  const approvals = await repo.listApprovals(tx, row.id, revision.number);
  const at = new Date(approvals.map((a) => a.at).sort().at(-1) ?? revision.createdAt.toISOString());
  const decisions = await repo.insertDecisions(
    tx,
    revision.decisions.map((text, ordinal) => ({ id: decisionIdOf(row.id, revision.number, ordinal), groupId: row.groupId, minutesId: row.id, revision: revision.number, ordinal, text, recordedAt: at })),
  );
  // Entries and the checkpoint that every approving side signs over the new head, in this transaction.
  await recordApprovedMinutes(
    tx,
    {
      groupId: row.groupId,
      minutesId: row.id,
      sides: approvals.map((a) => a.side),
      items: [
        { groupId: row.groupId, kind: 'minutes', entityId: row.id, content: { minutesId: row.id, roundId: row.roundId, groupId: row.groupId, revision: revision.number, body: revision.body, decisionIds: decisions.map((d) => d.id), approvals } },
        ...decisions.map((d) => ({ groupId: row.groupId, kind: 'decision' as const, entityId: d.id, content: { decisionId: d.id, minutesId: row.id, revision: d.revision, ordinal: d.ordinal, text: revision.decisions[d.ordinal] } })),
      ],
    },
    at,
  );
  return { locked, decisions, revision: revision.number };
}
