import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  checkpointStatement,
  contentHashOf,
  entryHashOf,
  GENESIS_HASH,
  sha256Hex,
  verifyChain,
  verifyRecord,
  type RecordCheckpoint,
  type RecordEntry,
  type RecordHashVersion,
} from './record.ts';

/** A chain built from the documented formula alone, as an independent verifier would. */
async function chain(n: number, version: RecordHashVersion = 2): Promise<RecordEntry[]> {
  const out: RecordEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const content = { text: `entry ${seq}` };
    const fields = { seq, groupId: 'g1', kind: 'decision' as const, entityId: `e${seq}`, recordedAt: `2026-05-01T09:00:0${seq}.000Z`, contentHash: await contentHashOf(content), prevHash };
    const hash = await entryHashOf(fields, version);
    out.push({ ...fields, content, hash, hashVersion: version });
    prevHash = hash;
  }
  return out;
}

const keys = { US: generateKeyPairSync('ed25519'), CN: generateKeyPairSync('ed25519') };
const pem = (side: keyof typeof keys) => keys[side].publicKey.export({ type: 'spki', format: 'pem' }).toString();
const trusted = new Map([
  ['US', pem('US')],
  ['CN', pem('CN')],
]);

function checkpointOf(head: RecordEntry): RecordCheckpoint {
  const body = { id: 'cp1', groupId: 'g1', minutesId: 'm1', seq: head.seq, headHash: head.hash, takenAt: head.recordedAt, sides: ['CN', 'US'] };
  const statement = Buffer.from(checkpointStatement(body));
  return { ...body, signatures: (['CN', 'US'] as const).map((side) => ({ side, publicKey: pem(side), signature: sign(null, statement, keys[side].privateKey).toString('base64') })) };
}

describe('record hashing', () => {
  it('writes canonical JSON with sorted keys and no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { f: 'x', e: null }], c: '桥' }, u: undefined })).toBe('{"a":{"c":"桥","d":[3,{"e":null,"f":"x"}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('hashes with SHA-256 over canonical JSON of every stored column, as documented', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const contentHash = await contentHashOf({ b: 2, a: 1 });
    expect(contentHash).toBe(await sha256Hex('{"a":1,"b":2}'));
    const f = { seq: 1, groupId: 'g', kind: 'minutes' as const, entityId: 'e', recordedAt: '2026-05-01T09:00:00.000Z', contentHash, prevHash: GENESIS_HASH };
    expect(await entryHashOf(f)).toBe(
      await sha256Hex(`{"contentHash":"${contentHash}","entityId":"e","groupId":"g","hashVersion":2,"kind":"minutes","prevHash":"${GENESIS_HASH}","recordedAt":"2026-05-01T09:00:00.000Z","seq":1}`),
    );
    expect(await entryHashOf(f, 1)).toBe(await sha256Hex(`${GENESIS_HASH}${contentHash}1${f.recordedAt}`));
  });

  it('breaks the chain when a displayed or filtered column changes', async () => {
    for (const edit of [{ groupId: 'g2' }, { entityId: 'other' }, { kind: 'minutes' as const }, { recordedAt: '2027-01-01T00:00:00.000Z' }]) {
      const entries = await chain(3);
      entries[1] = { ...(entries[1] as RecordEntry), ...edit };
      expect((await verifyChain(entries)).firstBreak).toMatchObject({ seq: 2, reason: 'hash_mismatch' });
    }
  });

  it('refuses a legacy version-1 entry after a version-2 entry', async () => {
    expect((await verifyChain(await chain(3, 1))).ok).toBe(true);
    const entries = await chain(3);
    const e3 = entries[2] as RecordEntry;
    entries[2] = { ...e3, groupId: 'g2', hashVersion: 1, hash: await entryHashOf({ ...e3, groupId: 'g2' }, 1) };
    expect((await verifyChain(entries)).firstBreak).toMatchObject({ seq: 3, reason: 'hash_version_downgrade' });
  });
});

describe('record checkpoints', () => {
  it('holds for a record that extends the signed head', async () => {
    const entries = await chain(4);
    const report = await verifyRecord(entries, { checkpoints: [checkpointOf(entries[2] as RecordEntry)], trustedKeys: trusted });
    expect(report).toMatchObject({ ok: true, checkpoints: { checked: 1, latest: { seq: 3 }, failure: null } });
  });

  it('detects the tail or everything deleted, and a rewrite with the published formula', async () => {
    const entries = await chain(4);
    const cp = checkpointOf(entries[3] as RecordEntry);
    expect((await verifyRecord(entries.slice(0, 3), { checkpoints: [cp] })).checkpoints.failure).toMatchObject({ reason: 'checkpoint_truncated', seq: 4 });
    const empty = await verifyRecord([], { checkpoints: [cp] });
    expect(empty).toMatchObject({ ok: false, checkpoints: { failure: { reason: 'checkpoint_truncated' } } });
    expect(empty.checkpoints.failure?.message).toMatch(/record is empty/);
    // Recomputed from scratch: the chain holds, but its head is not the one both sides signed.
    const rewritten = await chain(4);
    rewritten[0] = { ...(rewritten[0] as RecordEntry), content: { text: 'rewritten' } };
    let prevHash = GENESIS_HASH;
    for (const [i, e] of rewritten.entries()) {
      const fields = { ...e, prevHash, contentHash: await contentHashOf(e.content) };
      rewritten[i] = { ...fields, hash: await entryHashOf(fields) };
      prevHash = rewritten[i].hash;
    }
    const report = await verifyRecord(rewritten, { checkpoints: [cp] });
    expect(report).toMatchObject({ ok: false, firstBreak: null, checkpoints: { failure: { reason: 'checkpoint_mismatch', seq: 4 } } });
  });

  it('fails the signature when the checkpoint file is edited, and a key it does not trust', async () => {
    const entries = await chain(4);
    const cp = checkpointOf(entries[1] as RecordEntry);
    const edited = { ...cp, seq: 3, headHash: (entries[2] as RecordEntry).hash };
    expect((await verifyRecord(entries, { checkpoints: [edited] })).checkpoints.failure).toMatchObject({ reason: 'checkpoint_signature_invalid' });
    expect((await verifyRecord(entries, { checkpoints: [{ ...cp, signatures: cp.signatures.slice(1) }] })).checkpoints.failure).toMatchObject({ reason: 'checkpoint_unsigned_side' });
    const other = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const failure = (await verifyRecord(entries, { checkpoints: [cp], trustedKeys: new Map([...trusted, ['US', other]]) })).checkpoints.failure;
    expect(failure).toMatchObject({ reason: 'checkpoint_key_unknown' });
    const unknown = (await verifyRecord(entries, { checkpoints: [cp], trustedKeys: new Map([['US', pem('US')]]) })).checkpoints.failure;
    expect(unknown?.reason).toBe('checkpoint_key_unknown');
    expect(unknown?.message).toMatch(/no CN record key is known/);
  });
});
