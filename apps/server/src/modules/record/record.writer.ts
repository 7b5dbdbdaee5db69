import { generateKeyPairSync, sign } from 'node:crypto';
import { checkpointStatement, entryHashOf, GENESIS_HASH, verifyChain, type RecordCheckpoint, type RecordEntry } from '@qiao/contracts';
import type { Tx } from '../../db/client.ts';
import * as repo from './record.repository.ts';

/**
 * Everything that writes to the record, always inside the caller's transaction and under the chain
 * lock: the entries of approved minutes, the checkpoint both co-chairs' sides sign, and the one-time
 * re-chain of legacy entries.
 */

export interface ApprovedMinutes {
  groupId: string;
  minutesId: string;
  /** The sides whose co-chairs approved; each signs the checkpoint. */
  sides: string[];
  items: repo.RecordAppend[];
}

/** Appends the minutes and their decisions, then takes the checkpoint over the new head. */
export async function recordApprovedMinutes(tx: Tx, input: ApprovedMinutes, now: Date): Promise<{ entries: RecordEntry[]; checkpoint: RecordCheckpoint }> {
  await repo.lockChain(tx);
  await rechainLegacy(tx);
  const entries = await repo.insertEntries(tx, input.items, now);
  const head = entries.at(-1);
  if (!head) throw new Error('approved minutes always add an entry');
  const body = { groupId: input.groupId, minutesId: input.minutesId, seq: head.seq, headHash: head.hash, takenAt: now.toISOString(), sides: [...new Set(input.sides)].sort() };
  const statement = Buffer.from(checkpointStatement(body), 'utf8');
  const signatures = [];
  for (const side of body.sides) {
    const key = await signingKey(tx, side);
    signatures.push({ side, publicKey: key.publicKey, signature: sign(null, statement, key.privateKey).toString('base64') });
  }
  return { entries, checkpoint: await repo.insertCheckpoint(tx, { ...body, signatures }) };
}

/**
 * The side's Ed25519 key, created on first use. Keys live in the database so that every node on one
 * PostgreSQL signs with the same key (a node that loses the race to create one reads the winner's).
 */
async function signingKey(tx: Tx, side: string): Promise<{ publicKey: string; privateKey: string }> {
  const existing = await repo.findSigningKey(tx, side);
  if (existing) return existing;
  const pair = generateKeyPairSync('ed25519');
  await repo.insertSigningKey(tx, {
    side,
    publicKey: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKey: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  });
  const key = await repo.findSigningKey(tx, side);
  if (!key) throw new Error(`no record signing key for ${side}`);
  return key;
}

export type RechainOutcome = 'current' | 'rechained' | 'left_broken';

/**
 * Entries written before hash version 2 left group, kind and entity outside the hash. They are
 * re-chained under version 2 only when nothing has been signed yet and their version-1 chain
 * verifies: re-hashing a broken chain would launder the break, and once a checkpoint exists a
 * version-1 entry can only be a downgrade, which verification reports instead.
 */
export async function rechainLegacy(tx: Tx): Promise<RechainOutcome> {
  const counts = await repo.countByHashVersion(tx);
  if (!counts[1]) return 'current';
  if (counts[2] || (await repo.listCheckpoints(tx)).length > 0) return 'left_broken';
  const entries = await repo.listEntries(tx);
  if (!(await verifyChain(entries)).ok) return 'left_broken';
  let prevHash = GENESIS_HASH;
  const rows = [];
  for (const e of entries) {
    const hash = await entryHashOf({ ...e, prevHash }, 2);
    rows.push({ seq: e.seq, prevHash, hash, hashVersion: 2 as const });
    prevHash = hash;
  }
  await repo.rewriteHashes(tx, rows);
  return 'rechained';
}
