import type { InboxKind, MailDelivery } from '@qiao/contracts';
import type { ServiceDeps } from '../services.ts';
import * as notices from '../modules/notifications/notification.repository.ts';
import { composeMail } from './mail.templates.ts';
import type { Mailer } from './mailer.ts';
import * as outbox from './outbox.repository.ts';

/** What a kind does when the user has not chosen: things to act on are mailed at once, news in the digest. */
export const DEFAULT_DELIVERY: Record<InboxKind, MailDelivery> = {
  join_request: 'immediate',
  join_decided: 'immediate',
  minutes_approval_needed: 'immediate',
  minutes_locked: 'digest',
  action_assigned: 'immediate',
  action_due_soon: 'digest',
  action_overdue: 'immediate',
  flag_review: 'immediate',
  project_sign_off: 'immediate',
  project_approved: 'immediate',
  project_rejected: 'immediate',
  project_reopened: 'immediate',
  access_requested: 'immediate',
  access_decided: 'immediate',
  access_revoked: 'immediate',
  access_expired: 'digest',
  screening_alert: 'immediate',
  party_proposed: 'digest',
  peer_position: 'digest',
  peer_minutes_revised: 'immediate',
  peer_minutes_approved: 'immediate',
  peer_cochair: 'digest',
  peer_cochair_stepped_down: 'digest',
  peer_event_refused: 'immediate',
  minutes_revision_conflict: 'immediate',
};

/** A failed send waits 30 s, then twice as long each time, at most an hour; it is never dropped. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/** Notices older than this when first looked at (raised while the server sent no mail) are not mailed. */
const STALE_MS = 24 * 3_600_000;
/** How long a node holds a message it is sending before another node may try it. */
const SEND_LEASE_MS = 120_000;

export interface MailSettings {
  mailer: Mailer;
  /** The web app's address, for links in messages. */
  publicUrl: string;
}

/**
 * Mail for notices: decides per notice by the recipient's preference (at once, in the daily digest,
 * or not at all), keeps the messages in an outbox in the database, and sends them from background
 * jobs. A send that fails stays in the outbox and is tried again with a growing pause.
 */
export class MailService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly settings: MailSettings,
  ) {}

  /** Sorts new notices into the outbox, the digest, or nothing. Returns how many it looked at. */
  async plan(): Promise<number> {
    const now = this.deps.now();
    return this.deps.db.transaction(async (tx) => {
      await notices.skipStaleNew(tx, new Date(now.getTime() - STALE_MS));
      const rows = await notices.newForMail(tx, 1000);
      const byDelivery = { immediate: [] as notices.NotificationRow[], digest: [] as string[], off: [] as string[] };
      for (const r of rows) {
        const delivery = r.disabled ? 'off' : (r.delivery ?? DEFAULT_DELIVERY[r.kind]);
        if (delivery === 'immediate') byDelivery.immediate.push(r);
        else byDelivery[delivery].push(r.id);
      }
      await outbox.insertOutbox(
        tx,
        byDelivery.immediate.map((r) => ({ userId: r.userId, kind: 'notice', notificationIds: [r.id], nextAttemptAt: now })),
      );
      await notices.setMailState(
        tx,
        byDelivery.immediate.map((r) => r.id),
        'queued',
      );
      await notices.setMailState(tx, byDelivery.digest, 'digest');
      await notices.setMailState(tx, byDelivery.off, 'skipped');
      return rows.length;
    });
  }

  /** One digest per user of everything waiting for it; returns how many digests were queued. */
  async digest(): Promise<number> {
    const now = this.deps.now();
    return this.deps.db.transaction(async (tx) => {
      const waiting = await notices.digestWaiting(tx);
      const perUser = new Map<string, string[]>();
      for (const n of waiting) perUser.set(n.userId, [...(perUser.get(n.userId) ?? []), n.id]);
      await outbox.insertOutbox(
        tx,
        [...perUser].map(([userId, ids]) => ({ userId, kind: 'digest', notificationIds: ids, nextAttemptAt: now })),
      );
      await notices.setMailState(
        tx,
        waiting.map((n) => n.id),
        'queued',
      );
      return perUser.size;
    });
  }

  /** Sends what is due; returns how many went out and how many failed (and wait for their retry). */
  async deliver(): Promise<{ sent: number; failed: number }> {
    let sent = 0;
    let failed = 0;
    for (;;) {
      const now = this.deps.now();
      const due = await outbox.claimDue(this.deps.db, now, SEND_LEASE_MS, 20);
      if (due.length === 0) break;
      for (const m of due) {
        const rows = await notices.findNotices(this.deps.db, m.notificationIds);
        const mail = composeMail(
          rows.map((r) => ({ kind: r.kind, params: r.payload, link: r.link })),
          m.locale,
          this.settings.publicUrl,
          m.kind === 'digest',
        );
        try {
          await this.settings.mailer.send({ to: m.email, lang: m.locale, ...mail });
        } catch (err: unknown) {
          failed++;
          const message = err instanceof Error ? err.message : String(err);
          const retryAt = new Date(this.deps.now().getTime() + retryDelayMs(m.attempts));
          await outbox.markFailed(this.deps.db, m.id, retryAt, message);
          this.deps.log.warn(`mail to ${m.email} failed (attempt ${m.attempts}), next try ${retryAt.toISOString()}: ${message}`);
          continue;
        }
        sent++;
        await this.deps.db.transaction(async (tx) => {
          await outbox.markSent(tx, m.id, this.deps.now());
          await notices.setMailState(tx, m.notificationIds, 'sent');
        });
      }
      // Failed messages wait for their retry time; stop rather than spin on them.
      if (failed > 0) break;
    }
    return { sent, failed };
  }

  hasWork(): Promise<boolean> {
    return outbox.hasDue(this.deps.db, this.deps.now());
  }

  close(): void {
    this.settings.mailer.close();
  }
}
