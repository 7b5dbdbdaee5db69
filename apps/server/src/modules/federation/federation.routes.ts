import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, Services } from '../../http.ts';
import { everyInterval } from './federation.background.ts';
import { minutesConflictRoutes } from './federation.minutes-conflict.routes.ts';
import { notConfigured } from './federation.service.ts';
import { lastSettingsResync } from './federation.settings.ts';

const EventsQuerySchema = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

/**
 * The check every node-to-node route runs before its handler: no session, but a request signed with
 * the configured peer node's key, fresh (timestamp) and used once (nonce); see federation.request.ts.
 * A node without a configured peer answers 404 `federation_not_configured`.
 */
export function signedByPeer(federation: Services['federation']): (req: FastifyRequest) => Promise<void> {
  return async (req) => {
    if (!federation?.config.peer) throw notConfigured();
    await federation.authenticate({ method: req.method, url: req.url, headers: req.headers });
  };
}

/**
 * Node-to-node and admin routes of the federation. The events route is not for people: it takes no
 * session, only a request signed with the peer node's key (see federation.request.ts).
 */
export function federationRoutes(app: App, services: Services): void {
  const { federation } = services;
  minutesConflictRoutes(app, services);
  app.get('/api/federation/events', {
    config: { access: { public: true } },
    schema: { tags: ['federation'], summary: "This node's signed events after a sequence number, for the peer node (signed request)", querystring: EventsQuerySchema },
    preHandler: signedByPeer(federation),
    handler: async (req) => {
      if (!federation) throw notConfigured();
      return federation.listEvents(req.query.after, req.query.limit);
    },
  });

  app.get('/api/federation/status', {
    config: { access: { roles: ['admin'] } },
    schema: { tags: ['federation'], summary: 'Side of this node, the link to the peer node, the head of the outbound log and the last automatic initial sync' },
    handler: async () => {
      if (!federation) throw notConfigured();
      // `resync`: the last initial sync run at start-up after the settings changed, once there is one.
      const resync = await lastSettingsResync(services.database.db);
      return { ...(await federation.status()), ...(resync ? { resync } : {}) };
    },
  });

  app.get('/api/federation/rejected', {
    config: { access: { roles: ['admin'] } },
    schema: { tags: ['federation'], summary: "The peer's events this node refused, with the reason, newest first" },
    handler: async () => {
      if (!federation) throw notConfigured();
      return { items: await federation.listRejected() };
    },
  });

  const pullMs = federation?.config.peer ? federation.config.pullMs : 0;
  if (federation && pullMs > 0) {
    everyInterval(
      app,
      pullMs,
      async () => {
        const r = await federation.pullOnce();
        if (r.rejected.length) app.log.warn(`federation: ${r.rejected.length} event(s) from the peer rejected: ${r.rejected[0]?.reason ?? ''}`);
      },
      (message) => `federation: pull from the peer failed: ${message}`,
    );
  }
}
