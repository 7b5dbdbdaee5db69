import fastifyMultipart from '@fastify/multipart';
import { AllowShrinkFlagSchema, ListDiffQuerySchema, ListDiffSchema, ListImportQuerySchema, ListImportResultSchema, ListRecordQuerySchema, ListRecordSchema, ListUpdateQuerySchema, ListVersionSchema, listOf } from '@qiao/contracts';
import type { ListFile } from '@qiao/screening';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, validationFailed } from '../../errors.ts';
import type { App, Services } from '../../http.ts';
import { readCacheOf, sendCached } from '../../cache/read-cache.ts';
import { requireAuth } from '../../plugins/access.ts';

const ListParams = z.object({ listId: z.string().min(1).max(100) });
const signedIn = { signedIn: true } as const;
const admin = { roles: ['admin'] } as const;

const tooLarge = (limit: number) => new AppError(413, 'payload_too_large', `the upload is larger than ${limit} bytes (QIAO_LIST_UPLOAD_MAX_BYTES); nothing was imported`);

interface Upload {
  files: ListFile[];
  /** An `allowShrink` form field (multipart); the query string can say it too. */
  allowShrink: boolean;
}

/**
 * Every file part of a multipart form, read while counting: the limit bounds all files of the upload
 * together, and reading stops at the first byte past it (nothing is imported then).
 */
async function multipartUpload(req: FastifyRequest, limit: number): Promise<Upload> {
  const files: ListFile[] = [];
  let allowShrink = false;
  let total = 0;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'field') {
        if (part.fieldname === 'allowShrink') {
          const flag = AllowShrinkFlagSchema.safeParse(part.value);
          if (!flag.success) throw validationFailed('allowShrink: must be true or false');
          allowShrink = flag.data;
        }
        continue;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of part.file as AsyncIterable<Buffer>) {
        total += chunk.length;
        if (total > limit) throw tooLarge(limit);
        chunks.push(chunk);
      }
      files.push({ path: part.filename, contents: Buffer.concat(chunks) });
    }
  } catch (err: unknown) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(limit);
    // Whatever else the form parser refuses (a form cut short, a broken part header, too many parts)
    // is the client's malformed form, not a fault of the server.
    throw validationFailed(`file: the multipart form could not be read (${err instanceof Error ? err.message : 'malformed'}); nothing was imported`);
  }
  if (files.length === 0) throw validationFailed('files: the form has no file');
  return { files, allowShrink };
}

/** Files of an upload: every file part of a multipart form, or one raw body named by `?filename=`. */
async function uploadedFiles(req: FastifyRequest, filename: string | undefined, limit: number): Promise<Upload> {
  if (req.isMultipart()) return multipartUpload(req, limit);
  if (!filename) throw validationFailed('filename: required with a raw (non-multipart) upload');
  const body = req.body;
  if (!Buffer.isBuffer(body) && typeof body !== 'string') throw validationFailed('body: send the file as application/octet-stream or multipart/form-data');
  return { files: [{ path: filename, contents: typeof body === 'string' ? body : new Uint8Array(body) }], allowShrink: false };
}

export function listRoutes(app: App, { screening, config, database }: Services): void {
  const limit = config.screening.listUploadMaxBytes;

  app.get('/api/screening/lists', {
    config: { access: signedIn },
    schema: { tags: ['screening'], summary: 'The list versions in force, one per list', response: { 200: listOf(ListVersionSchema) } },
    handler: async (req, reply) => sendCached(req, reply, await readCacheOf(database.db).get('lists', ['lists'], listOf(ListVersionSchema), async () => ({ items: await screening.lists.current() })), false),
  });

  app.get('/api/screening/lists/:listId/versions', {
    config: { access: signedIn },
    schema: { tags: ['screening'], summary: 'Every imported version of a list, newest first', params: ListParams, response: { 200: listOf(ListVersionSchema) } },
    handler: async (req) => ({ items: await screening.lists.versions(req.params.listId) }),
  });

  app.get('/api/screening/lists/:listId/diff', {
    config: { access: signedIn },
    schema: { tags: ['screening'], summary: 'Records added, removed and changed between two versions (default: the newest against the one before)', params: ListParams, querystring: ListDiffQuerySchema, response: { 200: ListDiffSchema } },
    handler: (req) => screening.lists.diff(req.params.listId, req.query),
  });

  app.get('/api/screening/lists/:listId/records', {
    config: { access: signedIn },
    schema: {
      tags: ['screening'],
      summary: 'Records of a version (default: in force), filtered by name, alias or record id',
      params: ListParams,
      querystring: ListRecordQuerySchema,
      response: { 200: z.object({ version: ListVersionSchema, items: z.array(ListRecordSchema) }) },
    },
    handler: (req) => screening.lists.records(req.params.listId, req.query),
  });

  app.post('/api/screening/lists/update', {
    config: { access: admin },
    schema: {
      tags: ['screening'],
      summary: 'Download the official publications (CSL, OFAC, OpenSanctions) and import them; 502 list_download_failed when offline, 409 shrink_not_confirmed when a list would lose more than 10% of its records without allowShrink=true; nothing changed then',
      querystring: ListUpdateQuerySchema,
      response: { 200: ListImportResultSchema },
    },
    handler: (req) => screening.update(requireAuth(req).user, { allowShrink: req.query.allowShrink }),
  });

  // List files arrive as multipart forms or raw bytes, not JSON: their own parsers and size limit.
  void app.register(async (scoped) => {
    // One byte past the limit, so the counter below trips (and answers 413) before the parser truncates the file.
    await scoped.register(fastifyMultipart, { limits: { fileSize: limit + 1, files: 50, fields: 10, fieldSize: 1024 } });
    scoped.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: limit }, (_req, body, done) => done(null, body));
    scoped.withTypeProvider<ZodTypeProvider>().post('/api/screening/lists/import', {
      config: { access: admin },
      bodyLimit: limit,
      schema: {
        tags: ['screening'],
        summary: 'Import list files as new versions: multipart/form-data with one or more files (an OFAC set together; an index.json descriptor optional), or one file as application/octet-stream with ?filename=. A malformed file returns 400 list_invalid naming the file and line and changes nothing; content equal to the version in force is reported unchanged. QIAO_LIST_UPLOAD_MAX_BYTES bounds all files together (413 payload_too_large). An import that removes more than 10% of the records of a list needs allowShrink=true (query or form field), else 409 shrink_not_confirmed and nothing changes.',
        consumes: ['multipart/form-data', 'application/octet-stream'],
        querystring: ListImportQuerySchema,
        response: { 200: ListImportResultSchema },
      },
      handler: async (req, reply) => {
        const upload = await uploadedFiles(req, req.query.filename, limit).catch((err: unknown) => {
          // The client may still be sending: end the connection after the 413 rather than read the rest.
          if (err instanceof AppError && err.status === 413) void reply.header('connection', 'close');
          throw err;
        });
        const allowShrink = req.query.allowShrink || upload.allowShrink;
        return screening.lists.importFiles(requireAuth(req).user, upload.files, { ...(req.query.side ? { side: req.query.side } : {}), allowShrink });
      },
    });
  });
}
