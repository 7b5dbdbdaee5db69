import { CalendarFeedStateSchema, CalendarFeedTokenSchema } from '@qiao/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, Services } from '../../http.ts';
import { requireAuth } from '../../plugins/access.ts';
import type { CalendarOrigin } from './calendar.service.ts';

/** The origin the client used (default port dropped); links in exports point back to the same site. */
function requestOrigin(req: FastifyRequest): string {
  try {
    return new URL(`${req.protocol}://${req.host}`).origin;
  } catch {
    // A Host header that is no host: links stay relative rather than carrying it.
    return '';
  }
}

const tags = ['dialogues'];
const signedIn = { signedIn: true } as const;

const originOf = (req: FastifyRequest): CalendarOrigin => ({ origin: requestOrigin(req), host: req.hostname });
const sendIcs = (reply: FastifyReply, body: string, file: string) =>
  reply.type('text/calendar; charset=utf-8').header('content-disposition', `inline; filename="${file}"`).header('cache-control', 'private, no-store').send(body);

export function calendarRoutes(app: App, { calendar }: Services): void {
  app.get('/api/dialogues/rounds/:id/calendar.ics', {
    config: { access: signedIn },
    schema: { tags, summary: "A round as an iCalendar event in your language (members of the group and admins; others 403 out_of_scope)", params: z.object({ id: z.string().uuid() }) },
    handler: async (req, reply) => sendIcs(reply, await calendar.roundIcs(requireAuth(req).user, req.params.id, originOf(req)), `round-${req.params.id}.ics`),
  });

  app.get('/api/calendar/feed', {
    config: { access: signedIn },
    schema: { tags, summary: 'Whether you have a personal calendar feed (its URL is shown only when created)', response: { 200: CalendarFeedStateSchema } },
    handler: (req) => calendar.feedState(requireAuth(req).user),
  });

  app.post('/api/calendar/feed', {
    config: { access: signedIn },
    schema: { tags, summary: 'Create your personal calendar feed, or replace its secret URL (the old one stops working)', response: { 201: CalendarFeedTokenSchema } },
    handler: async (req, reply) => reply.code(201).send(await calendar.rotateFeed(requireAuth(req).user)),
  });

  app.delete('/api/calendar/feed', {
    config: { access: signedIn },
    schema: { tags, summary: 'Revoke your personal calendar feed (404 if you have none)' },
    handler: async (req, reply) => {
      await calendar.revokeFeed(requireAuth(req).user);
      return reply.code(204).send();
    },
  });

  app.get('/api/calendar/feeds/:token/rounds.ics', {
    // The secret token is the credential: calendar apps send no cookie.
    config: { access: { public: true } },
    schema: { tags, summary: "The rounds of the token owner's working groups as iCalendar (unknown, replaced or revoked token: 404)", params: z.object({ token: z.string().max(200) }) },
    handler: async (req, reply) => sendIcs(reply, await calendar.feedIcs(req.params.token, originOf(req)), 'qiao-rounds.ics'),
  });
}
