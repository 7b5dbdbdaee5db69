import { and, eq, inArray } from 'drizzle-orm';
import type { MailService } from '../../mail/mail.service.ts';
import type { ServiceDeps } from '../../services.ts';
import { jobs } from '../jobs/job.schema.ts';
import type { JobService } from '../jobs/job.service.ts';
import { notifications } from './notification.schema.ts';
import { raiseReminders, REMINDER_JOB } from './reminder.job.ts';

export const MAIL_DELIVER_JOB = 'mail.deliver';
export const MAIL_DIGEST_JOB = 'mail.digest';
export const SCHEDULED_JOBS = { reminders: REMINDER_JOB, digest: MAIL_DIGEST_JOB, mail: MAIL_DELIVER_JOB } as const;
export type ScheduledJob = keyof typeof SCHEDULED_JOBS;

export interface ScheduleOptions {
  /** How often the scheduler looks (and mail due now is sent), ms. */
  pollMs: number;
  /** Reminders run this often, ms (they are idempotent per object and day). */
  remindersEveryMs: number;
  /** The UTC hour after which the day's digest goes out. */
  digestHourUtc: number;
}

/** Registers the notification jobs: the reminders, and with mail configured, sending and the digest. */
export function registerNotificationJobs(deps: ServiceDeps, jobService: JobService, mail: MailService | null): void {
  jobService.register(REMINDER_JOB, async () => {
    await raiseReminders(deps.db, deps.now());
    return 'done';
  });
  if (!mail) return;
  jobService.register(MAIL_DELIVER_JOB, async () => {
    await mail.plan();
    await mail.deliver();
    return 'done';
  });
  jobService.register(MAIL_DIGEST_JOB, async () => {
    await mail.plan();
    await mail.digest();
    await mail.deliver();
    return 'done';
  });
}

/**
 * Puts the periodic jobs in the queue at their times; the job worker (on whichever node claims them)
 * runs them. A job is enqueued only when none of its kind waits, and every job is idempotent, so two
 * nodes scheduling at once cost a little work and never a duplicate notice or message.
 */
export class NotificationScheduler {
  private timer: NodeJS.Timeout | undefined;
  private lastReminders = 0;
  private lastDigestDay = '';
  private running: Promise<void> | undefined;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly jobService: JobService,
    private readonly mail: MailService | null,
    private readonly options: ScheduleOptions,
  ) {}

  start(): void {
    if (this.timer) return;
    const tick = () => {
      this.running = this.tick().catch((err: unknown) => this.deps.log.warn(`notification scheduler: ${err instanceof Error ? err.message : String(err)}`));
    };
    this.timer = setInterval(tick, this.options.pollMs);
    this.timer.unref();
    tick();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One look: enqueues what is due now. */
  async tick(): Promise<void> {
    const now = this.deps.now();
    if (now.getTime() - this.lastReminders >= this.options.remindersEveryMs) {
      this.lastReminders = now.getTime();
      await this.enqueueOnce(REMINDER_JOB);
    }
    if (!this.mail) return;
    const day = now.toISOString().slice(0, 10);
    if (now.getUTCHours() >= this.options.digestHourUtc && this.lastDigestDay !== day) {
      this.lastDigestDay = day;
      await this.enqueueOnce(MAIL_DIGEST_JOB);
    }
    if ((await this.hasNewNotices()) || (await this.mail.hasWork())) await this.enqueueOnce(MAIL_DELIVER_JOB);
  }

  /** Runs one scheduled job now (an admin's "run now"); returns the queued job's id. */
  async enqueueNow(job: ScheduledJob): Promise<string> {
    return (await this.jobService.enqueue(SCHEDULED_JOBS[job], {})).id;
  }

  private async enqueueOnce(kind: string): Promise<void> {
    const [waiting] = await this.deps.db
      .select({ id: jobs.id })
      .from(jobs)
      .where(and(eq(jobs.kind, kind), inArray(jobs.status, ['queued', 'running'])))
      .limit(1);
    if (!waiting) await this.jobService.enqueue(kind, {});
  }

  private async hasNewNotices(): Promise<boolean> {
    const [row] = await this.deps.db.select({ id: notifications.id }).from(notifications).where(eq(notifications.mailState, 'new')).limit(1);
    return row !== undefined;
  }
}
