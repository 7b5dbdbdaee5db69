import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.ts';
import { parseFederationEnv } from './federation.config.ts';
import { canonicalJson, GENESIS_HASH, sealEvent, verifyPeerEvents, type FederationEvent } from './federation.events.ts';
import { loadOrCreateNodeKey, nodeKeyFrom, publicKeyFromRaw, rawPublicKey } from './federation.keys.ts';
import { checkSignedRequest, signRequest } from './federation.request.ts';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'qiao-fed-'));
const keyPair = () => generateKeyPairSync('ed25519').privateKey;

/** A chain of position/approval events from one node, as its outbound log would hold them. */
function chain(origin: 'US' | 'CN', key: KeyObject, payloads: { objectType: 'position' | 'minutes_approval'; side: string }[]): FederationEvent[] {
  const out: FederationEvent[] = [];
  let prevHash = GENESIS_HASH;
  payloads.forEach((p, i) => {
    const op = p.objectType === 'position' ? 'put' : 'approve';
    const e = sealEvent({ origin, seq: i + 1, objectType: p.objectType, objectId: `obj-${i}:${p.side}`, op, payload: { side: p.side, text: { en: `view ${i}`, zh: `观点 ${i}` } }, prevHash }, key);
    out.push(e);
    prevHash = e.hash;
  });
  return out;
}

