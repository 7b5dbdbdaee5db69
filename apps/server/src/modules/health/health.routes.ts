import { HealthSchema, type Health } from '@qiao/contracts';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { migrationState, type MigrationState } from '../../db/migrate.ts';
import type { App, Services } from '../../http.ts';

const HealthQuery = z.object({ deep: z.enum(['0', '1']).optional() });

/**
 * `/api/health` answers from memory: the migration state is read once, when the app starts, because a
 * node's migrations only change when it is restarted. A load balancer can poll it cheaply. `?deep=1`
 * touches the database (a query and a fresh migration count) and answers 503 when it cannot.
 */
export function healthRoutes(app: App, { database }: Services): void {
  let atStart: Promise<MigrationState> | null = null;
  const cached = () => (atStart ??= migrationState(database));
  app.addHook('onReady', async () => {
    await cached();
  });
  const body = (migrations: MigrationState, reachable = true): Health => ({ status: reachable && migrations.upToDate ? 'ok' : 'degraded', version: '0.1.0', database: { kind: database.kind, migrations } });

  app.get('/api/health', {
    config: { access: { public: true } },
    schema: { tags: ['health'], summary: 'Database kind and migration state (from memory); ?deep=1 queries the database', querystring: HealthQuery, response: { 200: HealthSchema, 503: HealthSchema } },
    handler: async (req, reply) => {
      if (req.query.deep !== '1') return body(await cached());
      try {
        await database.db.execute(sql`select 1`);
        return body(await migrationState(database));
      } catch {
        return reply.code(503).send(body(await cached(), false));
      }
    },
  });
}
