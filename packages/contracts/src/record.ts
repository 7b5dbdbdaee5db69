import { z } from 'zod';

/**
 * The verifiable record: an append-only chain of entries for approved minutes and their decisions.
 *
 * Canonical JSON (what the hashes and signatures are taken over): objects with keys sorted by UTF-16
 * code units (JavaScript's default sort), no whitespace, strings and numbers written as JSON.stringify
 * writes them, arrays in their order, `undefined` members dropped; the UTF-8 bytes of that text.
 *
 *   contentHash = SHA-256(canonicalJson(content))                                         (lower-case hex)
 *   hash        = SHA-256(canonicalJson({ hashVersion: 2, seq, groupId, kind, entityId, recordedAt,
 *                                         contentHash, prevHash }))
 *
 * Every column a reader filters or displays is under the hash: a changed group, kind, entity, time,
 * sequence number or content breaks the entry. `prevHash` of the first entry (seq 1) is 64 zeros;
 * `recordedAt` is the ISO 8601 UTC timestamp with milliseconds; `seq` counts 1, 2, 3… with no gaps.
 *
 * Hash version 1 (`SHA-256(prevHash + contentHash + String(seq) + recordedAt)`) left the group, kind
 * and entity outside the hash. It is still read, so a legacy chain can be verified and reported, but
 * the server re-chains an intact version-1 chain under version 2 before it appends (see
 * record.legacy.ts on the server), and a version-1 entry after a version-2 entry is a break.
 *
 * A chain alone cannot show that entries were removed from its end, or that all of it was recomputed
 * with this published formula. Checkpoints can: when both co-chairs approve minutes, the head
 * (sequence number and hash) is signed with each side's Ed25519 key, and a copy of the record must
 * reach every checkpoint it is given with the same hash.
 */
export const GENESIS_HASH = '0'.repeat(64);
export const RECORD_HASH_VERSION = 2 as const;
export const RECORD_FORMULA =
  'hash = SHA-256(canonicalJson({ hashVersion: 2, seq, groupId, kind, entityId, recordedAt, contentHash, prevHash })); contentHash = SHA-256(canonicalJson(content))';
export const RECORD_FORMULA_V1 = 'hash = SHA-256(prevHash + contentHash + String(seq) + recordedAt); contentHash = SHA-256(canonicalJson(content))';
export const RECORD_CANONICALIZATION = 'JSON with object keys sorted by UTF-16 code units, no whitespace, JSON.stringify escaping, UTF-8 bytes';

export const RecordKindSchema = z.enum(['minutes', 'decision']);
export type RecordKind = z.infer<typeof RecordKindSchema>;

export const RecordHashVersionSchema = z.union([z.literal(1), z.literal(2)]);
export type RecordHashVersion = z.infer<typeof RecordHashVersionSchema>;

export const RecordEntrySchema = z.object({
  seq: z.number().int().min(1),
  groupId: z.string(),
  kind: RecordKindSchema,
  entityId: z.string(),
  recordedAt: z.string(),
  content: z.unknown(),
  contentHash: z.string(),
  prevHash: z.string(),
  hash: z.string(),
  /** Exports written before version 2 carry no version: their entries are version 1. */
  hashVersion: RecordHashVersionSchema.default(1),
});
export type RecordEntry = z.infer<typeof RecordEntrySchema>;

const HeadSchema = z.object({ seq: z.number().int(), hash: z.string() });

export const RecordExportSchema = z.object({
  format: z.literal('qiao-record'),
  formatVersion: z.union([z.literal(1), z.literal(2)]),
  exportedAt: z.string(),
  hashAlgorithm: z.literal('sha256'),
  formula: z.string(),
  canonicalization: z.string(),
  head: HeadSchema.nullable(),
  entries: z.array(RecordEntrySchema),
});
export type RecordExport = z.infer<typeof RecordExportSchema>;

/** One side's Ed25519 signature over a checkpoint's statement; `publicKey` is SPKI in PEM. */
export const CheckpointSignatureSchema = z.object({ side: z.string(), publicKey: z.string(), signature: z.string() });
export type CheckpointSignature = z.infer<typeof CheckpointSignatureSchema>;

