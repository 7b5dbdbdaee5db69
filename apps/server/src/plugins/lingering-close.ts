import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';

/** How long a refused upload may keep sending after its answer before the connection is cut. */
const LINGER_MS = 2_000;

/**
 * A body refused before it was read (too large, wrong type) leaves the client still sending. Node closes
 * such a connection as soon as the answer is written, and closing a socket with unread bytes makes the
 * kernel send a reset, which can destroy the 413 before the client has read it: the client sees a
 * dropped connection instead of the reason. So the connection is closed the way web servers do it (a
 * lingering close): the answer goes out with `Connection: close`, then only our sending side is shut
 * (FIN after the answer) while what the client still sends is read and dropped, and the socket is cut
 * after LINGER_MS whatever the client does. Memory stays flat: discarded chunks are never kept.
 */
export function registerLingeringClose(app: FastifyInstance): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    if (reply.statusCode >= 400 && !request.raw.complete && linger(request.raw, reply.raw)) reply.header('connection', 'close');
    done(null, payload);
  });
}

/** Arranges the lingering close; false when the request has no network socket (an injected request). */
function linger(req: IncomingMessage, res: ServerResponse): boolean {
  // A request whose stream a handler destroyed has let go of its socket; the response still holds it.
  const socket = (res.socket ?? req.socket) as Partial<Socket> | null;
  if (!socket || socket.destroyed || typeof socket.destroy !== 'function' || typeof socket.end !== 'function' || typeof socket.once !== 'function') return false;
  const cut = setTimeout(() => socket.destroy?.(), LINGER_MS);
  cut.unref();
  socket.once('close', () => clearTimeout(cut));
  // Node ends a `Connection: close` exchange with destroySoon(), which destroys the socket once the
  // answer is written; for this socket it only half-closes, and the timer (or the client) ends it.
  socket.destroySoon = () => {
    socket.end?.();
  };
  // Flowing with no reader: what arrives is dropped as it comes (on the socket itself when the request
  // stream was destroyed and no longer reads it).
  req.resume();
  if (req.destroyed) socket.resume?.();
  return true;
}
