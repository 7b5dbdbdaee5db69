import { CheckpointExportSchema, listOf, RECORD_FORMULA, RecordCheckpointSchema, RecordEntrySchema, RecordExportSchema, SigningKeysSchema, VerifyReportSchema } from '@qiao/contracts';
import { z } from 'zod';
import type { App, Services } from '../../http.ts';
import { requireAuth } from '../../plugins/access.ts';

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
      summary: 'Recompute the whole chain and check every checkpoint; report ok or the first break and the first checkpoint that does not hold',
      description: `${RECORD_FORMULA}. The first prevHash is 64 zeros. Each checkpoint's signatures are checked with the stored public keys, and the entry at its sequence number must carry the signed head hash.`,
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

  app.get('/api/record/checkpoints', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: 'The signed checkpoints of one working group (its co-chairs and admins)',
      querystring: z.object({ groupId: z.string().uuid() }),
      response: { 200: listOf(RecordCheckpointSchema) },
    },
    handler: async (req) => ({ items: await record.checkpoints(requireAuth(req).user, req.query.groupId) }),
  });

  app.get('/api/record/checkpoints/:id/export', {
    config: { access: signedIn },
    schema: {
      tags,
      summary: 'One checkpoint as a file to keep, with its signatures and public keys; `qiao record verify --checkpoint FILE` checks a record against it',
      params: z.object({ id: z.string().uuid() }),
      response: { 200: CheckpointExportSchema },
    },
    handler: async (req, reply) => {
      const body = await record.exportCheckpoint(requireAuth(req).user, req.params.id);
      return reply.header('content-disposition', `attachment; filename="qiao-checkpoint-${body.checkpoint.seq}-${body.checkpoint.takenAt.slice(0, 10)}.json"`).send(body);
    },
  });

  app.get('/api/record/keys', {
    config: { access: signedIn },
    schema: { tags, summary: 'The public Ed25519 key of each side that signs checkpoints, as a file to keep and pin', response: { 200: SigningKeysSchema } },
    handler: async (_req, reply) => {
      const body = await record.keys();
      return reply.header('content-disposition', 'attachment; filename="qiao-record-keys.json"').send(body);
    },
  });
}
