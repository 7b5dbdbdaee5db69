import { z } from 'zod';

/**
 * The verifiable record: an append-only chain of entries for approved minutes and their decisions.
 *
 * Canonical JSON (what `contentHash` is taken over): objects with keys sorted by UTF-16 code units
 * (JavaScript's default sort), no whitespace, strings and numbers written as JSON.stringify writes
 * them, arrays in their order, `undefined` members dropped; the UTF-8 bytes of that text are hashed.
 *
 *   contentHash = SHA-256(canonicalJson(content))                           (lower-case hex)
 *   hash        = SHA-256(prevHash + contentHash + String(seq) + recordedAt) (string concatenation)
 *
 * `prevHash` of the first entry (seq 1) is 64 zeros; `recordedAt` is the ISO 8601 UTC timestamp with
 * milliseconds (`2026-05-01T09:00:00.000Z`); `seq` counts 1, 2, 3… with no gaps. Anyone holding an
 * export can recompute every hash with these two lines; a changed, deleted or reordered entry breaks
 * the chain at that entry. Removing entries from the end is only visible against a head hash kept
 * elsewhere (each side keeps the `head` of the exports it has verified).
 */
export const GENESIS_HASH = '0'.repeat(64);
export const RECORD_FORMULA = 'hash = SHA-256(prevHash + contentHash + String(seq) + recordedAt); contentHash = SHA-256(canonicalJson(content))';
export const RECORD_CANONICALIZATION = 'JSON with object keys sorted by UTF-16 code units, no whitespace, JSON.stringify escaping, UTF-8 bytes';

export const RecordKindSchema = z.enum(['minutes', 'decision']);
export type RecordKind = z.infer<typeof RecordKindSchema>;

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
});
export type RecordEntry = z.infer<typeof RecordEntrySchema>;

export const RecordExportSchema = z.object({
  format: z.literal('qiao-record'),
  formatVersion: z.literal(1),
  exportedAt: z.string(),
  hashAlgorithm: z.literal('sha256'),
  formula: z.string(),
  canonicalization: z.string(),
  head: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
  entries: z.array(RecordEntrySchema),
});
export type RecordExport = z.infer<typeof RecordExportSchema>;

export const BREAK_REASONS = ['seq_gap', 'seq_order', 'prev_hash_mismatch', 'content_hash_mismatch', 'hash_mismatch', 'head_mismatch'] as const;
export const VerifyReportSchema = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  head: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
  firstBreak: z.object({ seq: z.number().int(), index: z.number().int(), reason: z.enum(BREAK_REASONS), message: z.string() }).nullable(),
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
export const entryHashOf = (prevHash: string, contentHash: string, seq: number, recordedAt: string) => sha256Hex(prevHash + contentHash + String(seq) + recordedAt);

/** Recomputes the chain in order and reports the first entry that does not hold. */
export async function verifyChain(entries: readonly RecordEntry[], expectedHead?: { seq: number; hash: string } | null): Promise<VerifyReport> {
  let prev = GENESIS_HASH;
  const fail = (index: number, seq: number, reason: (typeof BREAK_REASONS)[number], message: string): VerifyReport => ({ ok: false, entries: entries.length, head: null, firstBreak: { seq, index, reason, message } });
  for (const [index, e] of entries.entries()) {
    const expectedSeq = index + 1;
    if (e.seq !== expectedSeq) {
      // The expected entry further on means the entries were reordered; nowhere means it was removed.
      const later = entries.slice(index + 1).some((x) => x.seq === expectedSeq);
      const reason = later || e.seq < expectedSeq ? 'seq_order' : 'seq_gap';
      return fail(index, e.seq, reason, reason === 'seq_gap' ? `entry ${expectedSeq} is missing (found ${e.seq} in its place)` : `entry ${e.seq} is out of order (expected ${expectedSeq} here)`);
    }
    if (e.prevHash !== prev) return fail(index, e.seq, 'prev_hash_mismatch', `entry ${e.seq} names previous hash ${e.prevHash.slice(0, 12)}… but the entry before it hashes to ${prev.slice(0, 12)}…`);
    const contentHash = await contentHashOf(e.content);
    if (contentHash !== e.contentHash) return fail(index, e.seq, 'content_hash_mismatch', `entry ${e.seq}: its content hashes to ${contentHash.slice(0, 12)}… but the stored content hash is ${e.contentHash.slice(0, 12)}… (the content was changed)`);
    const hash = await entryHashOf(e.prevHash, e.contentHash, e.seq, e.recordedAt);
    if (hash !== e.hash) return fail(index, e.seq, 'hash_mismatch', `entry ${e.seq}: recomputed hash ${hash.slice(0, 12)}… differs from the stored ${e.hash.slice(0, 12)}…`);
    prev = e.hash;
  }
  const last = entries.at(-1);
  const head = last ? { seq: last.seq, hash: last.hash } : null;
  if (expectedHead && (head?.seq !== expectedHead.seq || head.hash !== expectedHead.hash)) {
    return fail(entries.length, expectedHead.seq, 'head_mismatch', `the export's head is entry ${expectedHead.seq} (${expectedHead.hash.slice(0, 12)}…) but its entries end at ${head ? `${head.seq} (${head.hash.slice(0, 12)}…)` : 'nothing'}`);
  }
  return { ok: true, entries: entries.length, head, firstBreak: null };
}
