import { contentHashOf, entryHashOf, GENESIS_HASH, type RecordEntry, type RecordKind } from '@qiao/contracts';
import { asc, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.ts';
import { recordEntries } from './record.schema.ts';

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

/** Appends entries in order inside the caller's transaction; the only write this table ever sees. */
export async function appendEntries(tx: Tx, items: RecordAppend[], now: Date): Promise<RecordEntry[]> {
  await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`);
  const [tail] = await tx.select().from(recordEntries).orderBy(desc(recordEntries.seq)).limit(1);
  let seq = tail?.seq ?? 0;
  let prevHash = tail?.hash ?? GENESIS_HASH;
  const recordedAt = now.toISOString();
  const out: RecordEntry[] = [];
  for (const item of items) {
    seq += 1;
    // Store the content exactly as hashed: a JSON round-trip drops undefined members first.
    const content: unknown = JSON.parse(JSON.stringify(item.content));
    const contentHash = await contentHashOf(content);
    const hash = await entryHashOf(prevHash, contentHash, seq, recordedAt);
    const [row] = await tx.insert(recordEntries).values({ seq, groupId: item.groupId, kind: item.kind, entityId: item.entityId, recordedAt, content, contentHash, prevHash, hash }).returning();
    if (!row) throw new Error('insert returned no row');
    out.push(toEntry(row));
    prevHash = hash;
  }
  return out;
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
