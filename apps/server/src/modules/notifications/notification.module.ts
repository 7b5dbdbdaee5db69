import type { Config } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import type { App, Services } from '../../http.ts';
import { MailService } from '../../mail/mail.service.ts';
import { smtpMailer } from '../../mail/mailer.ts';
import type { ServiceDeps } from '../../services.ts';
import type { JobService } from '../jobs/job.service.ts';
import { EventBus } from './live.bus.ts';
import { liveRoutes } from './live.routes.ts';
import { NotificationScheduler, registerNotificationJobs } from './notification.jobs.ts';
import { notificationRoutes } from './notification.routes.ts';
import { NotificationService } from './notification.service.ts';

export interface NotificationServices {
  notifications: NotificationService;
  notificationSchedule: NotificationScheduler;
  live: EventBus;
}

/** The inbox, its mail (when SMTP is configured), its scheduled jobs and the live-event bus. */
export function buildNotificationServices(config: Config, database: Database, deps: ServiceDeps, jobs: JobService): NotificationServices {
  const n = config.notifications;
  const mail = n.mail ? new MailService(deps, { mailer: smtpMailer(n.mail.smtpUrl, n.mail.from), publicUrl: n.publicUrl }) : null;
  registerNotificationJobs(deps, jobs, mail);
  return {
    notifications: new NotificationService(deps, mail),
    notificationSchedule: new NotificationScheduler(deps, jobs, mail, { pollMs: n.pollMs, remindersEveryMs: 3_600_000, digestHourUtc: n.digestHourUtc }),
    live: new EventBus(database, deps.log),
  };
}

/** Routes of the inbox and the live stream; the bus listens from now until the app closes. */
export async function registerNotifications(app: App, services: Services): Promise<void> {
  notificationRoutes(app, services);
  liveRoutes(app, services, { heartbeatMs: services.config.notifications.heartbeatMs });
  await services.live.start();
  app.addHook('onClose', async () => {
    await services.notificationSchedule.stop();
    await services.live.close();
    services.notifications.mail?.close();
  });
}