describe('node identity', () => {
  it('generates the key pair on first start with mode 0600 and reads the same key afterwards', () => {
    const file = path.join(tmp(), 'data', 'node-key.pem');
    const first = loadOrCreateNodeKey(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = loadOrCreateNodeKey(file);
    expect(again.publicKeyBase64).toBe(first.publicKeyBase64);
    expect(Buffer.from(first.publicKeyBase64, 'base64')).toHaveLength(32);
    expect(rawPublicKey(publicKeyFromRaw(Buffer.from(first.publicKeyBase64, 'base64'))).toString('base64')).toBe(first.publicKeyBase64);
  });

  it('refuses a key file that is not an Ed25519 private key and leaves it alone', () => {
    const file = path.join(tmp(), 'node-key.pem');
    writeFileSync(file, 'not a key');
    expect(() => loadOrCreateNodeKey(file)).toThrow(/not a PEM private key/);
    expect(readFileSync(file, 'utf8')).toBe('not a key');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    expect(() => nodeKeyFrom(rsa)).toThrow(/must be Ed25519/);
  });

  it('is off without QIAO_NODE_SIDE, and says which setting is wrong', () => {
    expect(loadConfig({ QIAO_DATA_DIR: '/d' }).federation).toBeNull();
    expect(() => loadConfig({ QIAO_DATA_DIR: '/d', QIAO_PEER_URL: 'http://peer' })).toThrow(/QIAO_NODE_SIDE: required/);
    expect(() => loadConfig({ QIAO_DATA_DIR: '/d', QIAO_NODE_SIDE: 'EU' })).toThrow(ConfigError);
    expect(() => loadConfig({ QIAO_DATA_DIR: '/d', QIAO_NODE_SIDE: 'EU' })).toThrow(/QIAO_NODE_SIDE: must be US or CN/);
    expect(() => loadConfig({ QIAO_DATA_DIR: '/d', QIAO_NODE_SIDE: 'US', QIAO_PEER_URL: 'http://peer' })).toThrow(/give both or neither/);
    expect(() => loadConfig({ QIAO_DATA_DIR: '/d', QIAO_NODE_SIDE: 'US', QIAO_PEER_URL: 'ftp://peer', QIAO_PEER_PUBLIC_KEY: 'x' })).toThrow(/QIAO_PEER_URL: must be an http/);
    expect(() => loadConfig({ QIAO_DATA_DIR: '/d', QIAO_NODE_SIDE: 'US', QIAO_PEER_URL: 'http://peer', QIAO_PEER_PUBLIC_KEY: '/no/such/file' })).toThrow(/QIAO_PEER_PUBLIC_KEY: neither a base64/);
    const cfg = loadConfig({ QIAO_DATA_DIR: '/d', QIAO_NODE_SIDE: 'CN' }).federation;
    expect(cfg).toMatchObject({ side: 'CN', peerSide: 'US', keyFile: '/d/node-key.pem', peer: null });
  });

  it('takes the peer key as base64 or from a file', () => {
    const peer = nodeKeyFrom(keyPair());
    const dir = tmp();
    const file = path.join(dir, 'peer.pub');
    writeFileSync(file, `${peer.publicKeyBase64}\n`);
    for (const value of [peer.publicKeyBase64, file]) {
      const { problems, federation } = parseFederationEnv({ QIAO_NODE_SIDE: 'US', QIAO_PEER_URL: 'https://cn.example/', QIAO_PEER_PUBLIC_KEY: value }, dir);
      expect(problems).toEqual([]);
      expect(federation?.peer?.url).toBe('https://cn.example');
      expect(federation?.peer?.publicKey.toString('base64')).toBe(peer.publicKeyBase64);
    }
    writeFileSync(file, 'c2hvcnQ=');
    expect(parseFederationEnv({ QIAO_NODE_SIDE: 'US', QIAO_PEER_URL: 'https://cn.example', QIAO_PEER_PUBLIC_KEY: file }, dir).problems[0]).toMatch(/does not hold a base64 Ed25519 public key/);
  });
});

describe('canonical JSON', () => {
  it('sorts members, writes numbers as ECMAScript does and keeps non-ASCII as is (RFC 8785)', () => {
    expect(canonicalJson({ b: [1e21, 0.1, -0], a: { z: '€', y: 'A\n' } })).toBe('{"a":{"y":"A\\n","z":"€"},"b":[1e+21,0.1,0]}');
    expect(() => canonicalJson(undefined)).toThrow();
  });
});

describe('verifying the peer’s events', () => {
  const cnKey = keyPair();
  const cnPublic = nodeKeyFrom(cnKey).publicKey;
  const opts = { peerSide: 'CN' as const, peerKey: cnPublic, head: { seq: 0, hash: GENESIS_HASH } };

  it('accepts a chained, signed log of CN positions and CN approvals', () => {
    const events = chain('CN', cnKey, [{ objectType: 'position', side: 'CN' }, { objectType: 'minutes_approval', side: 'CN' }, { objectType: 'position', side: 'CN' }]);
    expect(events[1]?.prevHash).toBe(events[0]?.hash);
    expect(verifyPeerEvents(events, opts).map((r) => r.accepted)).toEqual([true, true, true]);
    // And resumes from a head: the third after the second.
    expect(verifyPeerEvents(events.slice(2), { ...opts, head: { seq: 2, hash: events[1]?.hash ?? '' } })[0]?.accepted).toBe(true);
  });

  it('rejects an event forged with the wrong key, and everything after it', () => {
    const forged = chain('CN', keyPair(), [{ objectType: 'position', side: 'CN' }]);
    const genuine = chain('CN', cnKey, [{ objectType: 'position', side: 'CN' }, { objectType: 'position', side: 'CN' }]);
    const results = verifyPeerEvents([forged[0], genuine[1]], opts);
    expect(results).toMatchObject([{ accepted: false, reason: expect.stringMatching(/signature does not verify/) as string }, { accepted: false, reason: expect.stringMatching(/follows a rejected event/) as string }]);
  });

  it('rejects a broken chain, a gap, an edited payload and a replay of an old event', () => {
    const events = chain('CN', cnKey, [{ objectType: 'position', side: 'CN' }, { objectType: 'position', side: 'CN' }, { objectType: 'position', side: 'CN' }]);
    const [e1, e2, e3] = events as [FederationEvent, FederationEvent, FederationEvent];
    expect(verifyPeerEvents([e1, e3], opts)[1]).toMatchObject({ accepted: false, reason: expect.stringMatching(/sequence gap/) as string });
    expect(verifyPeerEvents([e2], { ...opts, head: { seq: 1, hash: 'f'.repeat(64) } })[0]).toMatchObject({ accepted: false, reason: expect.stringMatching(/broken chain/) as string });
    const edited = { ...e1, payload: e1.payload.replace('view 0', 'view X') };
    expect(verifyPeerEvents([edited], opts)[0]).toMatchObject({ accepted: false, reason: 'hash does not match the event' });
    expect(verifyPeerEvents([e1], { ...opts, head: { seq: 1, hash: e1.hash } })[0]).toMatchObject({ accepted: false, reason: expect.stringMatching(/expected seq 2/) as string });
  });

  it('rejects a US-side position or a US approval sent by the CN node, though correctly signed', () => {
    const pos = chain('CN', cnKey, [{ objectType: 'position', side: 'US' }]);
    expect(verifyPeerEvents(pos, opts)[0]).toMatchObject({ accepted: false, reason: 'a US-side position can only come from the US node, not the CN node' });
    const appr = chain('CN', cnKey, [{ objectType: 'minutes_approval', side: 'US' }]);
    expect(verifyPeerEvents(appr, opts)[0]).toMatchObject({ accepted: false, reason: expect.stringMatching(/approval by the US co-chair can only come from the US node/) as string });
  });

  it('rejects an event claiming the receiving node’s own side, and malformed input', () => {
    const usKey = keyPair();
    const us = chain('US', usKey, [{ objectType: 'position', side: 'US' }]);
    expect(verifyPeerEvents(us, { ...opts, peerKey: nodeKeyFrom(usKey).publicKey })[0]).toMatchObject({ accepted: false, reason: "origin US is not the peer's side CN" });
    expect(verifyPeerEvents([{ seq: 'one' }, null], opts)).toMatchObject([{ accepted: false, reason: 'malformed event' }, { accepted: false }]);
  });
});

describe('signed requests', () => {
  const cn = nodeKeyFrom(keyPair());
  const peer = { side: 'CN' as const, publicKey: cn.publicKey };
  const now = new Date('2026-06-01T12:00:00Z');
  const url = '/api/federation/events?after=0&limit=10';

  it('accepts the peer’s signature and returns the nonce to record', () => {
    const headers = signRequest('GET', url, 'CN', cn.privateKey, now);
    expect(checkSignedRequest({ method: 'GET', url, headers }, peer, now)).toBe(headers['x-qiao-nonce']);
  });

  it('refuses another key, another path, an old timestamp and missing headers', () => {
    const other = signRequest('GET', url, 'CN', keyPair(), now);
    expect(() => checkSignedRequest({ method: 'GET', url, headers: other }, peer, now)).toThrow(expect.objectContaining({ id: 'federation_signature_invalid' }));
    const headers = signRequest('GET', url, 'CN', cn.privateKey, now);
    expect(() => checkSignedRequest({ method: 'GET', url: '/api/federation/events?after=5&limit=10', headers }, peer, now)).toThrow(expect.objectContaining({ id: 'federation_signature_invalid' }));
    const old = signRequest('GET', url, 'CN', cn.privateKey, new Date(now.getTime() - 6 * 60_000));
    expect(() => checkSignedRequest({ method: 'GET', url, headers: old }, peer, now)).toThrow(expect.objectContaining({ id: 'federation_timestamp_skew' }));
    expect(() => checkSignedRequest({ method: 'GET', url, headers: {} }, peer, now)).toThrow(expect.objectContaining({ id: 'federation_signature_invalid', status: 401 }));
    const asUs = signRequest('GET', url, 'US', cn.privateKey, now);
    expect(() => checkSignedRequest({ method: 'GET', url, headers: asUs }, peer, now)).toThrow(/only from the CN node/);
  });
});
