// A raw HTTP client over node:http: exact bytes on the wire (invalid UTF-8, NUL, odd content types),
// bodies streamed from a generator, and the answer read even when the server stops reading early.
import http from 'node:http';
import net from 'node:net';
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
  stream?: Iterable<Buffer> | AsyncIterable<Buffer>;
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

    if (options.stream) return streamed(url, method, path, headers, options.stream, options.timeoutMs ?? 60_000);
    return new Promise((resolve, reject) => {
      const req = http.request({ host: url.hostname, port: url.port, method, path, headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(reply(res.statusCode ?? 0, res.headers, Buffer.concat(chunks).toString('utf8'))));
        res.on('error', reject);
      });
      req.setTimeout(options.timeoutMs ?? 60_000, () => req.destroy(new Error(`${method} ${path}: no answer within ${options.timeoutMs ?? 60_000} ms`)));
      req.on('error', reject);
      req.end(body);
    });
  }
}

/**
 * A chunked upload over a bare socket. The answer is read while the body is still being written, and
 * writing stops once it arrives; a server that answers and closes mid-upload (as it may for a body it
 * refuses) still has its answer read, which an HTTP client library would drop on the write error.
 */
function streamed(url: URL, method: string, path: string, headers: Record<string, string>, stream: Iterable<Buffer> | AsyncIterable<Buffer>, timeoutMs: number): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: url.hostname, port: Number(url.port) });
    const received: Buffer[] = [];
    let done = false;
    const finish = (err?: Error) => {
      if (done) return;
      const closed = !!err || socket.destroyed;
      const parsed = parseResponse(Buffer.concat(received), closed);
      if (!parsed && !closed) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      if (parsed) resolve(parsed);
      else reject(err ?? new Error(`${method} ${path}: the connection closed without an answer`));
    };
    const timer = setTimeout(() => finish(new Error(`${method} ${path}: no answer within ${timeoutMs} ms`)), timeoutMs);
    socket.on('data', (c: Buffer) => {
      received.push(c);
      finish();
    });
    socket.on('error', (err) => setTimeout(() => finish(err), 50));
    socket.on('close', () => finish());
    const head = [`${method} ${path} HTTP/1.1`, `host: ${url.host}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), '', ''].join('\r\n');
    socket.write(head);
    void (async () => {
      for await (const chunk of stream) {
        if (done || socket.destroyed || received.length > 0) return;
        const ok = socket.write(Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]));
        if (!ok) await new Promise<void>((r) => { socket.once('drain', r); socket.once('close', r); });
      }
      if (!socket.destroyed) socket.write('0\r\n\r\n');
    })().catch(() => undefined);
  });
}

/** A complete HTTP/1.1 response in `buf` (content-length, chunked, or up to the close), or null while incomplete. */
function parseResponse(buf: Buffer, closed: boolean): RawReply | null {
  const end = buf.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const lines = buf.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '')?.[1] ?? 0);
  const headers: http.IncomingHttpHeaders = {};
  const cookies: string[] = [];
  for (const line of lines.slice(1)) {
    const i = line.indexOf(':');
    const k = line.slice(0, i).trim().toLowerCase();
    const v = line.slice(i + 1).trim();
    if (k === 'set-cookie') cookies.push(v);
    else headers[k] = v;
  }
  if (cookies.length) headers['set-cookie'] = cookies;
  let rest = buf.subarray(end + 4);
  if (headers['content-length'] !== undefined) {
    const n = Number(headers['content-length']);
    if (rest.length < n) return null;
    return reply(status, headers, rest.subarray(0, n).toString('utf8'));
  }
  if (/chunked/i.test(String(headers['transfer-encoding'] ?? ''))) {
    const parts: Buffer[] = [];
    for (;;) {
      const eol = rest.indexOf('\r\n');
      if (eol < 0) return null;
      const size = parseInt(rest.subarray(0, eol).toString('latin1'), 16);
      if (size === 0) return reply(status, headers, Buffer.concat(parts).toString('utf8'));
      if (rest.length < eol + 2 + size + 2) return null;
      parts.push(rest.subarray(eol + 2, eol + 2 + size));
      rest = rest.subarray(eol + 2 + size + 2);
    }
  }
  // Neither length nor chunks: the body runs to the end of the connection.
  return closed ? reply(status, headers, rest.toString('utf8')) : null;
}

/** `total` bytes in 64 KiB chunks of one reused buffer, starting with `head`: never the whole body in memory. */
export function* bigBody(total: number, head = '', fill = 'x'): Generator<Buffer> {
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