/** The head of the record at the moment a group's minutes were approved by every side, signed by each. */
export const RecordCheckpointSchema = z.object({
  id: z.string(),
  groupId: z.string(),
  minutesId: z.string(),
  seq: z.number().int().min(1),
  headHash: z.string(),
  takenAt: z.string(),
  /** The sides whose co-chairs approved; each must have signed. */
  sides: z.array(z.string()).min(1),
  signatures: z.array(CheckpointSignatureSchema),
});
export type RecordCheckpoint = z.infer<typeof RecordCheckpointSchema>;

export const CHECKPOINT_STATEMENT =
  'Each signature is Ed25519 over the UTF-8 bytes of canonicalJson({ format: "qiao-record-checkpoint", groupId, minutesId, seq, headHash, takenAt, sides })';

/** A checkpoint as a file either side keeps: it carries the public keys and signatures it needs. */
export const CheckpointExportSchema = z.object({
  format: z.literal('qiao-record-checkpoint'),
  formatVersion: z.literal(1),
  exportedAt: z.string(),
  signatureAlgorithm: z.literal('Ed25519'),
  statement: z.string(),
  formula: z.string(),
  checkpoint: RecordCheckpointSchema,
});
export type CheckpointExport = z.infer<typeof CheckpointExportSchema>;

export const SigningKeySchema = z.object({ side: z.string(), algorithm: z.literal('Ed25519'), publicKey: z.string(), createdAt: z.string() });
export type SigningKey = z.infer<typeof SigningKeySchema>;
export const SigningKeysSchema = z.object({ format: z.literal('qiao-record-keys'), exportedAt: z.string(), keys: z.array(SigningKeySchema) });
export type SigningKeys = z.infer<typeof SigningKeysSchema>;

export const BREAK_REASONS = ['seq_gap', 'seq_order', 'prev_hash_mismatch', 'content_hash_mismatch', 'hash_mismatch', 'hash_version_downgrade', 'head_mismatch'] as const;
export const CHECKPOINT_FAILURES = ['checkpoint_truncated', 'checkpoint_mismatch', 'checkpoint_signature_invalid', 'checkpoint_unsigned_side', 'checkpoint_key_unknown'] as const;
export type CheckpointFailureReason = (typeof CHECKPOINT_FAILURES)[number];

const CheckpointFailureSchema = z.object({ checkpointId: z.string(), seq: z.number().int(), reason: z.enum(CHECKPOINT_FAILURES), message: z.string() });
export type CheckpointFailure = z.infer<typeof CheckpointFailureSchema>;

export const VerifyReportSchema = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  head: HeadSchema.nullable(),
  firstBreak: z.object({ seq: z.number().int(), index: z.number().int(), reason: z.enum(BREAK_REASONS), message: z.string() }).nullable(),
  checkpoints: z.object({
    /** How many checkpoints were checked against this copy of the record. */
    checked: z.number().int(),
    /** The furthest checkpoint the record was checked against. */
    latest: z.object({ seq: z.number().int(), headHash: z.string(), takenAt: z.string(), sides: z.array(z.string()) }).nullable(),
    failure: CheckpointFailureSchema.nullable(),
  }),
});
export type VerifyReport = z.infer<typeof VerifyReportSchema>;

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('canonical JSON has no NaN or Infinity');
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** SHA-256 through Web Crypto, so the same code runs in Node, the CLI and the browser. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export const contentHashOf = (content: unknown) => sha256Hex(canonicalJson(content));

/** The fields an entry's hash covers: everything stored except the hash itself and the content (covered by contentHash). */
export type HashedFields = Pick<RecordEntry, 'seq' | 'groupId' | 'kind' | 'entityId' | 'recordedAt' | 'contentHash' | 'prevHash'>;

export function entryHashOf(e: HashedFields, hashVersion: RecordHashVersion = RECORD_HASH_VERSION): Promise<string> {
  if (hashVersion === 1) return sha256Hex(e.prevHash + e.contentHash + String(e.seq) + e.recordedAt);
  return sha256Hex(canonicalJson({ hashVersion: 2, seq: e.seq, groupId: e.groupId, kind: e.kind, entityId: e.entityId, recordedAt: e.recordedAt, contentHash: e.contentHash, prevHash: e.prevHash }));
}

type Break = NonNullable<VerifyReport['firstBreak']>;
const NO_CHECKPOINTS: VerifyReport['checkpoints'] = { checked: 0, latest: null, failure: null };

/** Recomputes the chain in order and reports the first entry that does not hold. */
export async function verifyChain(entries: readonly RecordEntry[], expectedHead?: { seq: number; hash: string } | null): Promise<VerifyReport> {
  const brk = await firstChainBreak(entries, expectedHead);
  const last = entries.at(-1);
  return { ok: brk === null, entries: entries.length, head: brk === null && last ? { seq: last.seq, hash: last.hash } : null, firstBreak: brk, checkpoints: NO_CHECKPOINTS };
}

