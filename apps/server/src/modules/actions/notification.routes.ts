import { listOf, MarkReadSchema, NotificationQuerySchema, NotificationSchema } from '@qiao/contracts';
import { z } from 'zod';
import type { App, Services } from '../../http.ts';
import { requireAuth } from '../../plugins/access.ts';

const signedIn = { signedIn: true } as const;
const tags = ['notifications'];

export function notificationRoutes(app: App, { notifications }: Services): void {
  app.get('/api/notifications', {
    config: { access: signedIn },
    schema: { tags, summary: 'My notifications, newest first: approvals needed, join requests, actions assigned and overdue', querystring: NotificationQuerySchema, response: { 200: listOf(NotificationSchema) } },
    handler: async (req) => ({ items: await notifications.list(requireAuth(req).user, req.query.unread) }),
  });

  app.post('/api/notifications/read', {
    config: { access: signedIn },
    schema: { tags, summary: 'Mark my notifications read: the given ids, or all', body: MarkReadSchema, response: { 200: z.object({ marked: z.number().int() }) } },
    handler: (req) => notifications.markRead(requireAuth(req).user, req.body),
  });
}
