import { randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { AppError } from '../../errors.ts';
import { canonicalJson } from './federation.events.ts';
import type { NodeSide } from './federation.config.ts';

/** Signed requests older or newer than this are refused; nonces are remembered at least this long. */
export const MAX_SKEW_MS = 5 * 60 * 1000;

export const HEADERS = { side: 'x-qiao-node-side', timestamp: 'x-qiao-timestamp', nonce: 'x-qiao-nonce', signature: 'x-qiao-signature' } as const;

export const signatureInvalid = (message: string) => new AppError(401, 'federation_signature_invalid', message);
export const timestampSkew = (message: string) => new AppError(401, 'federation_timestamp_skew', message);
export const nonceReplayed = () => new AppError(401, 'federation_nonce_replayed', 'this nonce was already used; sign every request with a fresh one');

export interface SignedRequestParts {
  method: string;
  /** Path and query exactly as sent, e.g. /api/federation/events?after=0&limit=100. */
  path: string;
  side: NodeSide;
  /** Unix time in seconds. */
  timestamp: number;
  nonce: string;
}

export function requestSigningInput(p: SignedRequestParts): Buffer {
  return Buffer.from(`qiao-request/v1\n${canonicalJson({ method: p.method.toUpperCase(), path: p.path, side: p.side, timestamp: p.timestamp, nonce: p.nonce })}`, 'utf8');
}

/** Headers that sign one request with this node's key. */
export function signRequest(method: string, path: string, side: NodeSide, privateKey: KeyObject, now: Date): Record<string, string> {
  const parts = { method, path, side, timestamp: Math.floor(now.getTime() / 1000), nonce: randomBytes(18).toString('base64url') };
  return {
    [HEADERS.side]: side,
    [HEADERS.timestamp]: String(parts.timestamp),
    [HEADERS.nonce]: parts.nonce,
    [HEADERS.signature]: sign(null, requestSigningInput(parts), privateKey).toString('base64'),
  };
}

/**
 * Checks a request's signature against the peer's key and its timestamp against the clock; returns the
 * nonce, which the caller must record once (a second use is a replay). Throws the refusal.
 */
export function checkSignedRequest(
  req: { method: string; url: string; headers: Record<string, string | string[] | undefined> },
  peer: { side: NodeSide; publicKey: KeyObject },
  now: Date,
): string {
  const header = (name: string) => {
    const v = req.headers[name];
    return typeof v === 'string' ? v : undefined;
  };
  const side = header(HEADERS.side);
  const ts = header(HEADERS.timestamp);
  const nonce = header(HEADERS.nonce);
  const signature = header(HEADERS.signature);
  if (!side || !ts || !nonce || !signature) throw signatureInvalid(`a signed request needs the headers ${Object.values(HEADERS).join(', ')}`);
  if (side !== peer.side) throw signatureInvalid(`this node accepts signed requests only from the ${peer.side} node`);
  if (!/^\d{1,12}$/.test(ts)) throw signatureInvalid(`${HEADERS.timestamp} must be Unix seconds`);
  if (!/^[A-Za-z0-9_-]{16,128}$/.test(nonce)) throw signatureInvalid(`${HEADERS.nonce} must be 16-128 URL-safe base64 characters`);
  const input = requestSigningInput({ method: req.method, path: req.url, side: peer.side, timestamp: Number(ts), nonce });
  if (!verify(null, input, peer.publicKey, Buffer.from(signature, 'base64'))) throw signatureInvalid("the signature does not verify with the peer node's key");
  const skew = Math.abs(now.getTime() - Number(ts) * 1000);
  if (skew > MAX_SKEW_MS) throw timestampSkew(`the request was signed ${Math.round(skew / 1000)} s away from this node's clock; at most ${MAX_SKEW_MS / 1000} s is accepted`);
  return nonce;
}
