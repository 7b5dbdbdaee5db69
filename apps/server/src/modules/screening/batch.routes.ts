import { BatchCreateQuerySchema, BatchJobSchema, BatchListSchema, BatchResultsQuerySchema, BatchResultsSchema } from '@qiao/contracts';
import { Readable } from 'node:stream';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App, Services } from '../../http.ts';
import { requireAuth } from '../../plugins/access.ts';

const IdParams = z.object({ id: z.string().uuid() });
const signedIn = { signedIn: true } as const;
const tags = ['screening'];

export function batchRoutes(app: App, { screening, config }: Services): void {
  // The CSV arrives as text/csv with its own size limit; the parser is scoped to this route.
  void app.register((scoped, _opts, done) => {
    scoped.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: config.screening.batchMaxBytes }, (_req, body, done) => done(null, body));
    scoped.withTypeProvider<ZodTypeProvider>().post('/api/screening/batch', {
      config: { access: signedIn },
      bodyLimit: config.screening.batchMaxBytes,
      schema: {
        tags,
        summary: 'Start a batch screening from a CSV (text/csv; header with name and optional id, type, country). Bad columns or rows: 400 csv_invalid with every bad line; too large: 413 payload_too_large',
        consumes: ['text/csv'],
        querystring: BatchCreateQuerySchema,
        body: z.string(),
        response: { 202: BatchJobSchema },
      },
      handler: async (req, reply) => reply.code(202).send(await screening.batch.create(requireAuth(req).user, req.body, req.query.threshold, req.query.fileName)),
    });
    done();
  });

  app.get('/api/screening/batches', {
    config: { access: signedIn },
    schema: { tags, summary: "The signed-in user's own batches, newest first (at most 50)", response: { 200: BatchListSchema } },
    handler: async (req) => ({ items: await screening.batch.list(requireAuth(req).user) }),
  });

  app.delete('/api/screening/batch/:id', {
    config: { access: signedIn },
    schema: { tags, summary: 'Delete one of your batches and its results; a running batch: 409 conflict', params: IdParams },
    handler: async (req, reply) => {
      await screening.batch.remove(requireAuth(req).user, req.params.id);
      return reply.code(204).send();
    },
  });

  app.get('/api/screening/batch/:id', {
    config: { access: signedIn },
    schema: { tags, summary: 'Progress of a batch job (poll it for a progress bar)', params: IdParams, response: { 200: BatchJobSchema } },
    handler: (req) => screening.batch.get(requireAuth(req).user, req.params.id),
  });

  app.get('/api/screening/batch/:id/results', {
    config: { access: signedIn },
    schema: { tags, summary: 'Results so far, by input row, a page at a time', params: IdParams, querystring: BatchResultsQuerySchema, response: { 200: BatchResultsSchema } },
    handler: (req) => screening.batch.results(requireAuth(req).user, req.params.id, req.query),
  });

  app.get('/api/screening/batch/:id/results.csv', {
    config: { access: signedIn },
    schema: { tags, summary: 'Results as a CSV download: one line per match, one per row without a match', params: IdParams },
    handler: async (req, reply) => {
      const user = requireAuth(req).user;
      await screening.batch.get(user, req.params.id);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="screening-${req.params.id}.csv"`)
        .send(Readable.from(screening.batch.csv(user, req.params.id)));
    },
  });
}
