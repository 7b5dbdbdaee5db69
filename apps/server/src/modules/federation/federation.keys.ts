import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface NodeKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The raw 32-byte public key in base64: what the peer sets as QIAO_PEER_PUBLIC_KEY. */
  publicKeyBase64: string;
}

const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function rawPublicKey(key: KeyObject): Buffer {
  return key.export({ format: 'der', type: 'spki' }).subarray(SPKI_ED25519_PREFIX.length);
}

/** A KeyObject for a raw 32-byte Ed25519 public key. */
export function publicKeyFromRaw(raw: Buffer): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: 'der', type: 'spki' });
}

export function nodeKeyFrom(privateKey: KeyObject): NodeKey {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`the node key must be Ed25519, not ${privateKey.asymmetricKeyType ?? 'unknown'}`);
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, publicKeyBase64: rawPublicKey(publicKey).toString('base64') };
}

/**
 * This node's Ed25519 key: read from `file`, or generated and written there (mode 0600) the first time.
 * A file that exists but is not an Ed25519 private key is an error, never overwritten.
 */
export function loadOrCreateNodeKey(file: string): NodeKey {
  if (existsSync(file)) {
    let key: KeyObject;
    try {
      key = createPrivateKey(readFileSync(file, 'utf8'));
    } catch (err: unknown) {
      throw new Error(`the node key file ${file} is not a PEM private key: ${err instanceof Error ? err.message : String(err)}`);
    }
    return nodeKeyFrom(key);
  }
  const { privateKey } = generateKeyPairSync('ed25519');
  mkdirSync(path.dirname(file), { recursive: true });
  // wx: never replace a key another process wrote a moment ago.
  writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return nodeKeyFrom(privateKey);
}
