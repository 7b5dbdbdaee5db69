// A raw HTTP client over node:http: exact bytes on the wire (invalid UTF-8, NUL, odd content types),
// bodies streamed from a generator, and the answer read even when the server stops reading early.
import http from 'node:http';
import { ErrorBodySchema, type ErrorBody } from '@qiao/contracts';

export interface RawReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  setCookies: string[];
  text: string;
  json<T = unknown>(): T;
  /** The error envelope when the body is one, else null. */
  envelope(): ErrorBody | null;
}

export interface RequestOptions {
  json?: unknown;
  body?: Buffer | string;
  /** Streamed with chunked transfer encoding; the stream stops as soon as the server answers. */
  stream?: AsyncIterable<Buffer>;
  contentType?: string;
  headers?: Record<string, string>;
  /** Milliseconds before the request is abandoned (the test then fails with a timeout error). */
  timeoutMs?: number;
}

function reply(status: number, headers: http.IncomingHttpHeaders, text: string): RawReply {
  return {
    status,
    headers,
    setCookies: headers['set-cookie'] ?? [],
    text,
    json: <T>() => JSON.parse(text) as T,
    envelope() {
      try {
        const parsed = ErrorBodySchema.safeParse(JSON.parse(text));
        return parsed.success ? parsed.data : null;
      } catch {
        return null;
      }
    },
  };
}

export class HttpClient {
  constructor(
    readonly base: string,
    readonly defaults: Record<string, string> = {},
  ) {}

  request(method: string, path: string, options: RequestOptions = {}): Promise<RawReply> {
    const url = new URL(this.base);
    const headers: Record<string, string> = { ...this.defaults, ...options.headers };
    let body: Buffer | undefined;
    if (options.json !== undefined) {
      body = Buffer.from(JSON.stringify(options.json));
      headers['content-type'] ??= 'application/json';
    } else if (options.body !== undefined) {
      body = typeof options.body === 'string' ? Buffer.from(options.body) : options.body;
    }
    if (options.contentType) headers['content-type'] = options.contentType;
    if (body) headers['content-length'] = String(body.length);
    if (options.stream) headers['transfer-encoding'] = 'chunked';

    return new Promise((resolve, reject) => {
      let answered = false;
      const req = http.request({ host: url.hostname, port: url.port, method, path, headers, agent: false }, (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          resolve(reply(res.statusCode ?? 0, res.headers, Buffer.concat(chunks).toString('utf8')));
          req.destroy();
        });
        res.on('error', reject);
      });
      req.setTimeout(options.timeoutMs ?? 60_000, () => req.destroy(new Error(`${method} ${path}: no answer within ${options.timeoutMs ?? 60_000} ms`)));
      // Once the server has answered, a reset while we were still sending is expected, not a failure.
      req.on('error', (err) => {
        if (!answered) reject(err);
      });
      if (options.stream) {
        void pump(req, options.stream, () => answered).catch(() => undefined);
      } else {
        req.end(body);
      }
    });
  }
}

/** Writes the generator's chunks with backpressure until it ends or the server has answered. */
async function pump(req: http.ClientRequest, stream: AsyncIterable<Buffer>, answered: () => boolean): Promise<void> {
  for await (const chunk of stream) {
    if (answered() || req.destroyed) return;
    if (!req.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          req.off('drain', done);
          req.off('close', done);
          resolve();
        };
        req.on('drain', done);
        req.on('close', done);
      });
    }
  }
  if (!req.destroyed) req.end();
}

/** `total` bytes in 64 KiB chunks of one reused buffer, starting with `head`: never the whole body in memory. */
export async function* bigBody(total: number, head = '', fill = 'x'): AsyncGenerator<Buffer> {
  const chunk = Buffer.alloc(64 * 1024, fill);
  let sent = 0;
  if (head) {
    const h = Buffer.from(head);
    sent += h.length;
    yield h;
  }
  while (sent < total) {
    const n = Math.min(chunk.length, total - sent);
    sent += n;
    yield n === chunk.length ? chunk : chunk.subarray(0, n);
  }
}
