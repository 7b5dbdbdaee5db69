import {
  AccessDecisionInputSchema,
  AccessRequestInputSchema,
  AccessRequestSchema,
  ConditionMetInputSchema,
  CsvPreviewSchema,
  DatasetFieldsSchema,
  DatasetFileNameSchema,
  DatasetInputSchema,
  DatasetListQuerySchema,
  DatasetSchema,
  DatasetVersionSchema,
  DownloadLogEntrySchema,
  FileContentTypeSchema,
  listOf,
  PageQuerySchema,
  RevokeGrantInputSchema,
} from '@qiao/contracts';
import type { Readable } from 'node:stream';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import type { App, Services } from '../../http.ts';
import { readCacheOf, sendCached } from '../../cache/read-cache.ts';
import { pageHeaders } from '../../db/keyset-page.ts';
import { requireAuth } from '../../plugins/access.ts';
import { isPreviewable, previewCsv } from './dataset.preview.ts';

const Id = z.object({ id: z.string().uuid() });
const IdVersion = Id.extend({ n: z.coerce.number().int().min(1) });
const IdVersionName = IdVersion.extend({ name: z.string().min(1).max(200) });
const IdFile = Id.extend({ fileId: z.string().uuid() });
const IdGrant = Id.extend({ grantId: z.string().uuid() });
const RequestId = z.object({ requestId: z.string().uuid() });
const signedIn = { signedIn: true } as const;
const stewards = { roles: ['data_steward', 'admin'] } as const;

