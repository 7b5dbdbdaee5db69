import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  CHECKPOINT_STATEMENT,
  checkpointStatement,
  contentHashOf,
  entryHashOf,
  GENESIS_HASH,
  RECORD_CANONICALIZATION,
  RECORD_FORMULA,
  type CheckpointExport,
  type RecordEntry,
  type RecordExport,
  type SigningKeys,
} from '@qiao/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '@qiao/server';
import { main } from '../main.ts';
import { formatReport, readKept, verifyDatabase } from './record.ts';

/** Recomputes every hash of these entries with the published formula, as a forger holding the database could. */
async function rechain(entries: RecordEntry[]): Promise<RecordExport> {
  let prevHash = GENESIS_HASH;
  const out: RecordEntry[] = [];
  for (const e of entries) {
    const fields = { ...e, prevHash, contentHash: await contentHashOf(e.content) };
    const hash = await entryHashOf(fields);
    out.push({ ...fields, hash, hashVersion: 2 });
    prevHash = hash;
  }
  const last = out.at(-1);
  return { format: 'qiao-record', formatVersion: 2, exportedAt: '2026-05-04T00:00:00.000Z', hashAlgorithm: 'sha256', formula: RECORD_FORMULA, canonicalization: RECORD_CANONICALIZATION, head: last ? { seq: last.seq, hash: last.hash } : null, entries: out };
}

/** Builds a valid export the way the server does, from the documented formula alone. */
function buildExport(): Promise<RecordExport> {
  const contents = [{ minutesId: 'm1', body: { en: 'Both sides met.', zh: '双方会面。' } }, { decisionId: 'd1', text: { en: 'Share data', zh: '共享数据' } }, { decisionId: 'd2', text: { en: 'Meet in spring' } }];
  return rechain(
    contents.map((content, i) => ({ seq: i + 1, groupId: 'g1', kind: i === 0 ? 'minutes' : 'decision', entityId: `e${i + 1}`, recordedAt: `2026-05-0${i + 1}T09:00:00.000Z`, content, contentHash: '', prevHash: '', hash: '', hashVersion: 2 })),
  );
}

const sideKeys = { CN: generateKeyPairSync('ed25519'), US: generateKeyPairSync('ed25519') };
const pem = (side: keyof typeof sideKeys) => sideKeys[side].publicKey.export({ type: 'spki', format: 'pem' }).toString();
const keysFile: SigningKeys = { format: 'qiao-record-keys', exportedAt: '2026-05-04T00:00:00.000Z', keys: (['CN', 'US'] as const).map((side) => ({ side, algorithm: 'Ed25519', publicKey: pem(side), createdAt: '2026-05-01T00:00:00.000Z' })) };

/** A checkpoint file over the export's head, signed by both sides as the server signs it. */
function checkpointFile(exp: RecordExport, signers: ('CN' | 'US')[] = ['CN', 'US']): CheckpointExport {
  const body = { groupId: 'g1', minutesId: 'm1', seq: exp.head?.seq ?? 0, headHash: exp.head?.hash ?? '', takenAt: '2026-05-03T09:00:00.000Z', sides: ['CN', 'US'] };
  const statement = Buffer.from(checkpointStatement(body));
  const signatures = signers.map((side) => ({ side, publicKey: pem(side), signature: sign(null, statement, sideKeys[side].privateKey).toString('base64') }));
  return { format: 'qiao-record-checkpoint', formatVersion: 1, exportedAt: '2026-05-03T10:00:00.000Z', signatureAlgorithm: 'Ed25519', statement: CHECKPOINT_STATEMENT, formula: RECORD_FORMULA, checkpoint: { id: 'cp1', ...body, signatures } };
}

