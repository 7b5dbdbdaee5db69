import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

/** How long a refused upload may keep sending after its answer before the connection is cut. */
const LINGER_MS = 2_000;

/**
 * A body refused before it was read (too large, wrong type) leaves the client still sending. Closing
 * the socket at once, as Fastify asks for, makes the kernel answer the unread bytes with a reset, and
 * a reset can destroy the 413 before the client has read it: the client sees a dropped connection
 * instead of the reason. So the answer goes out on a connection that keeps reading (and discarding)
 * for a short while — a lingering close, as web servers do — and is cut after LINGER_MS whatever the
 * client does. Memory stays flat: discarded chunks are never kept.
 */
export function registerLingeringClose(app: FastifyInstance): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    const raw = request.raw;
    if (reply.statusCode >= 400 && !raw.complete) {
      reply.removeHeader('connection');
      linger(raw);
    }
    done(null, payload);
  });
}

function linger(req: IncomingMessage): void {
  // The socket is already gone, or is not a network socket (an injected request): nothing to linger on.
  const socket = req.socket as Partial<IncomingMessage['socket']> | null;
  if (!socket || socket.destroyed || typeof socket.destroy !== 'function' || typeof socket.once !== 'function') return;
  const cut = setTimeout(() => socket.destroy?.(), LINGER_MS);
  cut.unref();
  req.once('end', () => clearTimeout(cut));
  socket.once?.('close', () => clearTimeout(cut));
  // Flowing with no reader: what arrives is dropped as it comes.
  req.resume();
}