const TYPES: Record<string, string> = { csv: 'text/csv', tsv: 'text/tab-separated-values', json: 'application/json', txt: 'text/plain', zip: 'application/zip', nc: 'application/x-netcdf', parquet: 'application/vnd.apache.parquet' };
const typeOf = (name: string) => TYPES[name.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
/** A stored type that could not go out as a header (stored before types were checked) is served as bytes. */
const servedType = (stored: string) => (FileContentTypeSchema.safeParse(stored).success ? stored : 'application/octet-stream');
/** RFC 5987 file name; a half surrogate pair (which encodeURIComponent refuses) becomes U+FFFD. */
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name.replace(/\p{Cs}/gu, '\uFFFD'))}`;
const OCTET_STREAM = /^application\/octet-stream\s*(;|$)/i;

/** `bytes=a-b`, `bytes=a-` or `bytes=-n`; one range only. Null when absent, 'invalid' when unsatisfiable. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | null | 'invalid' {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return 'invalid';
  let start: number;
  let end: number;
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  return start > end || start >= size ? 'invalid' : { start, end };
}

export function datasetRoutes(app: App, { datasets, config, database }: Services): void {
  const catalogue = readCacheOf(database.db, app.log);
  // On PostgreSQL the cache holds a listening connection, which must go back before the pool can end.
  catalogue.start();
  app.addHook('onClose', () => catalogue.close());
  app.get('/api/datasets', {
    config: { access: { public: true } },
    schema: {
      tags: ['datasets'],
      summary: 'Search the catalogue (anyone sees open and embargoed datasets; signed-in users see all); newest change first, a page at a time (`Link` rel="next", `X-Total-Count`)',
      querystring: DatasetListQuerySchema.extend(PageQuerySchema.shape),
      response: { 200: listOf(DatasetSchema) },
    },
    handler: async (req, reply) => {
      const user = req.auth?.user ?? null;
      if (user) {
        const page = await datasets.page(user, req.query);
        reply.headers(pageHeaders(req.url, page));
        return { items: page.items };
      }
      // The public catalogue is the same for every visitor: cached per query until a dataset changes.
      const key = `datasets|${new Date().toISOString().slice(0, 10)}|${JSON.stringify(req.query)}`;
      const cached = await catalogue.get(key, ['datasets'], listOf(DatasetSchema), () => datasets.page(null, req.query), (page) => pageHeaders(req.url, page));
      return sendCached(req, reply, cached, true);
    },
  });

  app.get('/api/datasets/:id', {
    config: { access: { public: true } },
    schema: { tags: ['datasets'], params: Id, response: { 200: DatasetSchema } },
    handler: (req) => datasets.get(req.auth?.user ?? null, req.params.id),
  });

  app.post('/api/datasets', {
    config: { access: stewards },
    schema: { tags: ['datasets'], summary: 'Publish a dataset description (a data steward of its side); creates draft version 1', body: DatasetInputSchema, response: { 201: DatasetSchema } },
    handler: async (req, reply) => reply.code(201).send(await datasets.create(requireAuth(req).user, req.body)),
  });

  app.patch('/api/datasets/:id', {
    config: { access: stewards },
    schema: {
      tags: ['datasets'],
      summary: 'Edit metadata or access level (409 conflict if it changed since `version`)',
      params: Id,
      body: z.object({ version: z.number().int().min(1) }).and(z.record(z.string(), z.unknown())),
      response: { 200: DatasetSchema },
    },
    handler: (req) => {
      const { version, ...rest } = req.body;
      // Partial metadata is checked field by field with the creation schema's own rules; only the
      // fields sent are applied, so defaults never overwrite stored values.
      const patch = DatasetFieldsSchema.partial().strict().safeParse(rest);
      if (!patch.success) {
        const issue = patch.error.issues[0];
        throw new AppError(400, 'validation_failed', `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
      }
      const sent = Object.fromEntries(Object.entries(patch.data).filter(([k]) => k in rest));
      return datasets.update(requireAuth(req).user, req.params.id, { ...sent, version });
    },
  });

  app.get('/api/datasets/:id/versions', {
    config: { access: { public: true } },
    schema: { tags: ['datasets'], summary: 'Published versions with their files and SHA-256 (stewards also see the draft)', params: Id, response: { 200: listOf(DatasetVersionSchema) } },
    handler: async (req) => ({ items: await datasets.versions(req.auth?.user ?? null, req.params.id) }),
  });

  app.post('/api/datasets/:id/versions', {
    config: { access: stewards },
    schema: { tags: ['datasets'], summary: 'Start a new draft version holding the latest files', params: Id, body: z.object({ note: z.string().trim().max(2000).default('') }), response: { 201: listOf(DatasetVersionSchema) } },
    handler: async (req, reply) => reply.code(201).send({ items: await datasets.newVersion(requireAuth(req).user, req.params.id, req.body.note) }),
  });

  app.post('/api/datasets/:id/versions/:n/publish', {
    config: { access: stewards },
    schema: { tags: ['datasets'], summary: 'Publish a draft version; it never changes afterwards', params: IdVersion, response: { 200: listOf(DatasetVersionSchema) } },
    handler: async (req) => ({ items: await datasets.publish(requireAuth(req).user, req.params.id, req.params.n) }),
  });

  // Uploads arrive as a raw stream and go straight to disk: the body is never buffered in memory.
  // This route has one parser for every type: it refuses anything but octet-stream, and any declared
  // length over the limit, before a byte is read; the store enforces the limit again while streaming.
  void app.register((scoped, _opts, done) => {
    scoped.removeAllContentTypeParsers();
    scoped.addContentTypeParser('*', (req, payload, next) => {
      if (!OCTET_STREAM.test(req.headers['content-type'] ?? '')) return next(new AppError(415, 'unsupported_media_type', 'send the file as application/octet-stream'));
      if (Number(req.headers['content-length'] ?? 0) > config.uploadMaxBytes) return next(new AppError(413, 'payload_too_large', `the file is larger than the limit of ${config.uploadMaxBytes} bytes`));
      next(null, payload);
    });
    // A refused body is left unread: plugins/lingering-close.ts delivers the answer, then cuts the connection.
    scoped.withTypeProvider<ZodTypeProvider>().put('/api/datasets/:id/versions/:n/files/:name', {
      config: { access: stewards },
      bodyLimit: config.uploadMaxBytes,
      schema: {
        tags: ['datasets'],
        summary: 'Upload a file into a draft version (raw body, application/octet-stream); its SHA-256 is recorded',
        params: IdVersion.extend({ name: DatasetFileNameSchema }),
        querystring: z.object({ contentType: FileContentTypeSchema.optional() }),
        response: { 200: listOf(DatasetVersionSchema) },
      },
      handler: async (req) => {
        const name = req.params.name;
        return { items: await datasets.upload(requireAuth(req).user, req.params.id, req.params.n, name, req.query.contentType ?? typeOf(name), req.body as Readable) };
      },
    });
    done();
  });

  app.delete('/api/datasets/:id/versions/:n/files/:name', {
    config: { access: stewards },
    schema: { tags: ['datasets'], summary: 'Remove a file from a draft version', params: IdVersionName, response: { 200: listOf(DatasetVersionSchema) } },
    handler: async (req) => ({ items: await datasets.removeFile(requireAuth(req).user, req.params.id, req.params.n, req.params.name) }),
  });

  app.get('/api/datasets/:id/files/:fileId', {
    config: { access: { public: true } },
    schema: { tags: ['datasets'], summary: 'Download a file (HTTP Range supported); every download is logged', params: IdFile },
    handler: async (req, reply) => {
      const user = req.auth?.user ?? null;
      const { ds, file, version } = await datasets.readable(user, req.params.id, req.params.fileId);
      const range = parseRange(req.headers.range, file.size);
      if (range === 'invalid') return reply.code(416).header('content-range', `bytes */${file.size}`).send({ error: { id: 'validation_failed', message: 'range: not satisfiable' } });
      const bytes = range ? range.end - range.start + 1 : file.size;
      await datasets.logDownload(user, ds, file, version, bytes, req.headers.range ?? null);
      reply
        .header('accept-ranges', 'bytes')
        .header('etag', `"${file.sha256}"`)
        .header('x-content-sha256', file.sha256)
        .header('content-length', bytes)
        .header('content-disposition', attachment(file.name))
        .type(servedType(file.contentType));
      if (range) reply.code(206).header('content-range', `bytes ${range.start}-${range.end}/${file.size}`);
      return reply.send(datasets.openBlob(file.sha256, range ?? undefined));
    },
  });

  app.get('/api/datasets/:id/files/:fileId/preview', {
    config: { access: { public: true } },
    schema: {
      tags: ['datasets'],
      summary: 'A page of a CSV/TSV file with the columns a chart can use',
      params: IdFile,
      querystring: z.object({ offset: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(500).default(50) }),
      response: { 200: CsvPreviewSchema },
    },
    handler: async (req) => {
      const { file } = await datasets.readable(req.auth?.user ?? null, req.params.id, req.params.fileId);
      if (!isPreviewable(file.name, file.contentType)) throw new AppError(400, 'validation_failed', 'file: only CSV and TSV files have a preview');
      return previewCsv(datasets.openBlob(file.sha256), /\.tsv$/i.test(file.name) || file.contentType.includes('tab-separated'), req.query.offset, req.query.limit);
    },
  });

  app.get('/api/datasets/:id/downloads', {
    config: { access: stewards },
    schema: { tags: ['datasets'], summary: 'The download log of a dataset (its stewards)', params: Id, response: { 200: listOf(DownloadLogEntrySchema) } },
    handler: async (req) => ({ items: await datasets.downloads(requireAuth(req).user, req.params.id) }),
  });

  app.post('/api/datasets/:id/access-requests', {
    config: { access: signedIn },
    schema: { tags: ['datasets'], summary: 'Ask for access with a stated purpose; a request from another side runs the transfer review', params: Id, body: AccessRequestInputSchema, response: { 201: AccessRequestSchema } },
    handler: async (req, reply) => reply.code(201).send(await datasets.requestAccess(requireAuth(req).user, req.params.id, req.body.purpose)),
  });

  app.get('/api/datasets/:id/access-requests', {
    config: { access: stewards },
    schema: { tags: ['datasets'], summary: 'Access requests for a dataset (its stewards)', params: Id, response: { 200: listOf(AccessRequestSchema) } },
    handler: async (req) => ({ items: await datasets.requestsForDataset(requireAuth(req).user, req.params.id) }),
  });

  app.get('/api/access-requests/mine', {
    config: { access: signedIn },
    schema: { tags: ['datasets'], summary: 'My access requests', response: { 200: listOf(AccessRequestSchema) } },
    handler: async (req) => ({ items: await datasets.myRequests(requireAuth(req).user) }),
  });

  app.post('/api/access-requests/:requestId/conditions/:conditionId', {
    config: { access: stewards },
    schema: { tags: ['datasets'], summary: 'Record a transfer condition as met (or not)', params: RequestId.extend({ conditionId: z.string().min(1).max(100) }), body: ConditionMetInputSchema, response: { 200: AccessRequestSchema } },
    handler: (req) => datasets.setCondition(requireAuth(req).user, req.params.requestId, req.params.conditionId, req.body.met, req.body.note),
  });

  app.post('/api/datasets/:id/grants/:grantId/revoke', {
    config: { access: stewards },
    schema: { tags: ['datasets'], summary: 'Revoke a grant (a steward of the dataset’s side); the grantee’s next download answers 403 access_revoked', params: IdGrant, body: RevokeGrantInputSchema, response: { 200: AccessRequestSchema } },
    handler: (req) => datasets.revokeGrant(requireAuth(req).user, req.params.id, req.params.grantId, req.body.note),
  });

  app.post('/api/access-requests/:requestId/decision', {
    config: { access: stewards },
    schema: { tags: ['datasets'], summary: 'Grant (every condition met, not prohibited) or deny, with a note and optional expiry', params: RequestId, body: AccessDecisionInputSchema, response: { 200: AccessRequestSchema } },
    handler: (req) => datasets.decide(requireAuth(req).user, req.params.requestId, req.body),
  });
}
