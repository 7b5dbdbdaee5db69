import { LiveQuerySchema, type LiveEvent } from '@qiao/contracts';
import type { ServerResponse } from 'node:http';
import type { App, Services } from '../../http.ts';
import { validationFailed } from '../../errors.ts';
import { requireAuth } from '../../plugins/access.ts';
import { userChannel } from './live.bus.ts';

export interface LiveOptions {
  /** A comment line every this many ms keeps proxies from closing an idle stream. */
  heartbeatMs: number;
}

/**
 * Server-sent events: `GET /api/live?objects=round:<id>,project:<id>` streams the caller's own notices
 * (`user` events) and changes to the named objects. Events carry no content, only what changed; the
 * page refetches through the ordinary, access-checked API, so a stream reveals nothing a reader could
 * not already see. The reply is taken over from Fastify (no serialisation, no body hooks), so the
 * security headers are copied onto it here and the lingering close never touches it.
 */
export function liveRoutes(app: App, { live }: Services, options: LiveOptions): void {
  const open = new Set<ServerResponse>();
  // Streams never end on their own: end them when the server closes, or close would wait forever.
  app.addHook('preClose', (done) => {
    for (const res of open) res.end();
    open.clear();
    done();
  });

  app.get('/api/live', {
    config: { access: { signedIn: true } },
    schema: { tags: ['notifications'], summary: 'Server-sent events: my notices and changes to the objects named in `objects`', querystring: LiveQuerySchema },
    handler: (req, reply) => {
      const { user } = requireAuth(req);
      // EventSource always asks for a stream; anything else would hold a connection it never reads.
      if (!/\btext\/event-stream\b/.test(req.headers.accept ?? '')) throw validationFailed('accept: this address streams server-sent events; ask for text/event-stream');
      const channels = [userChannel(user.id), ...(req.query.objects?.split(',') ?? [])];
      const res = reply.raw;
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) headers[name] = String(value);
      reply.hijack();
      res.writeHead(200, {
        ...headers,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        // Tells nginx-style proxies not to buffer the stream.
        'x-accel-buffering': 'no',
      });
      res.write('retry: 3000\n: connected\n\n');
      const send = (event: LiveEvent) => {
        res.write(`event: ${event.channel.startsWith('user:') ? 'user' : 'object'}\ndata: ${JSON.stringify(event)}\n\n`);
      };
      const unsubscribe = live.subscribe(channels, send);
      const heartbeat = setInterval(() => res.write(': ping\n\n'), options.heartbeatMs);
      open.add(res);
      const end = () => {
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(res);
      };
      req.raw.on('close', end);
      res.on('close', end);
    },
  });
}
