import { InboxLangSchema, InboxListSchema, InboxMarkAllSchema, InboxMarkReadSchema, InboxQuerySchema, listOf, MailPreferencesInputSchema, MailPreferencesSchema, MarkReadSchema, NotificationQuerySchema, NotificationSchema, TaskListSchema, UnreadCountSchema } from '@qiao/contracts';
import { z } from 'zod';
import { conflict, validationFailed } from '../../errors.ts';
import type { App, Services } from '../../http.ts';
import { requireAuth } from '../../plugins/access.ts';
import { SCHEDULED_JOBS, type ScheduledJob } from './notification.jobs.ts';

const signedIn = { signedIn: true } as const;
const tags = ['notifications'];
const marked = z.object({ marked: z.number().int() });

export function notificationRoutes(app: App, { notifications, notificationSchedule, jobs }: Services): void {
  app.get('/api/inbox', {
    config: { access: signedIn },
    schema: { tags, summary: 'My notices from every module, newest first, in my language (or `lang`), with the unread count', querystring: InboxQuerySchema, response: { 200: InboxListSchema } },
    handler: (req) => notifications.list(requireAuth(req).user, req.query),
  });

  app.get('/api/inbox/unread-count', {
    config: { access: signedIn },
    schema: { tags, summary: 'How many of my notices are unread (the bell)', response: { 200: UnreadCountSchema } },
    handler: (req) => notifications.unread(requireAuth(req).user),
  });

  app.post('/api/inbox/read', {
    config: { access: signedIn },
    schema: { tags, summary: 'Mark these notices of mine read', body: InboxMarkReadSchema, response: { 200: marked } },
    handler: (req) => notifications.markRead(requireAuth(req).user, req.body.ids),
  });

  app.post('/api/inbox/read-all', {
    config: { access: signedIn },
    schema: { tags, summary: 'Mark all my notices read, or those of one module', body: InboxMarkAllSchema, response: { 200: marked } },
    handler: (req) => notifications.markAll(requireAuth(req).user, req.body),
  });

  app.get('/api/inbox/tasks', {
    config: { access: signedIn },
    schema: { tags, summary: 'What waits for me: join requests, minutes, reviews, sign-offs, access requests, actions due', querystring: z.object({ lang: InboxLangSchema.optional() }), response: { 200: TaskListSchema } },
    handler: async (req) => ({ items: await notifications.tasks(requireAuth(req).user, req.query.lang) }),
  });

  app.get('/api/inbox/preferences', {
    config: { access: signedIn },
    schema: { tags, summary: 'My mail preference per kind of notice (immediate, daily digest, off)', response: { 200: MailPreferencesSchema } },
    handler: (req) => notifications.preferences(requireAuth(req).user),
  });

  app.put('/api/inbox/preferences', {
    config: { access: signedIn },
    schema: { tags, summary: 'Change my mail preference for some kinds; the others keep theirs', body: MailPreferencesInputSchema, response: { 200: MailPreferencesSchema } },
    handler: (req) => notifications.savePreferences(requireAuth(req).user, req.body),
  });

  app.post('/api/inbox/scheduled/:job', {
    config: { access: { roles: ['admin'] } },
    schema: {
      tags,
      summary: 'Run a scheduled job now: reminders (actions due and overdue, grants expired), the mail digest, or pending mail',
      params: z.object({ job: z.enum(Object.keys(SCHEDULED_JOBS) as [ScheduledJob, ...ScheduledJob[]]) }),
      response: { 202: z.object({ jobId: z.string().uuid() }) },
    },
    handler: async (req, reply) => {
      if (!jobs.handler(SCHEDULED_JOBS[req.params.job])) throw conflict('mail is not configured on this server (QIAO_SMTP_URL and QIAO_MAIL_FROM)');
      return reply.code(202).send({ jobId: await notificationSchedule.enqueueNow(req.params.job) });
    },
  });

  // The working groups' notices page reads its four kinds in the shape it always had.
  app.get('/api/notifications', {
    config: { access: signedIn },
    schema: { tags, summary: 'My working-group notices: approvals needed, join requests, actions assigned and overdue', querystring: NotificationQuerySchema, response: { 200: listOf(NotificationSchema) } },
    handler: async (req) => ({ items: await notifications.legacyList(requireAuth(req).user, req.query.unread) }),
  });

  app.post('/api/notifications/read', {
    config: { access: signedIn },
    schema: { tags, summary: 'Mark my notifications read: the given ids, or all', body: MarkReadSchema, response: { 200: marked } },
    handler: (req) => {
      const user = requireAuth(req).user;
      if (req.body.all) return notifications.markAll(user, {});
      if (!req.body.ids) throw validationFailed('ids: give the ids to mark read, or all: true');
      return notifications.markRead(user, req.body.ids);
    },
  });
}
