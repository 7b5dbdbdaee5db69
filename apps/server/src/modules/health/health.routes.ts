import { HealthSchema } from '@qiao/contracts';
import { migrationState } from '../../db/migrate.ts';
import type { App, Services } from '../../http.ts';

export function healthRoutes(app: App, { database }: Services): void {
  app.get('/api/health', {
    config: { access: { public: true } },
    schema: { tags: ['health'], summary: 'Database kind and migration state', response: { 200: HealthSchema } },
    handler: async () => {
      const migrations = await migrationState(database);
      return { status: migrations.upToDate ? 'ok' : 'degraded', version: '0.1.0', database: { kind: database.kind, migrations } } as const;
    },
  });
}