describe('qiao record verify', () => {
  let dir: string;
  let out: string[];
  let err: string[];
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'qiao-record-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  async function save(content: object | string): Promise<string> {
    const p = path.join(dir, `file-${Math.random().toString(36).slice(2)}.json`);
    await writeFile(p, typeof content === 'string' ? content : JSON.stringify(content));
    return p;
  }

  async function run(file: object | string | null, ...flags: string[]): Promise<number> {
    out = [];
    err = [];
    const args = ['node', 'qiao', 'record', 'verify', ...flags];
    if (file !== null) args.push('--file', await save(file));
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => out.push(String(s)) > 0);
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => err.push(String(s)) > 0);
    const code = await main(args);
    vi.restoreAllMocks();
    return code;
  }

  it('exits 0 on an intact export and prints the head', async () => {
    const file = await buildExport();
    expect(await run(file)).toBe(0);
    expect(out.join('')).toMatch(/^record intact: 3 entries verified/);
    expect(await run(file, '--json')).toBe(0);
    expect(JSON.parse(out.join(''))).toMatchObject({ ok: true, entries: 3, head: { seq: 3, hash: file.head?.hash } });
  });

  it('exits 1 and names the first break for an edited, deleted or reordered entry', async () => {
    const edited = await buildExport();
    (edited.entries[1]?.content as { text: { en: string } }).text.en = 'Share nothing';
    expect(await run(edited)).toBe(1);
    expect(out.join('')).toMatch(/^record BROKEN \(.*\): at entry 2: content_hash_mismatch/);
    expect(err.join('')).toMatch(/record verification failed at entry 2: content_hash_mismatch/);

    const deleted = await buildExport();
    deleted.entries.splice(1, 1);
    expect(await run(deleted, '--json')).toBe(1);
    expect(JSON.parse(out.join(''))).toMatchObject({ ok: false, firstBreak: { seq: 3, index: 1, reason: 'seq_gap' } });

    const reordered = await buildExport();
    reordered.entries.reverse();
    expect(await run(reordered, '--json')).toBe(1);
    expect(JSON.parse(out.join(''))).toMatchObject({ ok: false, firstBreak: { index: 0, reason: 'seq_order' } });

    const truncated = await buildExport();
    truncated.entries.pop();
    expect(await run(truncated, '--json')).toBe(1);
    expect(JSON.parse(out.join(''))).toMatchObject({ firstBreak: { reason: 'head_mismatch' } });
  });

  it('still verifies an export written before hash version 2 (entries without hashVersion)', async () => {
    const file = await buildExport();
    let prevHash = GENESIS_HASH;
    const entries = [];
    for (const e of file.entries) {
      const hash = await entryHashOf({ ...e, prevHash }, 1);
      entries.push({ seq: e.seq, groupId: e.groupId, kind: e.kind, entityId: e.entityId, recordedAt: e.recordedAt, content: e.content, contentHash: e.contentHash, prevHash, hash });
      prevHash = hash;
    }
    const legacy = { ...file, formatVersion: 1, head: { seq: 3, hash: prevHash }, entries };
    expect(await run(legacy)).toBe(0);
    expect(await run({ ...legacy, entries: entries.map((e) => (e.seq === 2 ? { ...e, hashVersion: 2 } : e)) })).toBe(1);
  });

  it('checks that the record extends every checkpoint it is given', async () => {
    const file = await buildExport();
    const cp = await save(checkpointFile(file));
    expect(await run(file, '--checkpoint', cp, '--keys', await save(keysFile))).toBe(0);
    expect(out.join('')).toMatch(/record intact: 3 entries verified .*; 1 checkpoint holds \(latest at entry 3, signed by CN and US\)\n$/);
    // A longer record that starts with the signed head extends it.
    const longer = await rechain([...file.entries, { ...(file.entries[2] as RecordEntry), seq: 4, entityId: 'e4' }]);
    expect(await run(longer, '--checkpoint', cp)).toBe(0);
    expect(out.join('')).toMatch(/checked with the keys inside the files \(pin them with --keys\)/);
  });

  it('exits 1 with one line naming the truncation, rewrite or reordering before a checkpoint', async () => {
    const file = await buildExport();
    const cp = await save(checkpointFile(file));
    const cases: [string, RecordExport, RegExp][] = [
      ['tail deleted', await rechain(file.entries.slice(0, 2)), /checkpoint at entry 3: checkpoint_truncated: the record ends at entry 2 but .* covers entry 3/],
      ['everything deleted', await rechain([]), /checkpoint_truncated: the record is empty/],
      ['rewritten with the published formula', await rechain(file.entries.map((e) => (e.seq === 2 ? { ...e, content: { decisionId: 'd1', text: { en: 'Share nothing' } } } : e))), /checkpoint_mismatch: entry 3 hashes to/],
      ['group edited and re-hashed', await rechain(file.entries.map((e) => (e.seq === 1 ? { ...e, groupId: 'g2' } : e))), /checkpoint_mismatch/],
      ['reordered and re-hashed', await rechain([file.entries[1], file.entries[0], file.entries[2]].map((e, i) => ({ ...(e as RecordEntry), seq: i + 1 }))), /checkpoint_mismatch/],
    ];
    for (const [what, tampered, reason] of cases) {
      expect(await run(tampered, '--checkpoint', cp), what).toBe(1);
      const lines = err.join('').trim().split('\n');
      expect(lines, what).toHaveLength(1);
      expect(lines[0], what).toMatch(reason);
    }
  });

  it('exits 1 when a checkpoint file was edited, lacks a side, or is signed with a key other than the pinned one', async () => {
    const file = await buildExport();
    const edited = checkpointFile(file);
    edited.checkpoint.seq = 2;
    edited.checkpoint.headHash = file.entries[1]?.hash ?? '';
    expect(await run(file, '--checkpoint', await save(edited), '--json')).toBe(1);
    expect(JSON.parse(out.join(''))).toMatchObject({ ok: false, firstBreak: null, checkpoints: { failure: { reason: 'checkpoint_signature_invalid', seq: 2 } } });
    expect(await run(file, '--checkpoint', await save(checkpointFile(file, ['US'])))).toBe(1);
    expect(err.join('')).toMatch(/checkpoint_unsigned_side: .* carries no CN signature/);
    const otherKeys = { ...keysFile, keys: keysFile.keys.map((k) => (k.side === 'CN' ? { ...k, publicKey: generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString() } : k)) };
    expect(await run(file, '--checkpoint', await save(checkpointFile(file)), '--keys', await save(otherKeys))).toBe(1);
    expect(err.join('')).toMatch(/checkpoint_key_unknown/);
    expect(await run(file, '--checkpoint', await save({ format: 'qiao-record' }))).toBe(1);
    expect(err.join('')).toMatch(/not a Qiao record checkpoint \(format: /);
  });

  it('exits 1 when the database holds nothing but a checkpoint says it did', async () => {
    const kept = await readKept([await save(checkpointFile(await buildExport()))]);
    const result = await verifyDatabase(() => openDatabase({ kind: 'pglite', dataDir: null }), kept);
    expect(result.report).toMatchObject({ ok: false, entries: 0, checkpoints: { failure: { reason: 'checkpoint_truncated' } } });
    expect(formatReport(result, false)).toMatch(/^record BROKEN \(pglite database\): against the checkpoint at entry 3: checkpoint_truncated: the record is empty/);
  }, 60_000);

  it('refuses a file that is not an export with a clear message', async () => {
    expect(await run('not json')).toBe(1);
    expect(err.join('')).toMatch(/not JSON/);
    expect(await run({ format: 'something-else', entries: [] })).toBe(1);
    expect(err.join('')).toMatch(/not a Qiao record export \(format: /);
  });

  it('verifies the platform database when no file is given', async () => {
    const result = await verifyDatabase(() => openDatabase({ kind: 'pglite', dataDir: null }));
    expect(result).toMatchObject({ source: 'pglite database', report: { ok: true, entries: 0 } });
    expect(formatReport(result, false)).toBe('record intact: 0 entries verified (pglite database)');
  }, 60_000);
});
