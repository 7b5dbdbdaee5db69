import { IndicatorCsvImportQuerySchema, IndicatorRevisionSchema, IndicatorSeriesInputSchema, IndicatorSeriesSchema, IndicatorSeriesUpdateSchema, listOf } from '@qiao/contracts';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App, Services } from '../../http.ts';
import { readCacheOf, sendCached } from '../../cache/read-cache.ts';
import { requireAuth } from '../../plugins/access.ts';

const IdParams = z.object({ id: z.string().min(1).max(64) });
const admin = { roles: ['admin'] } as const;
const CSV_LIMIT_BYTES = 2 * 1024 * 1024;

export function indicatorRoutes(app: App, { indicators, database }: Services): void {
  // The same for everyone; computed once and again only after a write to a table the figures count.
  const cache = readCacheOf(database.db);
  const day = () => new Date().toISOString().slice(0, 10);
  app.get('/api/indicators', {
    config: { access: { public: true } },
    schema: { tags: ['indicators'], summary: 'Every indicator series: curated ones with their sources, and live ones computed from the platform (ETag; 304 when unchanged)', response: { 200: listOf(IndicatorSeriesSchema) } },
    handler: async (req, reply) => sendCached(req, reply, await cache.get(`indicators|${day()}`, ['indicators'], listOf(IndicatorSeriesSchema), async () => ({ items: await indicators.list() })), true),
  });

  app.get('/api/indicators/:id', {
    config: { access: { public: true } },
    schema: { tags: ['indicators'], params: IdParams, response: { 200: IndicatorSeriesSchema } },
    handler: async (req, reply) => sendCached(req, reply, await cache.get(`indicator|${day()}|${req.params.id}`, ['indicators'], IndicatorSeriesSchema, () => indicators.get(req.params.id)), true),
  });

  app.get('/api/indicators/:id/values.csv', {
    config: { access: { public: true } },
    schema: { tags: ['indicators'], summary: 'The values as CSV (period,country,value)', params: IdParams },
    handler: async (req, reply) => {
      const csv = await indicators.exportCsv(req.params.id);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${req.params.id}.csv"`).send(csv);
    },
  });

  app.get('/api/indicators/:id/revisions', {
    config: { access: { public: true } },
    schema: { tags: ['indicators'], summary: 'Every earlier version of a curated series, newest first', params: IdParams, response: { 200: listOf(IndicatorRevisionSchema) } },
    handler: async (req) => ({ items: await indicators.revisions(req.params.id) }),
  });

  app.post('/api/indicators', {
    config: { access: admin },
    schema: { tags: ['indicators'], summary: 'Add a curated series', body: IndicatorSeriesInputSchema, response: { 201: IndicatorSeriesSchema } },
    handler: async (req, reply) => reply.code(201).send(await indicators.create(requireAuth(req).user, req.body)),
  });

  app.patch('/api/indicators/:id', {
    config: { access: admin },
    schema: { tags: ['indicators'], summary: 'Edit a curated series (409 conflict if it changed since `version`; 409 shrink_not_confirmed if new values would empty it or remove more than half, without allowShrink)', params: IdParams, body: IndicatorSeriesUpdateSchema, response: { 200: IndicatorSeriesSchema } },
    handler: (req) => indicators.update(requireAuth(req).user, req.params.id, req.body),
  });

  // The CSV parser is scoped to this route so other modules keep their own for the same type.
  void app.register((scoped, _opts, done) => {
    scoped.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: CSV_LIMIT_BYTES }, (_req, body, next) => next(null, body));
    scoped.withTypeProvider<ZodTypeProvider>().put('/api/indicators/:id/values.csv', {
      config: { access: admin },
      schema: {
        tags: ['indicators'],
        summary:
          'Replace the values from a CSV (period,country,value); any bad line rejects the file and reports every bad line. A CSV that would empty the series or remove more than half its values needs allowShrink=true, else 409 shrink_not_confirmed and nothing changes',
        params: IdParams,
        querystring: IndicatorCsvImportQuerySchema,
        body: z.string(),
        response: { 200: IndicatorSeriesSchema },
      },
      handler: (req) => indicators.importCsv(requireAuth(req).user, req.params.id, req.query, req.body),
    });
    done();
  });
}
