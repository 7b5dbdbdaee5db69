import { INBOX_KINDS, type InboxItem, type InboxLang, type InboxList, type InboxMarkAll, type InboxQuery, type MailPreferences, type MailPreferencesInput, type Task, type User } from '@qiao/contracts';
import { DEFAULT_DELIVERY, type MailService } from '../../mail/mail.service.ts';
import type { ServiceDeps } from '../../services.ts';
import { utcDay } from '../actions/action.repository.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import * as repo from './notification.repository.ts';
import { renderNotice } from './notification.templates.ts';
import { tasksOf } from './task.repository.ts';

/** Actions show in "my tasks" this many days before they are due. */
const TASK_HORIZON_DAYS = 7;

function toItem(r: repo.NotificationRow, lang: InboxLang): InboxItem {
  const words = renderNotice(r.kind, r.payload, lang);
  return { id: r.id, kind: r.kind, module: r.module, entity: r.entity, entityId: r.entityId, params: r.payload, link: r.link, title: words.title, body: words.body, createdAt: r.createdAt.toISOString(), readAt: r.readAt?.toISOString() ?? null };
}

/** The inbox: every module's notices for one user, their mail preferences, and what waits for them. */
export class NotificationService {
  constructor(
    private readonly deps: ServiceDeps,
    readonly mail: MailService | null,
  ) {}

  async list(user: User, q: InboxQuery): Promise<InboxList> {
    const lang = q.lang ?? user.locale;
    const rows = await repo.listNotices(this.deps.db, user.id, { module: q.module, state: q.state, limit: q.limit });
    return { items: rows.map((r) => toItem(r, lang)), unread: await repo.countUnread(this.deps.db, user.id) };
  }

  async unread(user: User): Promise<{ unread: number }> {
    return { unread: await repo.countUnread(this.deps.db, user.id) };
  }

  markRead(user: User, ids: string[]): Promise<{ marked: number }> {
    return this.mark(user, { ids });
  }

  markAll(user: User, input: InboxMarkAll): Promise<{ marked: number }> {
    return this.mark(user, input.module ? { module: input.module } : {});
  }

  private mark(user: User, scope: { ids: string[] } | InboxMarkAll): Promise<{ marked: number }> {
    return this.deps.db.transaction(async (tx) => {
      const ids = await repo.markRead(tx, user.id, scope, this.deps.now());
      if (ids.length > 0) await insertAudit(tx, user, { action: 'notification.read', entity: 'user', entityId: user.id, after: { ids } });
      return { marked: ids.length };
    });
  }

  async tasks(user: User, lang?: InboxLang): Promise<Task[]> {
    const until = utcDay(new Date(this.deps.now().getTime() + TASK_HORIZON_DAYS * 86_400_000));
    return tasksOf(this.deps.db, user, lang ?? user.locale, until);
  }

  async preferences(user: User): Promise<MailPreferences> {
    const chosen = await repo.preferencesOf(this.deps.db, user.id);
    return { mailEnabled: this.mail !== null, kinds: Object.fromEntries(INBOX_KINDS.map((k) => [k, chosen.get(k) ?? DEFAULT_DELIVERY[k]])) as MailPreferences['kinds'] };
  }

  async savePreferences(user: User, input: MailPreferencesInput): Promise<MailPreferences> {
    const kinds = INBOX_KINDS.flatMap((k) => {
      const d = input.kinds[k];
      return d ? [[k, d] as const] : [];
    });
    await this.deps.db.transaction(async (tx) => {
      await repo.savePreferences(tx, user.id, kinds);
      await insertAudit(tx, user, { action: 'notification.preferences', entity: 'user', entityId: user.id, after: Object.fromEntries(kinds) });
    });
    return this.preferences(user);
  }

  /** The working groups' notices page: its four kinds, in the shape it has always had. */
  async legacyList(user: User, unreadOnly: boolean) {
    const rows = await repo.listNotices(this.deps.db, user.id, { state: unreadOnly ? 'unread' : 'all', limit: 500, kinds: ['minutes_approval_needed', 'join_request', 'action_assigned', 'action_overdue'] });
    return rows.flatMap((r) =>
      r.kind === 'minutes_approval_needed' || r.kind === 'join_request' || r.kind === 'action_assigned' || r.kind === 'action_overdue'
        ? [{ id: r.id, kind: r.kind, groupId: r.groupId, entity: r.entity, entityId: r.entityId, payload: r.payload, createdAt: r.createdAt.toISOString(), readAt: r.readAt?.toISOString() ?? null }]
        : [],
    );
  }
}
