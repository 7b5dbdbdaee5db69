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
  /** The operator's facts the transfer review of people's profiles takes (QIAO_TRANSFER_*). */
  transfer: TransferSettings;
}

export const TRANSFER_EXEMPTIONS = ['contract-with-individual', 'cross-border-hr', 'emergency', 'collected-abroad'] as const;

/** What the exporting side's operator declares for the transfer review of what this node sends. */
export interface TransferSettings {
  /** This node's operator is a critical information infrastructure operator (China's rules). */
  ciio: boolean;
  /** A 2024 Provisions exemption the operator relies on for personal information sent to the peer. */
  exemption?: (typeof TRANSFER_EXEMPTIONS)[number];
  /** Conditions (policy ids) the operator records as in place, e.g. `cn-cac-security-assessment`. */
  mechanisms: string[];
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
  const ciio = env.QIAO_TRANSFER_CIIO?.trim().toLowerCase() || 'false';
  const exemption = env.QIAO_TRANSFER_EXEMPTION?.trim() || undefined;
  const mechanisms = (env.QIAO_TRANSFER_MECHANISMS ?? '').split(',').map((m) => m.trim()).filter(Boolean);
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
  if (!['true', 'false', '1', '0'].includes(ciio)) problems.push(`  QIAO_TRANSFER_CIIO: must be true or false, got "${ciio}"`);
  if (exemption && !(TRANSFER_EXEMPTIONS as readonly string[]).includes(exemption)) problems.push(`  QIAO_TRANSFER_EXEMPTION: must be one of ${TRANSFER_EXEMPTIONS.join(', ')}, got "${exemption}"`);
  const badMechanism = mechanisms.find((m) => !/^(us|cn)-[a-z0-9-]+$/.test(m));
  if (badMechanism) problems.push(`  QIAO_TRANSFER_MECHANISMS: a comma-separated list of condition ids such as cn-cac-security-assessment, got "${badMechanism}"`);
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
      transfer: { ciio: ciio === 'true' || ciio === '1', ...(exemption ? { exemption: exemption as TransferSettings['exemption'] } : {}), mechanisms },
    },
  };
}
