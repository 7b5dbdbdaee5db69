import { mergeBilingual, type ActionInput, type ActionItem, type ActionOwner, type ActionUpdate, type User } from '@qiao/contracts';
import type { DbOrTx } from '../../db/client.ts';
import { conflict, forbidden, outOfScope, validationFailed } from '../../errors.ts';
import type { ServiceDeps } from '../../services.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { findDecision } from '../dialogues/minutes.repository.ts';
import { isAdmin, must, requireAdminOrCoChair } from '../groups/group-access.ts';
import { findGroup, findMember, listMembers } from '../groups/group.repository.ts';
import * as repo from './action.repository.ts';
import { actionAssigned } from '../notifications/notification.raise.ts';
import { findResult } from './result.repository.ts';
import { replicate } from '../federation/federation.replicate.ts';

/** Action items come from recorded decisions and have one owner on every side of the group. */
export class ActionService {
  constructor(private readonly deps: ServiceDeps) {}

  private today(): string {
    return repo.utcDay(this.deps.now());
  }

  async get(id: string): Promise<ActionItem> {
    return must(await repo.findAction(this.deps.db, id, this.today()), 'action item');
  }

  async forGroup(groupId: string, overdue?: boolean): Promise<ActionItem[]> {
    must(await findGroup(this.deps.db, groupId), 'working group');
    const today = this.today();
    const items = await repo.listActions(this.deps.db, { groupId, ...(overdue ? { overdueOn: today } : {}) }, today);
    return overdue === false ? items.filter((a) => !a.overdue) : items;
  }

  async mine(user: User, overdue?: boolean): Promise<ActionItem[]> {
    const today = this.today();
    const items = await repo.listActions(this.deps.db, { ownerId: user.id, ...(overdue ? { overdueOn: today } : {}) }, today);
    return overdue === false ? items.filter((a) => !a.overdue) : items;
  }

  create(actor: User, input: ActionInput): Promise<ActionItem> {
    const now = this.deps.now();
    return this.deps.db.transaction(async (tx) => {
      const decision = await findDecision(tx, input.decisionId);
      if (!decision) throw validationFailed('decisionId: no such decision (decisions come from locked minutes)');
      await requireAdminOrCoChair(tx, decision.groupId, actor, 'assign action items');
      await this.checkOwners(tx, decision.groupId, input.owners);
      if (input.resultId) await this.checkResult(tx, decision.groupId, input.resultId);
      const action = await repo.insertAction(
        tx,
        { groupId: decision.groupId, decisionId: decision.id, resultId: input.resultId ?? null, title: mergeBilingual(null, input.title, now), dueDate: input.dueDate, createdAt: now, updatedAt: now },
        input.owners,
        this.today(),
      );
      await this.notifyAssigned(tx, action, input.owners);
      await insertAudit(tx, actor, { action: 'action_item.create', entity: 'action_item', entityId: action.id, after: action });
      await replicate(this.deps.federation, tx, 'action', action.id);
      return action;
    });
  }

  /** Co-chairs and admins change anything; an owner may move the status of their own action. */
  update(actor: User, id: string, input: ActionUpdate): Promise<ActionItem> {
    const now = this.deps.now();
    return this.deps.db.transaction(async (tx) => {
      const before = must(await repo.findAction(tx, id, this.today()), 'action item');
      const me = await findMember(tx, before.groupId, actor.id);
      const manager = isAdmin(actor) || me?.role === 'co_chair';
      const owner = before.owners.some((o) => o.userId === actor.id);
      const onlyStatus = Object.keys(input).every((k) => k === 'status' || k === 'version');
      if (!manager && !(owner && onlyStatus)) throw (me || owner ? forbidden : outOfScope)('only the co-chairs change an action item; its owners may update its status');
      if (input.owners) await this.checkOwners(tx, before.groupId, input.owners);
      if (input.resultId) await this.checkResult(tx, before.groupId, input.resultId);
      const title = input.title ? mergeBilingual(before.title, input.title, now) : undefined;
      const values = { ...(title ? { title } : {}), ...(input.dueDate ? { dueDate: input.dueDate } : {}), ...(input.status ? { status: input.status } : {}), ...(input.resultId !== undefined ? { resultId: input.resultId } : {}), updatedAt: now };
      const after = await repo.updateAction(tx, id, input.version, values, input.owners, this.today());
      if (!after) throw conflict(`the action item was changed by someone else (now version ${before.version}); reload and try again`);
      const added = (input.owners ?? []).filter((o) => !before.owners.some((b) => b.userId === o.userId));
      await this.notifyAssigned(tx, after, added);
      await insertAudit(tx, actor, { action: 'action_item.update', entity: 'action_item', entityId: id, before, after });
      await replicate(this.deps.federation, tx, 'action', id);
      return after;
    });
  }

  /** Exactly one owner for every side of the group, each a member of the group on that side. */
  private async checkOwners(tx: DbOrTx, groupId: string, owners: ActionOwner[]): Promise<void> {
    const group = must(await findGroup(tx, groupId), 'working group');
    const members = await listMembers(tx, groupId);
    for (const [i, o] of owners.entries()) {
      if (!group.sides.includes(o.side)) throw validationFailed(`owners.${i}.side: ${o.side} is not a side of this working group`);
      if (owners.findIndex((x) => x.side === o.side) !== i) throw validationFailed(`owners.${i}.side: one owner per side; ${o.side} is named twice`);
      const m = members.find((x) => x.userId === o.userId);
      if (!m || m.role === 'observer') throw validationFailed(`owners.${i}.userId: not a member of this working group`);
      if (m.side !== o.side) throw validationFailed(`owners.${i}.userId: the member is on side ${m.side}, not ${o.side}`);
    }
    const missing = group.sides.filter((s) => !owners.some((o) => o.side === s));
    if (missing.length > 0) throw validationFailed(`owners: every side needs an owner; missing ${missing.join(', ')}`);
  }

  private async checkResult(tx: DbOrTx, groupId: string, resultId: string): Promise<void> {
    const result = await findResult(tx, resultId);
    if (!result || result.groupId !== groupId) throw validationFailed('resultId: no such result in this working group');
  }

  private async notifyAssigned(tx: DbOrTx, action: ActionItem, owners: ActionOwner[]): Promise<void> {
    await actionAssigned(tx, { action, ownerIds: owners.map((o) => o.userId) });
  }
}