async function firstChainBreak(entries: readonly RecordEntry[], expectedHead?: { seq: number; hash: string } | null): Promise<Break | null> {
  let prev = GENESIS_HASH;
  let seenV2 = false;
  const fail = (index: number, seq: number, reason: Break['reason'], message: string): Break => ({ seq, index, reason, message });
  for (const [index, e] of entries.entries()) {
    const expectedSeq = index + 1;
    if (e.seq !== expectedSeq) {
      // The expected entry further on means the entries were reordered; nowhere means it was removed.
      const later = entries.slice(index + 1).some((x) => x.seq === expectedSeq);
      const reason = later || e.seq < expectedSeq ? 'seq_order' : 'seq_gap';
      return fail(index, e.seq, reason, reason === 'seq_gap' ? `entry ${expectedSeq} is missing (found ${e.seq} in its place)` : `entry ${e.seq} is out of order (expected ${expectedSeq} here)`);
    }
    if (e.prevHash !== prev) return fail(index, e.seq, 'prev_hash_mismatch', `entry ${e.seq} names previous hash ${e.prevHash.slice(0, 12)}… but the entry before it hashes to ${prev.slice(0, 12)}…`);
    if (e.hashVersion === 1 && seenV2) return fail(index, e.seq, 'hash_version_downgrade', `entry ${e.seq} claims the legacy hash version 1 after entries of version 2 (its group, kind and entity would escape the hash)`);
    seenV2 ||= e.hashVersion === 2;
    const contentHash = await contentHashOf(e.content);
    if (contentHash !== e.contentHash) return fail(index, e.seq, 'content_hash_mismatch', `entry ${e.seq}: its content hashes to ${contentHash.slice(0, 12)}… but the stored content hash is ${e.contentHash.slice(0, 12)}… (the content was changed)`);
    const hash = await entryHashOf(e, e.hashVersion);
    if (hash !== e.hash) return fail(index, e.seq, 'hash_mismatch', `entry ${e.seq}: recomputed hash ${hash.slice(0, 12)}… differs from the stored ${e.hash.slice(0, 12)}… (a hashed column was changed)`);
    prev = e.hash;
  }
  const last = entries.at(-1);
  if (expectedHead && (last?.seq !== expectedHead.seq || last.hash !== expectedHead.hash)) {
    return fail(entries.length, expectedHead.seq, 'head_mismatch', `the export's head is entry ${expectedHead.seq} (${expectedHead.hash.slice(0, 12)}…) but its entries end at ${last ? `${last.seq} (${last.hash.slice(0, 12)}…)` : 'nothing'}`);
  }
  return null;
}

/** The exact text every side signs for a checkpoint. */
export function checkpointStatement(cp: Pick<RecordCheckpoint, 'groupId' | 'minutesId' | 'seq' | 'headHash' | 'takenAt' | 'sides'>): string {
  return canonicalJson({ format: 'qiao-record-checkpoint', groupId: cp.groupId, minutesId: cp.minutesId, seq: cp.seq, headHash: cp.headHash, takenAt: cp.takenAt, sides: cp.sides });
}

/** PEM keys compare by their base64 body, so line breaks and trailing newlines do not matter. */
export const pemBody = (pem: string) => pem.replace(/-----[^-]+-----|\s/g, '');
const fromBase64 = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));

/** Verifies one Ed25519 signature with Web Crypto; a malformed key or signature is simply invalid. */
export async function verifyEd25519(publicKeyPem: string, signatureB64: string, message: string): Promise<boolean> {
  try {
    const key = await globalThis.crypto.subtle.importKey('spki', fromBase64(pemBody(publicKeyPem)), { name: 'Ed25519' }, false, ['verify']);
    return await globalThis.crypto.subtle.verify({ name: 'Ed25519' }, key, fromBase64(signatureB64), new TextEncoder().encode(message));
  } catch {
    return false;
  }
}

/** Public keys a verifier already trusts, by side (from the database, or a keys file kept earlier). */
export type TrustedKeys = ReadonlyMap<string, string>;

/**
 * Checks a checkpoint's signatures: every approving side signed this checkpoint's exact statement,
 * with the key the verifier trusts for that side where it holds one. Returns the failure, or null.
 */
