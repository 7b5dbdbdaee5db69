import {
  GROUP_TRANSITIONS,
  mergeBilingual,
  type Group,
  type GroupDetail,
  type GroupInput,
  type GroupListQuery,
  type GroupStatusChange,
  type GroupUpdate,
  type User,
} from '@qiao/contracts';
import type { Tx } from '../../db/client.ts';
import { conflict, forbidden, invalidTransition, isUniqueViolation, notFound, outOfScope, parityViolation, validationFailed, wrongSide } from '../../errors.ts';
import type { ServiceDeps } from '../../services.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { findUserRow } from '../users/user.repository.ts';
import { must, requireAdminOrCoChair } from './group-access.ts';
import * as repo from './group.repository.ts';
import { replicate, replicateRemoval } from '../federation/federation.replicate.ts';

export class GroupService {
  constructor(private readonly deps: ServiceDeps) {}

  async list(user: User, q: GroupListQuery): Promise<Group[]> {
    const groups = await repo.listGroups(this.deps.db, q.status);
    if (!q.mine) return groups;
    const mine = new Set(await repo.groupIdsOf(this.deps.db, user.id));
    return groups.filter((g) => mine.has(g.id));
  }

  async get(id: string): Promise<GroupDetail> {
    const group = must(await repo.findGroup(this.deps.db, id), 'working group');
    return { ...group, members: await repo.listMembers(this.deps.db, id) };
  }

  create(actor: User, input: GroupInput): Promise<Group> {
    const now = this.deps.now();
    const sides = [...new Set(input.sides)];
    if (sides.length < 2) throw validationFailed('sides: a working group has at least two different sides');
    return this.deps.db.transaction(async (tx) => {
      const group = await repo.insertGroup(tx, {
        name: mergeBilingual(null, input.name, now),
        charter: mergeBilingual(null, input.charter, now),
        technologyArea: input.technologyArea,
        sides,
        createdAt: now,
        updatedAt: now,
      });
      await insertAudit(tx, actor, { action: 'working_group.create', entity: 'working_group', entityId: group.id, after: group });
      await replicate(this.deps.federation, tx, 'group', group.id);
      return group;
    });
  }

  update(actor: User, id: string, input: GroupUpdate): Promise<Group> {
    const now = this.deps.now();
    return this.deps.db.transaction(async (tx) => {
      const before = must(await repo.findGroup(tx, id), 'working group');
      await requireAdminOrCoChair(tx, id, actor, 'edit it');
      const values = {
        ...(input.name ? { name: mergeBilingual(before.name, input.name, now) } : {}),
        ...(input.charter ? { charter: mergeBilingual(before.charter, input.charter, now) } : {}),
        ...(input.technologyArea ? { technologyArea: input.technologyArea } : {}),
      };
      const after = await repo.updateGroup(tx, id, input.version, values, now);
      if (!after) throw conflict(`working group was changed by someone else (now version ${before.version}); reload and try again`);
      await insertAudit(tx, actor, { action: 'working_group.update', entity: 'working_group', entityId: id, before, after });
      await replicate(this.deps.federation, tx, 'group', id);
      return after;
    });
  }

  /** Moves along GROUP_TRANSITIONS; a group becomes active only with a co-chair on every side. */
  changeStatus(actor: User, id: string, input: GroupStatusChange): Promise<Group> {
    return this.deps.db.transaction(async (tx) => {
      const before = must(await repo.findGroup(tx, id), 'working group');
      await requireAdminOrCoChair(tx, id, actor, 'change its status');
      if (!GROUP_TRANSITIONS[before.status].includes(input.status)) throw invalidTransition(`a ${before.status} group cannot become ${input.status}`);
      const missing = before.sides.filter((s) => !before.coChairs[s]);
      if (input.status === 'active' && missing.length > 0) throw parityViolation(`a group is active only with a co-chair for every side; missing: ${missing.join(', ')}`);
      const after = await repo.updateGroup(tx, id, input.version, { status: input.status }, this.deps.now());
      if (!after) throw conflict(`working group was changed by someone else (now version ${before.version}); reload and try again`);
      await insertAudit(tx, actor, { action: 'working_group.status', entity: 'working_group', entityId: id, before: { status: before.status }, after: { status: after.status } });
      await replicate(this.deps.federation, tx, 'group', id);
      return after;
    });
  }

  /** Appoints the co-chair of a side that has none; a second co-chair for a side is refused. */
  appointCoChair(actor: User, groupId: string, userId: string, replace: false | string = false): Promise<GroupDetail> {
    return this.deps.db
      .transaction(async (tx) => {
        const group = must(await repo.findGroup(tx, groupId), 'working group');
        const user = await findUserRow(tx, userId);
        if (!user) throw validationFailed('userId: no such user');
        const side = replace || user.side;
        if (user.side !== side) throw validationFailed(`userId: the user belongs to ${user.side}, not ${side}`);
        if (!group.sides.includes(side)) throw validationFailed(`userId: the user's side ${side} is not a side of this group (${group.sides.join(', ')})`);
        const current = group.coChairs[side];
        if (current === userId) return;
        if (current && !replace) throw parityViolation(`side ${side} already has a co-chair; hand over with PUT /api/working-groups/${groupId}/co-chairs/${side}`);
        if (current) await repo.setMemberRole(tx, groupId, current, 'member');
        await this.lockParity(tx, groupId, side, userId);
        // The side's node speaks for its members: the former co-chair's step down first, then the new one.
        if (current) await replicate(this.deps.federation, tx, 'group_member', `${groupId}:${current}`);
        await replicate(this.deps.federation, tx, 'group_member', `${groupId}:${userId}`);
        const after = await repo.findGroup(tx, groupId);
        await insertAudit(tx, actor, { action: 'working_group.co_chair', entity: 'working_group', entityId: groupId, before: { side, userId: current ?? null }, after: { side, userId, coChairs: after?.coChairs } });
      })
      .then(() => this.get(groupId));
  }

  private async lockParity(tx: Tx, groupId: string, side: string, userId: string): Promise<void> {
    try {
      await repo.upsertMember(tx, { groupId, userId, side, role: 'co_chair' });
    } catch (err: unknown) {
      // The partial unique index on (group, side) for co-chairs catches a concurrent appointment.
      if (isUniqueViolation(err)) throw parityViolation(`side ${side} already has a co-chair`);
      throw err;
    }
  }

  /** Co-chairs manage their own side's members; admins any side. A co-chair is replaced, not removed. */
  removeMember(actor: User, groupId: string, userId: string): Promise<void> {
    return this.deps.db.transaction(async (tx) => {
      must(await repo.findGroup(tx, groupId), 'working group');
      const member = await repo.findMember(tx, groupId, userId);
      if (!member) throw notFound('member');
      const mine = await repo.findMember(tx, groupId, actor.id);
      const allowed = actor.roles.some((r) => r.role === 'admin') || actor.id === userId || (mine?.role === 'co_chair' && mine.side === member.side);
      if (!allowed) {
        const why = `only the ${member.side} co-chair, an admin or the member themselves may remove this member`;
        if (!mine) throw outOfScope(why);
        throw mine.role === 'co_chair' ? wrongSide(why) : forbidden(why);
      }
      if (member.role === 'co_chair') throw parityViolation('a co-chair cannot leave; hand the role over first');
      await repo.deleteMember(tx, groupId, userId);
      await replicateRemoval(this.deps.federation, tx, member);
      await insertAudit(tx, actor, { action: 'working_group.member.remove', entity: 'working_group', entityId: groupId, before: member });
    });
  }
}
