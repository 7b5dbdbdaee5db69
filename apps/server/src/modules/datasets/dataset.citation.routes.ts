import { CITATION_EXTENSIONS, CITATION_FORMATS, CITATION_MEDIA_TYPES, CitationQuerySchema, CitationTextSchema, listOf, type CitationFormat } from '@qiao/contracts';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, Services } from '../../http.ts';
import { citation } from './dataset.citation.ts';

/** The origin the client used (default port dropped); links in exports point back to the same site. */
function requestOrigin(req: FastifyRequest): string {
  try {
    return new URL(`${req.protocol}://${req.host}`).origin;
  } catch {
    // A Host header that is no host: links stay relative rather than carrying it.
    return '';
  }
}

const fileName = (id: string, format: CitationFormat) => `dataset-${id}.${CITATION_EXTENSIONS[format]}`;

export function datasetCitationRoutes(app: App, { datasets }: Services): void {
  app.get('/api/datasets/:id/citation', {
    // Whoever sees the dataset's metadata may cite it; an unseen dataset is 404, as on its own page.
    config: { access: { public: true } },
    schema: {
      tags: ['datasets'],
      summary: 'The dataset’s citation: DataCite 4.x JSON or XML, BibTeX or RIS (unknown format: 400 validation_failed)',
      params: z.object({ id: z.string().uuid() }),
      querystring: CitationQuerySchema,
    },
    handler: async (req, reply) => {
      const ds = await datasets.get(req.auth?.user ?? null, req.params.id);
      const { format } = req.query;
      return reply
        .type(`${CITATION_MEDIA_TYPES[format]}; charset=utf-8`)
        .header('content-disposition', `inline; filename="${fileName(ds.id, format)}"`)
        .send(citation(ds, format, requestOrigin(req)));
    },
  });

  app.get('/api/datasets/:id/citations', {
    config: { access: { public: true } },
    schema: {
      tags: ['datasets'],
      summary: 'The dataset’s citation in every format at once, as JSON (for a page that shows and copies it)',
      params: z.object({ id: z.string().uuid() }),
      response: { 200: listOf(CitationTextSchema) },
    },
    handler: async (req) => {
      const ds = await datasets.get(req.auth?.user ?? null, req.params.id);
      const origin = requestOrigin(req);
      return { items: CITATION_FORMATS.map((format) => ({ format, mediaType: CITATION_MEDIA_TYPES[format], fileName: fileName(ds.id, format), text: citation(ds, format, origin) })) };
    },
  });
}