export async function checkCheckpointSignatures(cp: RecordCheckpoint, trustedKeys?: TrustedKeys): Promise<CheckpointFailure | null> {
  const fail = (reason: CheckpointFailureReason, message: string): CheckpointFailure => ({ checkpointId: cp.id, seq: cp.seq, reason, message });
  const statement = checkpointStatement(cp);
  for (const side of cp.sides) {
    const sig = cp.signatures.find((s) => s.side === side);
    if (!sig) return fail('checkpoint_unsigned_side', `checkpoint at entry ${cp.seq} names ${side} as an approving side but carries no ${side} signature`);
    if (!(await verifyEd25519(sig.publicKey, sig.signature, statement))) {
      return fail('checkpoint_signature_invalid', `checkpoint at entry ${cp.seq}: the ${side} signature does not match its content (the checkpoint was edited or forged)`);
    }
    const trusted = trustedKeys?.get(side);
    if (trusted !== undefined && pemBody(trusted) !== pemBody(sig.publicKey)) {
      return fail('checkpoint_key_unknown', `checkpoint at entry ${cp.seq} is signed for ${side} with a key that is not ${side}'s known record key`);
    }
  }
  return null;
}

/**
 * A verifier with trusted keys that holds none for a signing side cannot vouch for that signature.
 * Checked after the record's reach, so a record emptied together with its keys reports the truncation.
 */
export function checkKeysKnown(cp: RecordCheckpoint, trustedKeys?: TrustedKeys): CheckpointFailure | null {
  const side = trustedKeys ? cp.sides.find((s) => !trustedKeys.has(s)) : undefined;
  if (side === undefined) return null;
  return { checkpointId: cp.id, seq: cp.seq, reason: 'checkpoint_key_unknown', message: `checkpoint at entry ${cp.seq} is signed for ${side}, but no ${side} record key is known to check it against` };
}

/** Checks that a (chain-verified) copy of the record reaches the checkpoint with the signed hash. */
export function checkExtends(entries: readonly RecordEntry[], cp: RecordCheckpoint): CheckpointFailure | null {
  const fail = (reason: CheckpointFailureReason, message: string): CheckpointFailure => ({ checkpointId: cp.id, seq: cp.seq, reason, message });
  const signedBy = `signed by ${cp.sides.join(' and ')} at ${cp.takenAt}`;
  const last = entries.at(-1);
  if (!last) return fail('checkpoint_truncated', `the record is empty but the checkpoint ${signedBy} covers entries 1–${cp.seq}: the record was deleted`);
  if (last.seq < cp.seq) return fail('checkpoint_truncated', `the record ends at entry ${last.seq} but the checkpoint ${signedBy} covers entry ${cp.seq}: entries were removed from the end`);
  const at = entries.find((e) => e.seq === cp.seq);
  if (at?.hash !== cp.headHash) {
    return fail('checkpoint_mismatch', `entry ${cp.seq} hashes to ${at ? at.hash.slice(0, 12) : 'nothing'}… but the checkpoint ${signedBy} holds ${cp.headHash.slice(0, 12)}…: the record was rewritten, reordered or edited up to that entry`);
  }
  return null;
}

export interface VerifyRecordOptions {
  expectedHead?: { seq: number; hash: string } | null;
  checkpoints?: readonly RecordCheckpoint[];
  trustedKeys?: TrustedKeys;
}

/** The chain, then every checkpoint (signatures, reach, known keys) in sequence order; the first failure of each is reported. */
export async function verifyRecord(entries: readonly RecordEntry[], options: VerifyRecordOptions = {}): Promise<VerifyReport> {
  const chain = await verifyChain(entries, options.expectedHead);
  const checkpoints = [...(options.checkpoints ?? [])].sort((a, b) => a.seq - b.seq);
  let failure: CheckpointFailure | null = null;
  for (const cp of checkpoints) {
    failure = (await checkCheckpointSignatures(cp, options.trustedKeys)) ?? checkExtends(entries, cp) ?? checkKeysKnown(cp, options.trustedKeys);
    if (failure) break;
  }
  const latestCp = checkpoints.at(-1);
  const latest = latestCp ? { seq: latestCp.seq, headHash: latestCp.headHash, takenAt: latestCp.takenAt, sides: latestCp.sides } : null;
  return { ...chain, ok: chain.ok && failure === null, checkpoints: { checked: checkpoints.length, latest, failure } };
}
