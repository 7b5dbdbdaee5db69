import fastifyMultipart from '@fastify/multipart';
import { ListDiffQuerySchema, ListDiffSchema, ListImportQuerySchema, ListImportResultSchema, ListRecordQuerySchema, ListRecordSchema, ListVersionSchema, listOf } from '@qiao/contracts';
import type { ListFile } from '@qiao/screening';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, validationFailed } from '../../errors.ts';
import type { App, Services } from '../../http.ts';
import { requireAuth } from '../../plugins/access.ts';

const ListParams = z.object({ listId: z.string().min(1).max(100) });
const signedIn = { signedIn: true } as const;
const admin = { roles: ['admin'] } as const;

const tooLarge = (limit: number) => new AppError(413, 'payload_too_large', `the upload is larger than ${limit} bytes (QIAO_LIST_UPLOAD_MAX_BYTES); nothing was imported`);

/** Files of an upload: every file part of a multipart form, or one raw body named by `?filename=`. */
async function uploadedFiles(req: FastifyRequest, filename: string | undefined, limit: number): Promise<ListFile[]> {
  if (req.isMultipart()) {
    const files: ListFile[] = [];
    try {
      for await (const part of req.files()) files.push({ path: part.filename, contents: await part.toBuffer() });
    } catch (err: unknown) {
      if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(limit);
      throw err;
    }
    if (files.length === 0) throw validationFailed('files: the form has no file');
    return files;
  }
  if (!filename) throw validationFailed('filename: required with a raw (non-multipart) upload');
  const body = req.body;
  if (!Buffer.isBuffer(body) && typeof body !== 'string') throw validationFailed('body: send the file as application/octet-stream or multipart/form-data');
  return [{ path: filename, contents: typeof body === 'string' ? body : new Uint8Array(body) }];
}

export function listRoutes(app: App, { screening, config }: Services): void {
  const limit = config.screening.listUploadMaxBytes;

  app.get('/api/screening/lists', {
    config: { access: signedIn },
    schema: { tags: ['screening'], summary: 'The list versions in force, one per list', response: { 200: listOf(ListVersionSchema) } },
    handler: async () => ({ items: await screening.lists.current() }),
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
      querystring: ListRecordQuerySchema.extend({ version: z.coerce.number().int().min(1).optional() }),
      response: { 200: z.object({ version: ListVersionSchema, items: z.array(ListRecordSchema) }) },
    },
    handler: (req) => screening.lists.records(req.params.listId, req.query),
  });

  app.post('/api/screening/lists/update', {
    config: { access: admin },
    schema: { tags: ['screening'], summary: 'Download the official publications (CSL, OFAC, OpenSanctions) and import them; 502 list_download_failed when offline, nothing changed', response: { 200: ListImportResultSchema } },
    handler: (req) => screening.update(requireAuth(req).user),
  });

  // List files arrive as multipart forms or raw bytes, not JSON: their own parsers and size limit.
  void app.register(async (scoped) => {
    await scoped.register(fastifyMultipart, { limits: { fileSize: limit, files: 50 } });
    scoped.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: limit }, (_req, body, done) => done(null, body));
    scoped.withTypeProvider<ZodTypeProvider>().post('/api/screening/lists/import', {
      config: { access: admin },
      bodyLimit: limit,
      schema: {
        tags: ['screening'],
        summary: 'Import list files as new versions: multipart/form-data with one or more files (an OFAC set together; an index.json descriptor optional), or one file as application/octet-stream with ?filename=. A malformed file returns 400 list_invalid naming the file and line and changes nothing; content equal to the version in force is reported unchanged.',
        consumes: ['multipart/form-data', 'application/octet-stream'],
        querystring: ListImportQuerySchema,
        response: { 200: ListImportResultSchema },
      },
      handler: async (req) => {
        const files = await uploadedFiles(req, req.query.filename, limit);
        return screening.lists.importFiles(requireAuth(req).user, files, { ...(req.query.side ? { side: req.query.side } : {}) });
      },
    });
  });
}
