import type { MarkRead, Notification, User } from '@qiao/contracts';
import { validationFailed } from '../../errors.ts';
import type { ServiceDeps } from '../../services.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { listActions, utcDay } from './action.repository.ts';
import * as repo from './notification.repository.ts';

/**
 * In-app notices. "Action overdue" needs no scheduler: it is raised when the owner reads their
 * notices, and `sweepOverdue()` raises it for everyone (the server may call it on a timer).
 */
export class NotificationService {
  constructor(private readonly deps: ServiceDeps) {}

  async list(user: User, unreadOnly: boolean): Promise<Notification[]> {
    await this.raiseOverdue(user.id);
    return repo.listNotifications(this.deps.db, user.id, unreadOnly);
  }

  /** Raises "overdue" once per owner and action; returns how many actions are overdue. */
  async raiseOverdue(ownerId?: string): Promise<number> {
    const today = utcDay(this.deps.now());
    const overdue = await listActions(this.deps.db, { overdueOn: today, ...(ownerId ? { ownerId } : {}) }, today);
    const rows = overdue.flatMap((a) =>
      a.owners
        .filter((o) => !ownerId || o.userId === ownerId)
        .map((o) => ({ userId: o.userId, kind: 'action_overdue' as const, groupId: a.groupId, entity: 'action_item', entityId: a.id, payload: { title: a.title, dueDate: a.dueDate }, dedupeKey: `overdue:${a.id}:${a.dueDate}` })),
    );
    await repo.notify(this.deps.db, rows);
    return overdue.length;
  }

  sweepOverdue(): Promise<number> {
    return this.raiseOverdue();
  }

  markRead(user: User, input: MarkRead): Promise<{ marked: number }> {
    if (!input.all && !input.ids) throw validationFailed('ids: give the ids to mark read, or all: true');
    return this.deps.db.transaction(async (tx) => {
      const ids = await repo.markRead(tx, user.id, input.all ? undefined : input.ids, this.deps.now());
      if (ids.length > 0) await insertAudit(tx, user, { action: 'notification.read', entity: 'user', entityId: user.id, after: { ids } });
      return { marked: ids.length };
    });
  }
}
