import {
  mergeBilingual,
  ROUND_TRANSITIONS,
  type AgendaItem,
  type AgendaItemInput,
  type ConvergenceChangeInput,
  type PositionInput,
  type Round,
  type RoundDetail,
  type RoundInput,
  type RoundUpdate,
  type SidePosition,
  type Track,
  type TrackInput,
  type User,
} from '@qiao/contracts';
import type { DbOrTx } from '../../db/client.ts';
import { conflict, forbidden, invalidTransition, outOfScope, validationFailed, wrongSide } from '../../errors.ts';
import type { ServiceDeps } from '../../services.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { roundChanged } from '../notifications/notification.raise.ts';
import { must, requireAdminOrCoChair, requireCoChair, requireReader } from '../groups/group-access.ts';
import { findGroup, findMember, listMembers } from '../groups/group.repository.ts';
import * as repo from './dialogue.repository.ts';
import { findMinutesByRound } from './minutes.repository.ts';
import { replicate, replicateConvergence } from '../federation/federation.replicate.ts';

const stale = (what: string) => conflict(`${what} was changed by someone else; reload and try again`);

export class DialogueService {
  constructor(private readonly deps: ServiceDeps) {}

  async listTracks(groupId: string): Promise<Track[]> {
    must(await findGroup(this.deps.db, groupId), 'working group');
    return repo.listTracks(this.deps.db, groupId);
  }

  createTrack(actor: User, groupId: string, input: TrackInput): Promise<Track> {
    const now = this.deps.now();
    return this.deps.db.transaction(async (tx) => {
      must(await findGroup(tx, groupId), 'working group');
      await requireAdminOrCoChair(tx, groupId, actor, 'open a dialogue track');
      const track = await repo.insertTrack(tx, { groupId, title: mergeBilingual(null, input.title, now), description: input.description ? mergeBilingual(null, input.description, now) : null, createdAt: now });
      await insertAudit(tx, actor, { action: 'dialogue_track.create', entity: 'dialogue_track', entityId: track.id, after: track });
      await replicate(this.deps.federation, tx, 'track', track.id);
      return track;
    });
  }

  async listRounds(trackId: string): Promise<Round[]> {
    must(await repo.findTrack(this.deps.db, trackId), 'dialogue track');
    const rows = await repo.listRoundRows(this.deps.db, trackId);
    return Promise.all(rows.map((r) => repo.toRound(this.deps.db, r)));
  }

  /** The round's agenda carries each side's positions and the convergence: members and admins only. */
  async getRound(user: User, id: string): Promise<RoundDetail> {
    const row = must(await repo.findRoundRow(this.deps.db, id), 'dialogue round');
    await requireReader(this.deps.db, row.groupId, user);
    const round = await repo.toRound(this.deps.db, row);
    const agenda = await repo.toItems(this.deps.db, await repo.listItemRows(this.deps.db, id));
    const minutes = await findMinutesByRound(this.deps.db, id);
    return { ...round, agenda, minutesId: minutes?.id ?? null };
  }

  createRound(actor: User, trackId: string, input: RoundInput): Promise<Round> {
    const now = this.deps.now();
    return this.deps.db.transaction(async (tx) => {
      const track = must(await repo.findTrack(tx, trackId), 'dialogue track');
      await requireAdminOrCoChair(tx, track.groupId, actor, 'plan a dialogue round');
      const row = await repo.insertRound(tx, {
        trackId,
        groupId: track.groupId,
        title: mergeBilingual(null, input.title, now),
        startsAt: new Date(input.startsAt),
        endsAt: input.endsAt ? new Date(input.endsAt) : null,
        place: input.place ?? null,
        onlineLink: input.onlineLink ?? null,
        createdAt: now,
      });
      await repo.setParticipants(tx, row.id, await this.participants(tx, track.groupId, input.participantIds));
      const round = await repo.toRound(tx, row);
      await insertAudit(tx, actor, { action: 'dialogue_round.create', entity: 'dialogue_round', entityId: round.id, after: round });
      await replicate(this.deps.federation, tx, 'round', round.id);
      return round;
    });
  }

  updateRound(actor: User, id: string, input: RoundUpdate): Promise<Round> {
    const now = this.deps.now();
    return this.deps.db.transaction(async (tx) => {
      const row = must(await repo.findRoundRow(tx, id), 'dialogue round');
      await requireAdminOrCoChair(tx, row.groupId, actor, 'change a dialogue round');
      const before = await repo.toRound(tx, row);
      const startsAt = input.startsAt ? new Date(input.startsAt) : row.startsAt;
      const endsAt = input.endsAt === undefined ? row.endsAt : input.endsAt ? new Date(input.endsAt) : null;
      if (endsAt && endsAt < startsAt) throw validationFailed(`endsAt: must not be before startsAt (${startsAt.toISOString()})`);
      const place = input.place === undefined ? row.place : input.place;
      const onlineLink = input.onlineLink === undefined ? row.onlineLink : input.onlineLink;
      if (!place && !onlineLink) throw validationFailed('place: give a place or an online link');
      if (input.status && input.status !== row.status && !ROUND_TRANSITIONS[row.status].includes(input.status)) throw invalidTransition(`a ${row.status} round cannot become ${input.status}`);
      const updated = await repo.updateRound(tx, id, input.version, {
        title: input.title ? mergeBilingual(row.title, input.title, now) : row.title,
        startsAt,
        endsAt,
        place,
        onlineLink,
        status: input.status ?? row.status,
      });
      if (!updated) throw stale('dialogue round');
      if (input.participantIds) await repo.setParticipants(tx, id, await this.participants(tx, row.groupId, input.participantIds));
      const after = await repo.toRound(tx, updated);
      await insertAudit(tx, actor, { action: 'dialogue_round.update', entity: 'dialogue_round', entityId: id, before, after });
      await replicate(this.deps.federation, tx, 'round', id);
      return after;
    });
  }

