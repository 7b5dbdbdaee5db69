// The rival for the upload benchmark: what a quick implementation does — Fastify reads the whole
// body into a Buffer, hashes it and writes it to disk.
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import Fastify from 'fastify';

const app = Fastify({ bodyLimit: 4 * 1024 ** 3 });
app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: 4 * 1024 ** 3 }, (_req, body, done) => done(null, body));
app.put('/upload', async (req) => {
  const body = req.body as Buffer;
  await writeFile(process.env.NAIVE_OUT ?? '/dev/null', body);
  return { sha256: createHash('sha256').update(body).digest('hex'), size: body.length };
});
const url = await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
process.stdout.write(`listening ${url}\n`);
