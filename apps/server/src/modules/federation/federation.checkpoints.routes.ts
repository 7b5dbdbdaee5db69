import type { App, Services } from '../../http.ts';
import { everyInterval } from './federation.background.ts';
import { FederationCheckpoints } from './federation.checkpoints.ts';
import { signedByPeer } from './federation.routes.ts';
import { notConfigured } from './federation.service.ts';

const instances = new WeakMap<Services, FederationCheckpoints>();

/** The checkpoint service of this app's node, or null when the node runs alone. */
export function federationCheckpointsOf(services: Services): FederationCheckpoints | null {
  const federation = services.federation;
  if (!federation) return null;
  let cps = instances.get(services);
  if (!cps) {
    cps = new FederationCheckpoints(services.database.db, federation);
    instances.set(services, cps);
  }
  return cps;
}

/**
 * Co-signed checkpoints of the shared record: the node-to-node list (signed request, no session),
 * the admins' view, and the background exchange with the peer on the pull interval.
 */
export function federationCheckpointRoutes(app: App, services: Services): void {
  const { federation } = services;
  const checkpoints = federationCheckpointsOf(services);

  app.get('/api/federation/checkpoints', {
    config: { access: { public: true } },
    schema: { tags: ['federation'], summary: "This node's record checkpoints with the signatures it holds, for the peer node (signed request)" },
    preHandler: signedByPeer(federation),
    handler: async () => {
      if (!checkpoints) throw notConfigured();
      return { items: await checkpoints.list() };
    },
  });

  // Always answers, so the admin pages learn whether to show federation without a refused request.
  app.get('/api/federation/node', {
    config: { access: { roles: ['admin'] } },
    schema: { tags: ['federation'], summary: 'Whether this node is federated, and its side' },
    handler: () => ({ federated: !!federation, side: federation?.config.side ?? null, peerConfigured: !!federation?.config.peer }),
  });

  app.get('/api/federation/record-checkpoints', {
    config: { access: { roles: ['admin'] } },
    schema: { tags: ['federation'], summary: 'Checkpoints of each working group’s record with the nodes that signed them, and the peer’s checkpoints this node refused' },
    handler: async () => {
      if (!checkpoints) throw notConfigured();
      return checkpoints.overview();
    },
  });

  const pullMs = federation?.config.peer ? federation.config.pullMs : 0;
  if (!checkpoints || pullMs <= 0) return;
  everyInterval(
    app,
    pullMs,
    async () => {
      const r = await checkpoints.sync();
      if (r.refused.length) app.log.warn(`federation: ${r.refused.length} checkpoint(s) from the peer refused: ${r.refused[0] ?? ''}`);
    },
    (message) => `federation: checkpoint exchange with the peer failed: ${message}`,
  );
}
