import { readFileSync } from 'node:fs';
import path from 'node:path';

export type NodeSide = 'US' | 'CN';

/** This node's place in a two-node federation; null in the config when QIAO_NODE_SIDE is unset. */
export interface FederationConfig {
  side: NodeSide;
  peerSide: NodeSide;
  /** Where this node's Ed25519 private key is kept (PKCS#8 PEM, created on first start when missing). */
  keyFile: string;
  /** The peer node, or null while only this node's identity is set up. */
  peer: { url: string; publicKey: Buffer } | null;
  /** Milliseconds between pulls of the peer's log; 0: no background pulls. */
  pullMs: number;
}

const SIDES: readonly NodeSide[] = ['US', 'CN'];

/** A raw 32-byte Ed25519 public key from base64 (standard or URL-safe), or null when it is not one. */
export function decodeRawPublicKey(text: string): Buffer | null {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/_-]{42,44}={0,2}$/.test(trimmed)) return null;
  const raw = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return raw.length === 32 ? raw : null;
}

/**
 * Reads the QIAO_NODE_* and QIAO_PEER_* settings. Returns the problems (one line each, naming the
 * variable) or the configuration; without QIAO_NODE_SIDE and the others unset, federation is off (null).
 */
export function parseFederationEnv(env: Record<string, string | undefined>, dataDir: string): { problems: string[]; federation: FederationConfig | null } {
  const side = env.QIAO_NODE_SIDE?.trim() || undefined;
  const keyFile = env.QIAO_NODE_KEY_FILE?.trim() || undefined;
  const peerUrl = env.QIAO_PEER_URL?.trim() || undefined;
  const peerKey = env.QIAO_PEER_PUBLIC_KEY?.trim() || undefined;
  const pullMs = env.QIAO_FEDERATION_PULL_MS?.trim() || '10000';
  const problems: string[] = [];
  if (!side) {
    if (keyFile || peerUrl || peerKey) problems.push('  QIAO_NODE_SIDE: required (US or CN) when QIAO_NODE_KEY_FILE, QIAO_PEER_URL or QIAO_PEER_PUBLIC_KEY is set');
    return { problems, federation: null };
  }
  if (!SIDES.includes(side as NodeSide)) problems.push(`  QIAO_NODE_SIDE: must be US or CN, got "${side}"`);
  if (!!peerUrl !== !!peerKey) problems.push('  QIAO_PEER_URL, QIAO_PEER_PUBLIC_KEY: give both or neither');
  if (peerUrl) {
    let ok = false;
    try {
      ok = ['http:', 'https:'].includes(new URL(peerUrl).protocol);
    } catch {
      ok = false;
    }
    if (!ok) problems.push(`  QIAO_PEER_URL: must be an http:// or https:// URL, got "${peerUrl}"`);
  }
  if (!/^\d{1,7}$/.test(pullMs) || (Number(pullMs) !== 0 && Number(pullMs) < 100)) problems.push(`  QIAO_FEDERATION_PULL_MS: must be 0 (no background pulls) or 100-9999999 milliseconds, got "${pullMs}"`);
  let publicKey: Buffer | null = null;
  if (peerKey) {
    publicKey = decodeRawPublicKey(peerKey);
    if (!publicKey) {
      // Not a key itself: a file holding one.
      let text: string | null = null;
      try {
        text = readFileSync(path.resolve(peerKey), 'utf8');
      } catch {
        text = null;
      }
      publicKey = text === null ? null : decodeRawPublicKey(text);
      if (text === null) problems.push('  QIAO_PEER_PUBLIC_KEY: neither a base64 Ed25519 public key (32 bytes) nor a readable file');
      else if (!publicKey) problems.push(`  QIAO_PEER_PUBLIC_KEY: the file ${peerKey} does not hold a base64 Ed25519 public key (32 bytes)`);
    }
  }
  if (problems.length) return { problems, federation: null };
  const own = side as NodeSide;
  return {
    problems,
    federation: {
      side: own,
      peerSide: own === 'US' ? 'CN' : 'US',
      keyFile: keyFile ? path.resolve(keyFile) : path.join(dataDir, 'node-key.pem'),
      peer: peerUrl && publicKey ? { url: peerUrl.replace(/\/$/, ''), publicKey } : null,
      pullMs: Number(pullMs),
    },
  };
}
