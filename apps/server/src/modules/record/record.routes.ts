import { listOf, RecordEntrySchema, RecordExportSchema, VerifyReportSchema } from '@qiao/contracts';
import { z } from 'zod';
import type { App, Services } from '../../http.ts';

const signedIn = { signedIn: true } as const;
const tags = ['record'];

export function recordRoutes(app: App, { record }: Services): void {
  app.get('/api/record', {
    config: { access: signedIn },
    schema: { tags, summary: 'Entries of the hash-chained record in order, optionally one group’s', querystring: z.object({ groupId: z.string().uuid().optional() }), response: { 200: listOf(RecordEntrySchema) } },
    handler: async (req) => ({ items: await record.entries(req.query.groupId) }),
  });

  app.get('/api/record/verify', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: 'Recompute the whole chain and report ok or the first broken entry and why',
      description: 'contentHash = SHA-256(canonicalJson(content)); hash = SHA-256(prevHash + contentHash + String(seq) + recordedAt); the first prevHash is 64 zeros.',
      response: { 200: VerifyReportSchema },
    },
    handler: () => record.verify(),
  });

  app.get('/api/record/export', {
    config: { access: signedIn },
    schema: { tags, summary: 'The whole record as one self-contained JSON file, verifiable offline with `qiao record verify --file`', response: { 200: RecordExportSchema } },
    handler: async (_req, reply) => {
      const body = await record.export();
      return reply.header('content-disposition', `attachment; filename="qiao-record-${body.exportedAt.slice(0, 10)}.json"`).send(body);
    },
  });
}
