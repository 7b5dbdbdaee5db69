import type { JoinDecision, JoinRequest, JoinRequestInput, JoinRequestListItem, User } from '@qiao/contracts';
import { conflict, forbidden, notFound, outOfScope, validationFailed, wrongSide } from '../../errors.ts';
import type { ServiceDeps } from '../../services.ts';
import * as notices from '../notifications/notification.raise.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { isAdmin, must } from './group-access.ts';
import * as repo from './group.repository.ts';
import { replicate } from '../federation/federation.replicate.ts';

/** Join requests: anyone signed in asks; only the co-chair of the requester's own side decides. */
export class JoinRequestService {
  constructor(private readonly deps: ServiceDeps) {}

  request(actor: User, groupId: string, input: JoinRequestInput): Promise<JoinRequest> {
    return this.deps.db.transaction(async (tx) => {
      const group = must(await repo.findGroup(tx, groupId), 'working group');
      if (group.status === 'closed') throw conflict('the working group is closed');
      if (!group.sides.includes(actor.side)) throw forbidden(`this group's sides are ${group.sides.join(', ')}; yours is ${actor.side}`);
      if (await repo.findMember(tx, groupId, actor.id)) throw conflict('you are already a member of this working group');
      if (await repo.findPendingJoinRequest(tx, groupId, actor.id)) throw conflict('you already have a pending request for this working group');
      const req = await repo.insertJoinRequest(tx, { groupId, userId: actor.id, side: actor.side, role: input.role, message: input.message ?? null, createdAt: this.deps.now() });
      await notices.joinRequested(tx, { group, chairId: group.coChairs[actor.side] ?? null, requestId: req.id, requester: actor, role: input.role });
      await insertAudit(tx, actor, { action: 'working_group.join_request', entity: 'join_request', entityId: req.id, after: req });
      return req;
    });
  }

  async list(actor: User, groupId: string): Promise<JoinRequestListItem[]> {
    must(await repo.findGroup(this.deps.db, groupId), 'working group');
    const all = await repo.listJoinRequests(this.deps.db, groupId);
    if (isAdmin(actor)) return all;
    const me = await repo.findMember(this.deps.db, groupId, actor.id);
    // Co-chairs see every request; anyone else sees only their own.
    return me?.role === 'co_chair' ? all : all.filter((r) => r.userId === actor.id);
  }

  decide(actor: User, groupId: string, requestId: string, input: JoinDecision): Promise<JoinRequest> {
    return this.deps.db.transaction(async (tx) => {
      const group = must(await repo.findGroup(tx, groupId), 'working group');
      const req = await repo.findJoinRequest(tx, requestId);
      if (!req || req.groupId !== groupId) throw notFound('join request');
      if (group.coChairs[req.side] !== actor.id) {
        const why = `only the ${req.side} co-chair of this group decides ${req.side} join requests`;
        const me = await repo.findMember(tx, groupId, actor.id);
        // Admins included: they appoint co-chairs, but each side admits its own people.
        if (!me && !isAdmin(actor)) throw outOfScope(why);
        throw me?.role === 'co_chair' ? wrongSide(why) : forbidden(why);
      }
      const status = input.decision === 'approve' ? 'approved' : 'declined';
      const after = await repo.decideJoinRequest(tx, requestId, status, actor.id, this.deps.now());
      if (!after) throw conflict(`the request was already ${req.status}`);
      if (status === 'approved') {
        if (!group.sides.includes(req.side)) throw validationFailed('side: not a side of this group');
        await repo.upsertMember(tx, { groupId, userId: req.userId, side: req.side, role: req.role });
        await replicate(this.deps.federation, tx, 'group_member', `${groupId}:${req.userId}`);
      }
      await insertAudit(tx, actor, { action: `working_group.join_request.${input.decision}`, entity: 'join_request', entityId: requestId, before: req, after });
      await notices.joinDecided(tx, { group, requestId, requesterId: req.userId, decision: input.decision });
      return after;
    });
  }
}
