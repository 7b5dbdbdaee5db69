import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHashOf, entryHashOf, GENESIS_HASH, sha256Hex } from './record.ts';

describe('record hashing', () => {
  it('writes canonical JSON with sorted keys and no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { f: 'x', e: null }], c: '桥' }, u: undefined })).toBe('{"a":{"c":"桥","d":[3,{"e":null,"f":"x"}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('hashes with SHA-256 as documented', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const contentHash = await contentHashOf({ b: 2, a: 1 });
    expect(contentHash).toBe(await sha256Hex('{"a":1,"b":2}'));
    const at = '2026-05-01T09:00:00.000Z';
    expect(await entryHashOf(GENESIS_HASH, contentHash, 1, at)).toBe(await sha256Hex(`${GENESIS_HASH}${contentHash}1${at}`));
  });
});
