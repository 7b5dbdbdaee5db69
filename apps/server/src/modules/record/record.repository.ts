import { contentHashOf, entryHashOf, GENESIS_HASH, RECORD_HASH_VERSION, type RecordCheckpoint, type RecordEntry, type RecordKind } from '@qiao/contracts';
import { asc, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.ts';
import { recordCheckpoints, recordEntries, recordSigningKeys } from './record.schema.ts';

// One chain for the platform; appends take this transaction-scoped lock so two approvals landing at
// once cannot both read the same tail (the primary key on seq would refuse the second anyway).
const CHAIN_LOCK = 5_151_500_001;

const toEntry = (r: typeof recordEntries.$inferSelect): RecordEntry => ({ ...r });

export interface RecordAppend {
  groupId: string;
  kind: RecordKind;
  entityId: string;
  content: unknown;
}

/** Serialises every write to the chain (appends, checkpoints, the legacy re-chain) until the transaction ends. */
export async function lockChain(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`);
}

/** Appends entries in order inside the caller's transaction, which must hold the chain lock. */
export async function insertEntries(tx: Tx, items: RecordAppend[], now: Date): Promise<RecordEntry[]> {
  const [tail] = await tx.select().from(recordEntries).orderBy(desc(recordEntries.seq)).limit(1);
  let seq = tail?.seq ?? 0;
  let prevHash = tail?.hash ?? GENESIS_HASH;
  const recordedAt = now.toISOString();
  const out: RecordEntry[] = [];
  for (const item of items) {
    seq += 1;
    // Store the content exactly as hashed: a JSON round-trip drops undefined members first.
    const content: unknown = JSON.parse(JSON.stringify(item.content));
    const fields = { seq, groupId: item.groupId, kind: item.kind, entityId: item.entityId, recordedAt, contentHash: await contentHashOf(content), prevHash };
    const hash = await entryHashOf(fields, RECORD_HASH_VERSION);
    const [row] = await tx
      .insert(recordEntries)
      .values({ ...fields, content, hash, hashVersion: RECORD_HASH_VERSION })
      .returning();
    if (!row) throw new Error('insert returned no row');
    out.push(toEntry(row));
    prevHash = hash;
  }
  return out;
}

/** Rewrites the hashes of stored entries in place; only the legacy re-chain calls this. */
export async function rewriteHashes(tx: Tx, rows: readonly Pick<RecordEntry, 'seq' | 'prevHash' | 'hash' | 'hashVersion'>[]): Promise<void> {
  for (const r of rows) await tx.update(recordEntries).set({ prevHash: r.prevHash, hash: r.hash, hashVersion: r.hashVersion }).where(eq(recordEntries.seq, r.seq));
}

/** The whole chain in stored order; verification needs every entry, not a page. */
export async function listEntries(db: DbOrTx): Promise<RecordEntry[]> {
  const rows = await db.select().from(recordEntries).orderBy(asc(recordEntries.seq));
  return rows.map(toEntry);
}

export async function listGroupEntries(db: DbOrTx, groupId: string): Promise<RecordEntry[]> {
  const rows = await db.select().from(recordEntries).where(eq(recordEntries.groupId, groupId)).orderBy(asc(recordEntries.seq));
  return rows.map(toEntry);
}

export async function countByHashVersion(db: DbOrTx): Promise<Record<number, number>> {
  const rows = await db
    .select({ version: recordEntries.hashVersion, n: sql<number>`count(*)::int` })
    .from(recordEntries)
    .groupBy(recordEntries.hashVersion);
  return Object.fromEntries(rows.map((r) => [r.version, r.n]));
}

const toCheckpoint = (r: typeof recordCheckpoints.$inferSelect): RecordCheckpoint => ({ ...r });

export async function insertCheckpoint(tx: Tx, cp: Omit<RecordCheckpoint, 'id'>): Promise<RecordCheckpoint> {
  const [row] = await tx.insert(recordCheckpoints).values(cp).returning();
  if (!row) throw new Error('insert returned no row');
  return toCheckpoint(row);
}

export async function listCheckpoints(db: DbOrTx, groupId?: string): Promise<RecordCheckpoint[]> {
  const rows = await db
    .select()
    .from(recordCheckpoints)
    .where(groupId ? eq(recordCheckpoints.groupId, groupId) : undefined)
    .orderBy(asc(recordCheckpoints.seq));
  return rows.map(toCheckpoint);
}

export async function findCheckpoint(db: DbOrTx, id: string): Promise<RecordCheckpoint | undefined> {
  const [row] = await db.select().from(recordCheckpoints).where(eq(recordCheckpoints.id, id));
  return row ? toCheckpoint(row) : undefined;
}

export type SigningKeyRow = typeof recordSigningKeys.$inferSelect;

export async function findSigningKey(db: DbOrTx, side: string): Promise<SigningKeyRow | undefined> {
  const [row] = await db.select().from(recordSigningKeys).where(eq(recordSigningKeys.side, side));
  return row;
}

/** Keeps the first key written for a side: a node that raced to create one reads the winner's. */
export async function insertSigningKey(tx: Tx, key: { side: string; publicKey: string; privateKey: string }): Promise<void> {
  await tx.insert(recordSigningKeys).values(key).onConflictDoNothing();
}

/** Public halves only; private keys never leave this module. */
export function listPublicKeys(db: DbOrTx): Promise<{ side: string; publicKey: string; createdAt: Date }[]> {
  return db.select({ side: recordSigningKeys.side, publicKey: recordSigningKeys.publicKey, createdAt: recordSigningKeys.createdAt }).from(recordSigningKeys).orderBy(asc(recordSigningKeys.side));
}
