// Outbound network is an error in tests: any connection to a host other than this machine fails at
// once, so a test that would reach a list publisher cannot pass slowly or flakily.
import net from 'node:net';

const LOCAL = new Set(['localhost', '127.0.0.1', '::1', '0.0.0.0', '']);
// eslint-disable-next-line @typescript-eslint/unbound-method -- re-applied with the socket as `this` below
const original = net.Socket.prototype.connect;

type ConnectArgs = Parameters<typeof original>;

function hostOf(args: unknown[]): string | undefined {
  const first = args[0];
  if (Array.isArray(first)) return hostOf(first as unknown[]);
  if (typeof first === 'object' && first !== null) {
    const o = first as { host?: string; path?: string };
    return o.path ? '' : (o.host ?? 'localhost');
  }
  if (typeof first === 'number') return typeof args[1] === 'string' ? args[1] : 'localhost';
  // A string first argument is a Unix socket path.
  return '';
}

net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: ConnectArgs) {
  const host = hostOf(args);
  if (host !== undefined && !LOCAL.has(host) && !host.startsWith('127.')) {
    throw new Error(`outbound network in tests is not allowed (tried ${host})`);
  }
  return original.apply(this, args);
} as typeof original;
