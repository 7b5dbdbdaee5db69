import type { App, Services } from '../../http.ts';
import { listWithheld } from './federation.projects.ts';
import { notConfigured } from './federation.service.ts';

/** What the transfer guard held back: entries this node withheld from the peer, and the peer's stubs here. */
export function federationProjectRoutes(app: App, services: Services): void {
  const { federation } = services;
  app.get('/api/federation/withheld', {
    config: { access: { roles: ['admin'] } },
    schema: { tags: ['federation'], summary: 'Catalogue entries and people’s profiles the exporting side’s transfer review withheld, with the verdict and the reason, on either side' },
    handler: async () => {
      if (!federation) throw notConfigured();
      const rows = await listWithheld(services.database.db);
      return {
        items: rows.map((r) => {
          const transfer = (r.stub.transfer ?? {}) as { reasonEn?: string; reasonZh?: string; findings?: unknown[] };
          return { objectType: r.objectType, objectId: r.objectId, exporter: r.exporter, direction: r.direction, verdict: r.verdict, reasonEn: transfer.reasonEn ?? '', reasonZh: transfer.reasonZh ?? '', findings: transfer.findings ?? [], withheldBy: r.exporter === federation.config.side ? 'this node' : 'the peer', at: r.at.toISOString() };
        }),
      };
    },
  });
}
