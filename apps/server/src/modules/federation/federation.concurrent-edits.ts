import { createHash } from 'node:crypto';
import { and, asc, desc, eq } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.ts';
import type { ApplyOutcome, PeerEventToApply } from './federation.apply.ts';
import { federationConcurrentEdits } from './federation.concurrent-edits.schema.ts';
import { canonicalJson, type FederationObjectType } from './federation.events.ts';
import { stateOf } from './federation.replicate.ts';
import { MAX_SKEW_MS } from './federation.request.ts';
import { federationEvents, federationPeerEvents } from './federation.schema.ts';

/**
 * Versioned objects (working groups, rounds, action items, milestones) changed on both nodes from the same
 * version at once. Each node holds both changes (its own event and the peer's), so both order them alike
 * and the first stands on both:
 *
 *   earlier `updatedAt` (groups and action items; rounds and milestones carry none),
 *   then the lower SHA-256 of the canonical payload (neither side is preferred).
 *
 * The earlier write wins, as the first of two writers on one node wins and the second gets `409 conflict`.
 * The other change is kept in `federation_concurrent_edits` on both nodes (see docs/FEDERATION.md,
 * "Concurrent edits of versioned objects").
 */

export type VersionedObjectType = Extract<FederationObjectType, 'group' | 'round' | 'action' | 'milestone'>;

interface Change {
  origin: string;
  updatedAt: string | null;
  hash: string;
  payload: Record<string, unknown>;
}

export const payloadHash = (payload: string): string => createHash('sha256').update(payload, 'utf8').digest('hex');

const short = (hash: string) => hash.slice(0, 12);
const updatedAtOf = (p: Record<string, unknown>): string | null => (typeof p.updatedAt === 'string' ? p.updatedAt : null);

/** The order both nodes apply to two changes of the same version: true when `a` stands. */
export function standsFirst(a: Pick<Change, 'origin' | 'updatedAt' | 'hash'>, b: Pick<Change, 'origin' | 'updatedAt' | 'hash'>): boolean {
  // ISO UTC strings with milliseconds, as both nodes send them: their text order is their time order.
  if (a.updatedAt !== null && b.updatedAt !== null && a.updatedAt !== b.updatedAt) return a.updatedAt < b.updatedAt;
  // Not by side: a rule that always let one side's change stand would favour that side. The hashes of two
  // different payloads differ, and neither node can pick its own without changing what it says.
  if (a.hash !== b.hash) return a.hash < b.hash;
  return a.origin < b.origin;
}

function lostReason(what: string, version: number, loser: Change, winner: Change): string {
  return `concurrent edit: version ${version} of the ${what} changed on the ${loser.origin} node (${short(loser.hash)}) lost to version ${version} changed on the ${winner.origin} node at the same time (${short(winner.hash)}); the earlier change stands on both nodes, the other is kept as a concurrent edit`;
}

/**
 * This node's own change that made the object's current version: its latest outbound event for the
 * object at that version, if the object still holds exactly that state (else the version here came from
 * the peer, and an incoming event of the same version is an ordinary stale one).
 */
async function ownChangeAt(tx: Tx, objectType: VersionedObjectType, objectId: string, version: number, side: string): Promise<Change | null> {
  const current = await stateOf(tx, objectType, objectId);
  if (!current) return null;
  const mine = await tx
    .select({ payload: federationEvents.payload })
    .from(federationEvents)
    .where(and(eq(federationEvents.objectType, objectType), eq(federationEvents.objectId, objectId)))
    .orderBy(desc(federationEvents.seq));
  const own = mine.find((r) => (JSON.parse(r.payload) as { version?: unknown }).version === version);
  if (!own || own.payload !== canonicalJson(current)) return null;
  const payload = JSON.parse(own.payload) as Record<string, unknown>;
  return { origin: side, updatedAt: updatedAtOf(payload), hash: payloadHash(own.payload), payload };
}

/** `updatedAt` of the object's version `version` as either node sent it (its event), or null when no event carried it. */
async function baseUpdatedAt(tx: Tx, objectType: VersionedObjectType, objectId: string, version: number): Promise<string | null> {
  const where = <T extends typeof federationEvents | typeof federationPeerEvents>(t: T) => and(eq(t.objectType, objectType), eq(t.objectId, objectId));
  const payloads = [
    ...(await tx.select({ payload: federationEvents.payload }).from(federationEvents).where(where(federationEvents))),
    ...(await tx.select({ payload: federationPeerEvents.payload }).from(federationPeerEvents).where(where(federationPeerEvents))),
  ].map((r) => JSON.parse(r.payload) as Record<string, unknown>);
  const dates = payloads.filter((p) => p.version === version).map(updatedAtOf).filter((d): d is string => d !== null).sort();
  return dates[0] ?? null;
}