  private async participants(tx: DbOrTx, groupId: string, ids: string[]): Promise<{ userId: string; side: string }[]> {
    const members = await listMembers(tx, groupId);
    return [...new Set(ids)].map((userId, i) => {
      const m = members.find((x) => x.userId === userId);
      if (!m) throw validationFailed(`participantIds.${i}: not a member of this working group`);
      return { userId, side: m.side };
    });
  }

  addItem(actor: User, roundId: string, input: AgendaItemInput): Promise<AgendaItem> {
    const now = this.deps.now();
    return this.deps.db.transaction(async (tx) => {
      const round = must(await repo.findRoundRow(tx, roundId), 'dialogue round');
      await requireAdminOrCoChair(tx, round.groupId, actor, 'set the agenda');
      const existing = await repo.listItemRows(tx, roundId);
      const row = await repo.insertItem(tx, {
        roundId,
        groupId: round.groupId,
        position: input.position ?? existing.length,
        title: mergeBilingual(null, input.title, now),
        description: input.description ? mergeBilingual(null, input.description, now) : null,
      });
      const [item] = await repo.toItems(tx, [row]);
      await insertAudit(tx, actor, { action: 'agenda_item.create', entity: 'agenda_item', entityId: row.id, after: item });
      await replicate(this.deps.federation, tx, 'agenda_item', row.id);
      return must(item, 'agenda item');
    });
  }

  async getItem(user: User, id: string): Promise<AgendaItem> {
    const row = must(await repo.findItemRow(this.deps.db, id), 'agenda item');
    await requireReader(this.deps.db, row.groupId, user);
    return must((await repo.toItems(this.deps.db, [row]))[0], 'agenda item');
  }

  /** A side's position is written by members of that side in the group, and by no one else. */
  writePosition(actor: User, itemId: string, side: string, input: PositionInput): Promise<SidePosition> {
    const now = this.deps.now();
    return this.deps.db.transaction(async (tx) => {
      const item = must(await repo.findItemRow(tx, itemId), 'agenda item');
      const group = must(await findGroup(tx, item.groupId), 'working group');
      if (!group.sides.includes(side)) throw validationFailed(`side: ${side} is not a side of this working group`);
      const member = await findMember(tx, item.groupId, actor.id);
      const why = `only ${side} members of this working group may write the ${side} position`;
      // The other side's position is never yours, in this group or not; your own side's needs membership.
      if ((member?.side ?? actor.side) !== side) throw wrongSide(why);
      if (!member) throw outOfScope(why);
      if (member.role === 'observer') throw forbidden(why);
      const before = await repo.findPosition(tx, itemId, side);
      let after: SidePosition | undefined;
      if (!before) {
        if (input.version !== undefined) throw stale('the position');
        after = await repo.insertPosition(tx, { itemId, side, position: mergeBilingual(null, input.position, now), concerns: input.concerns ? mergeBilingual(null, input.concerns, now) : null, updatedBy: actor.id, updatedAt: now });
      } else {
        const concerns = input.concerns ? mergeBilingual(before.concerns, input.concerns, now) : before.concerns;
        after = await repo.updatePosition(tx, itemId, side, input.version ?? before.version, { position: mergeBilingual(before.position, input.position, now), concerns, updatedBy: actor.id, updatedAt: now });
        if (!after) throw stale('the position');
      }
      await insertAudit(tx, actor, { action: 'agenda_item.position', entity: 'agenda_item', entityId: itemId, before: before ?? null, after });
      // Federated: the position is this side's to replicate, as a signed event in the same transaction.
      await replicate(this.deps.federation, tx, 'position', `${itemId}:${side}`);
      await roundChanged(tx, item.roundId, 'position');
      return after;
    });
  }

  /** Convergence is a joint judgement: either co-chair records it, and every change is kept. */
  changeConvergence(actor: User, itemId: string, input: ConvergenceChangeInput): Promise<AgendaItem> {
    return this.deps.db.transaction(async (tx) => {
      const item = must(await repo.findItemRow(tx, itemId), 'agenda item');
      await requireCoChair(tx, item.groupId, actor, 'set the convergence status');
      if (item.convergence === input.status) throw invalidTransition(`the item is already ${input.status}`);
      await repo.setConvergence(tx, itemId, { from: item.convergence, to: input.status, note: input.note ?? null, actorId: actor.id, at: this.deps.now() });
      await insertAudit(tx, actor, { action: 'agenda_item.convergence', entity: 'agenda_item', entityId: itemId, before: { convergence: item.convergence }, after: { convergence: input.status, note: input.note ?? null } });
      await replicateConvergence(this.deps.federation, tx, itemId);
      await roundChanged(tx, item.roundId, 'convergence');
      const row = must(await repo.findItemRow(tx, itemId), 'agenda item');
      return must((await repo.toItems(tx, [row]))[0], 'agenda item');
    });
  }
}