async function keep(tx: Tx, objectType: VersionedObjectType, objectId: string, version: number, loser: Change, winner: Change, reason: string): Promise<void> {
  const groupId = objectType === 'group' ? objectId : String(loser.payload.groupId);
  await tx
    .insert(federationConcurrentEdits)
    .values({ objectType, objectId, hash: loser.hash, version, groupId, origin: loser.origin, payload: loser.payload, lostTo: winner.hash, winnerOrigin: winner.origin, reason })
    .onConflictDoNothing();
}

/**
 * Called by the apply when the peer's event carries the version this node holds, with other content.
 * Returns `stands` when the incoming change wins (this node's change is kept and the caller applies the
 * incoming one over it, the version staying the same), the outcome when it loses (kept, refused; nothing
 * else written) or when it was already kept (`noop`), and null when this node's version is not its own
 * concurrent change (the caller refuses it as stale).
 */
export async function settleConcurrentEdit(tx: Tx, e: PeerEventToApply, objectType: VersionedObjectType, what: string, version: number): Promise<'stands' | ApplyOutcome | null> {
  const hash = payloadHash(e.payload);
  const [known] = await tx
    .select({ hash: federationConcurrentEdits.hash })
    .from(federationConcurrentEdits)
    .where(and(eq(federationConcurrentEdits.objectType, objectType), eq(federationConcurrentEdits.objectId, e.objectId), eq(federationConcurrentEdits.hash, hash)));
  if (known) return { kind: 'noop' };
  const side = e.origin === 'US' ? 'CN' : 'US';
  const mine = await ownChangeAt(tx, objectType, e.objectId, version, side);
  if (!mine) return null;
  const payload = JSON.parse(e.payload) as Record<string, unknown>;
  const incoming: Change = { origin: e.origin, updatedAt: updatedAtOf(payload), hash, payload };
  // The earlier change stands, so a node could win every race by backdating: a change dated further
  // before the version it was made on than clocks may drift is refused (as a backdated minutes revision is).
  const base = incoming.updatedAt === null ? null : await baseUpdatedAt(tx, objectType, e.objectId, version - 1);
  if (base !== null && incoming.updatedAt !== null && !(Date.parse(incoming.updatedAt) >= Date.parse(base) - MAX_SKEW_MS)) {
    const reason = `concurrent edit: version ${version} of the ${what} from the ${e.origin} node is dated ${incoming.updatedAt}, more than ${MAX_SKEW_MS / 1000} s before version ${version - 1} it was made on (${base}); it cannot stand before this node's change`;
    await keep(tx, objectType, e.objectId, version, incoming, mine, reason);
    return { kind: 'refused', reason };
  }
  if (standsFirst(incoming, mine)) {
    await keep(tx, objectType, e.objectId, version, mine, incoming, lostReason(what, version, mine, incoming));
    return 'stands';
  }
  const reason = lostReason(what, version, incoming, mine);
  await keep(tx, objectType, e.objectId, version, incoming, mine, reason);
  return { kind: 'refused', reason };
}

export interface ConcurrentEdit {
  objectType: string;
  objectId: string;
  groupId: string;
  version: number;
  hash: string;
  origin: string;
  payload: Record<string, unknown>;
  lostTo: string;
  winnerOrigin: string;
  reason: string;
  recordedAt: string;
}

/** The changes that lost to a concurrent one, on either node, oldest first (of one group with `groupId`). */
export async function listConcurrentEdits(db: DbOrTx, groupId?: string): Promise<ConcurrentEdit[]> {
  const rows = await db
    .select()
    .from(federationConcurrentEdits)
    .where(groupId === undefined ? undefined : eq(federationConcurrentEdits.groupId, groupId))
    .orderBy(asc(federationConcurrentEdits.recordedAt), asc(federationConcurrentEdits.objectType), asc(federationConcurrentEdits.objectId), asc(federationConcurrentEdits.hash));
  return rows.map((r) => ({ objectType: r.objectType, objectId: r.objectId, groupId: r.groupId, version: r.version, hash: r.hash, origin: r.origin, payload: r.payload, lostTo: r.lostTo, winnerOrigin: r.winnerOrigin, reason: r.reason, recordedAt: r.recordedAt.toISOString() }));
}
