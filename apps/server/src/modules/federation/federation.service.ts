import { and, asc, desc, eq, gt, lt, sql } from 'drizzle-orm';
import type { KeyObject } from 'node:crypto';
import type { Db, DbOrTx, Tx } from '../../db/client.ts';
import { AppError, isUniqueViolation } from '../../errors.ts';
import { applyPeerEvent } from './federation.apply.ts';
import type { FederationConfig, NodeSide } from './federation.config.ts';
import { GENESIS_HASH, sealEvent, verifyPeerEvents, type FederationEvent, type FederationObjectType, type VerifyResult } from './federation.events.ts';
import { loadOrCreateNodeKey, publicKeyFromRaw, type NodeKey } from './federation.keys.ts';
import { checkSignedRequest, MAX_SKEW_MS, nonceReplayed, signRequest } from './federation.request.ts';
import { federationEvents, federationHead, federationNonces, federationPeerEvents, federationPeerState, federationRejectedEvents } from './federation.schema.ts';

export const notConfigured = () => new AppError(404, 'federation_not_configured', 'federation is not configured on this node (QIAO_NODE_SIDE and QIAO_PEER_* are unset)');

/** What services call, inside their own transaction, when a replicated object changes. */
export interface FederationOutbox {
  readonly config: FederationConfig;
  emit(tx: DbOrTx, change: { objectType: FederationObjectType; objectId: string; op: string; payload: unknown }): Promise<FederationEvent>;
}

export interface FederationStatus {
  side: NodeSide;
  peer: { side: NodeSide; url: string | null; connected: boolean; lastSyncAt: string | null; lag: number | null; appliedSeq: number; waiting: string | null };
  head: { seq: number; hash: string };
}

export interface PullResult {
  /** Events taken into this node's copy of the peer's log (signature and chain verified). */
  accepted: number;
  /** Events refused at verification (kept with the reason; only an authority failure lets the chain go on). */
  rejected: { seq: number | null; reason: string }[];
  /** Events applied to this node's tables in this pull (re-deliveries included, as no-ops). */
  applied: number;
  /** Accepted events refused when applied (stale revision, origin not a side of the group...), with the reason. */
  refused: { seq: number; reason: string }[];
  /** Why the next event waits (a prerequisite not here yet), or null when all are applied. */
  waiting: string | null;
}

/** An event of the peer that was applied here (or found already so); given to onApplied listeners after commit. */
export interface AppliedPeerEvent {
  origin: NodeSide;
  seq: number;
  objectType: string;
  objectId: string;
  op: string;
  outcome: 'applied' | 'noop' | 'refused';
}

/** A refusal kept for the first time in a pull (verification or apply); given to onRefused listeners after commit. */
export interface RefusedPeerEvent {
  /** The row in federation_rejected_events. */
  id: string;
  origin: string | null;
  seq: number | null;
  reason: string;
}

/** The same bad event comes back on every pull until the peer fixes it: keep it once. Returns it when new. */
async function keepRejected(tx: Tx, r: { origin: string | null; seq: number | null; event: unknown; reason: string }, now: Date): Promise<RefusedPeerEvent | null> {
  const known = await tx
    .select({ id: federationRejectedEvents.id })
    .from(federationRejectedEvents)
    .where(and(r.seq === null ? sql`${federationRejectedEvents.seq} is null` : eq(federationRejectedEvents.seq, r.seq), eq(federationRejectedEvents.reason, r.reason), sql`${federationRejectedEvents.event} = ${JSON.stringify(r.event)}::jsonb`))
    .limit(1);
  if (known.length) return null;
  const [row] = await tx.insert(federationRejectedEvents).values({ origin: r.origin, seq: r.seq, event: r.event, reason: r.reason, receivedAt: now }).returning({ id: federationRejectedEvents.id });
  return row ? { id: row.id, origin: r.origin, seq: r.seq, reason: r.reason } : null;
}

function toEvent(origin: NodeSide, row: Pick<typeof federationEvents.$inferSelect, 'seq' | 'objectType' | 'objectId' | 'op' | 'payload' | 'prevHash' | 'hash' | 'signature'>): FederationEvent {
  return { v: 1, origin, seq: row.seq, objectType: row.objectType, objectId: row.objectId, op: row.op, payload: row.payload, prevHash: row.prevHash, hash: row.hash, signature: row.signature };
}

/** How long one pull waits for the peer's answer. */
const PULL_TIMEOUT_MS = 15_000;

/** This node's identity, outbound log, signed-request check and puller of the peer's log. */
export class FederationService implements FederationOutbox {
  readonly key: NodeKey;
  private readonly peerKey: KeyObject | null;
  private readonly appliedListeners: ((events: AppliedPeerEvent[]) => void | Promise<void>)[] = [];
  private readonly refusedListeners: ((refusals: RefusedPeerEvent[]) => void | Promise<void>)[] = [];

  constructor(
    private readonly db: Db,
    readonly config: FederationConfig,
    private readonly now: () => Date,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    this.key = loadOrCreateNodeKey(config.keyFile);
    this.peerKey = config.peer ? publicKeyFromRaw(config.peer.publicKey) : null;
  }

  /** Appends a signed event; the caller's transaction makes it part of the same write. */
  async emit(tx: DbOrTx, change: { objectType: FederationObjectType; objectId: string; op: string; payload: unknown }): Promise<FederationEvent> {
    // Taking the head row's lock serialises writers, so sequences are dense and commit in order.
    const [head] = await tx.update(federationHead).set({ seq: sql`${federationHead.seq} + 1` }).where(eq(federationHead.id, 1)).returning();
    if (!head) throw new Error('federation_head row is missing');
    const previous = head.seq === 1 ? null : await tx.select({ hash: federationEvents.hash }).from(federationEvents).where(eq(federationEvents.seq, head.seq - 1));
    const prevHash = previous ? (previous[0]?.hash ?? GENESIS_HASH) : GENESIS_HASH;
    // JSON round trip: dates become ISO strings, undefined members drop out, before canonical form.
    const payload: unknown = JSON.parse(JSON.stringify(change.payload));
    const event = sealEvent({ origin: this.config.side, seq: head.seq, objectType: change.objectType, objectId: change.objectId, op: change.op, payload, prevHash }, this.key.privateKey);
    await tx.insert(federationEvents).values({ seq: event.seq, objectType: event.objectType, objectId: event.objectId, op: event.op, payload: event.payload, prevHash: event.prevHash, hash: event.hash, signature: event.signature });
    await tx.update(federationHead).set({ hash: event.hash }).where(eq(federationHead.id, 1));
    return event;
  }

  async head(): Promise<{ seq: number; hash: string }> {
    const [row] = await this.db.select().from(federationEvents).orderBy(desc(federationEvents.seq)).limit(1);
    return row ? { seq: row.seq, hash: row.hash } : { seq: 0, hash: GENESIS_HASH };
  }

  async listEvents(after: number, limit: number): Promise<{ events: FederationEvent[]; head: { seq: number; hash: string } }> {
    const rows = await this.db.select().from(federationEvents).where(gt(federationEvents.seq, after)).orderBy(asc(federationEvents.seq)).limit(limit);
    return { events: rows.map((r) => toEvent(this.config.side, r)), head: await this.head() };
  }

  /** Refuses a request not signed by the peer node, signed too long ago, or replayed. */
  async authenticate(req: { method: string; url: string; headers: Record<string, string | string[] | undefined> }): Promise<void> {
    if (!this.peerKey) throw notConfigured();
    const now = this.now();
    const nonce = checkSignedRequest(req, { side: this.config.peerSide, publicKey: this.peerKey }, now);
    await this.db.delete(federationNonces).where(lt(federationNonces.seenAt, new Date(now.getTime() - 2 * MAX_SKEW_MS)));
    try {
      await this.db.insert(federationNonces).values({ nonce, seenAt: now });
    } catch (err: unknown) {
      if (isUniqueViolation(err)) throw nonceReplayed();
      throw err;
    }
  }

  /** Fetches the peer's next events, verifies them and keeps the accepted ones and the rejected ones with their reason. */
  async pullOnce(limit = 200): Promise<PullResult> {
    const peer = this.config.peer;
    if (!peer || !this.peerKey) throw notConfigured();
    const state = await this.peerState();
    const path = `/api/federation/events?after=${state.lastSeq}&limit=${limit}`;
    let body: { events: unknown[]; head: { seq: number; hash: string } };
    try {
      // A peer that stops answering must not hold the puller (or this node's shutdown) forever.
      const res = await this.fetchImpl(`${peer.url}${path}`, { headers: signRequest('GET', path, this.config.side, this.key.privateKey, this.now()), signal: AbortSignal.timeout(PULL_TIMEOUT_MS) });
      if (!res.ok) throw new Error(`the peer answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
      body = (await res.json()) as typeof body;
      if (!Array.isArray(body.events)) throw new Error('the peer answered without an events list');
    } catch (err: unknown) {
      await this.db.update(federationPeerState).set({ lastError: err instanceof Error ? err.message : String(err) }).where(eq(federationPeerState.side, this.config.peerSide));
      throw err;
    }
    const results = verifyPeerEvents(body.events, { peerSide: this.config.peerSide, peerKey: this.peerKey, head: { seq: state.lastSeq, hash: state.lastHash } });
    return this.keep(results, typeof body.head?.seq === 'number' ? body.head.seq : null);
  }

  private async keep(results: VerifyResult[], peerHeadSeq: number | null): Promise<PullResult> {
    const now = this.now();
    const out: PullResult = { accepted: 0, rejected: [], applied: 0, refused: [], waiting: null };
    let done: AppliedPeerEvent[] = [];
    const kept: RefusedPeerEvent[] = [];
    await this.db.transaction(async (tx) => {
      const [state] = await tx.select().from(federationPeerState).where(eq(federationPeerState.side, this.config.peerSide)).for('update');
      let last = state ? { seq: state.lastSeq, hash: state.lastHash } : { seq: 0, hash: GENESIS_HASH };
      for (const r of results) {
        if (r.accepted) {
          const e = r.event;
          // A concurrent pull may have kept it already: same (origin, seq), nothing to do.
          if (e.seq <= last.seq) continue;
          await tx.insert(federationPeerEvents).values({ origin: e.origin, seq: e.seq, objectType: e.objectType, objectId: e.objectId, op: e.op, payload: e.payload, prevHash: e.prevHash, hash: e.hash, signature: e.signature, receivedAt: now }).onConflictDoNothing();
          last = { seq: e.seq, hash: e.hash };
          out.accepted++;
          continue;
        }
        const seq = typeof r.event?.seq === 'number' && Number.isSafeInteger(r.event.seq) ? r.event.seq : null;
        const origin = typeof r.event?.origin === 'string' ? r.event.origin : null;
        out.rejected.push({ seq, reason: r.reason });
        if (r.chained && r.event.seq > last.seq) {
          // Signed and chained, but not the origin's to say: kept in the log as refused, and the chain goes on.
          const e = r.event;
          await tx.insert(federationPeerEvents).values({ origin: e.origin, seq: e.seq, objectType: e.objectType, objectId: e.objectId, op: e.op, payload: e.payload, prevHash: e.prevHash, hash: e.hash, signature: e.signature, receivedAt: now, outcome: 'refused', outcomeReason: r.reason, appliedAt: now }).onConflictDoNothing();
          last = { seq: e.seq, hash: e.hash };
        }
        const fresh = await keepRejected(tx, { origin, seq, event: r.event ?? null, reason: r.reason }, now);
        if (fresh) kept.push(fresh);
      }
      await tx.update(federationPeerState).set({ lastSeq: last.seq, lastHash: last.hash, lastSyncAt: now, peerHeadSeq, lastError: null }).where(eq(federationPeerState.side, this.config.peerSide));
      // Applied in the same transaction as the cursor moves: a crash leaves both as they were.
      done = await this.applyAccepted(tx, now, out, kept);
    });
    await this.notifyApplied(done);
    if (kept.length) for (const l of this.refusedListeners) await l(kept);
    return out;
  }

  /**
   * Applies the accepted peer events not applied yet, in sequence order. One whose prerequisite is not
   * here yet (its group, round, person...) waits and is tried again, never skipped; later events of
   * the same object wait behind it, later events of other objects go on (and may bring what it waits
   * for: the pass is repeated while it makes progress). `appliedSeq` moves over the handled prefix only.
   */
  private async applyAccepted(tx: Tx, now: Date, out: PullResult, kept: RefusedPeerEvent[]): Promise<AppliedPeerEvent[]> {
    const [state] = await tx.select().from(federationPeerState).where(eq(federationPeerState.side, this.config.peerSide)).for('update');
    if (!state) return [];
    const done: AppliedPeerEvent[] = [];
    for (let progress = true; progress; ) {
      progress = false;
      out.waiting = null;
      const rows = await tx
        .select()
        .from(federationPeerEvents)
        .where(and(eq(federationPeerEvents.origin, this.config.peerSide), gt(federationPeerEvents.seq, state.appliedSeq)))
        .orderBy(asc(federationPeerEvents.seq));
      const waitingObjects = new Set<string>();
      for (const row of rows) {
        // Already handled (applied in an earlier pass, a re-delivery, or refused at verification).
        if (row.outcome) {
          if (out.waiting === null) state.appliedSeq = row.seq;
          continue;
        }
        const key = `${row.objectType}\n${row.objectId}`;
        const result = waitingObjects.has(key)
          ? ({ kind: 'pending', reason: 'an earlier event of the same object waits' } as const)
          : await applyPeerEvent(tx, { origin: this.config.peerSide, seq: row.seq, objectType: row.objectType, objectId: row.objectId, op: row.op, payload: row.payload }, now);
        if (result.kind === 'pending') {
          waitingObjects.add(key);
          out.waiting ??= `seq ${row.seq} (${row.objectType} ${row.objectId}): ${result.reason}`;
          continue;
        }
        const reason = result.kind === 'refused' ? result.reason : null;
        await tx
          .update(federationPeerEvents)
          .set({ outcome: result.kind, outcomeReason: reason, appliedAt: now })
          .where(and(eq(federationPeerEvents.origin, row.origin), eq(federationPeerEvents.seq, row.seq)));
        if (reason) {
          out.refused.push({ seq: row.seq, reason });
          const fresh = await keepRejected(tx, { origin: row.origin, seq: row.seq, event: toEvent(this.config.peerSide, row), reason }, now);
          if (fresh) kept.push(fresh);
        } else out.applied++;
        done.push({ origin: this.config.peerSide, seq: row.seq, objectType: row.objectType, objectId: row.objectId, op: row.op, outcome: result.kind });
        if (out.waiting === null) state.appliedSeq = row.seq;
        // Something new is here: what waits may be able to go now.
        else if (result.kind === 'applied') progress = true;
      }
    }
    await tx.update(federationPeerState).set({ appliedSeq: state.appliedSeq, applyError: out.waiting }).where(eq(federationPeerState.side, this.config.peerSide));
    return done;
  }

  /**
   * Called after each pull's transaction commits with the peer events it applied (or refused, or found
   * already so), in sequence order. A listener's failure is logged by the caller of pullOnce, never undone.
   */
  onApplied(listener: (events: AppliedPeerEvent[]) => void | Promise<void>): void {
    this.appliedListeners.push(listener);
  }

  /**
   * Called after each pull's transaction commits with the refusals kept for the first time in it: events
   * that failed verification (a bad signature, a broken chain, an origin without authority) or were
   * refused on apply. A refusal already kept by an earlier pull is not given again.
   */
  onRefused(listener: (refusals: RefusedPeerEvent[]) => void | Promise<void>): void {
    this.refusedListeners.push(listener);
  }

  private async notifyApplied(events: AppliedPeerEvent[]): Promise<void> {
    if (!events.length) return;
    for (const l of this.appliedListeners) await l(events);
  }

  private async peerState(): Promise<typeof federationPeerState.$inferSelect> {
    await this.db.insert(federationPeerState).values({ side: this.config.peerSide, lastSeq: 0, lastHash: GENESIS_HASH }).onConflictDoNothing();
    const [state] = await this.db.select().from(federationPeerState).where(eq(federationPeerState.side, this.config.peerSide));
    if (!state) throw new Error('federation_peer_state row is missing');
    return state;
  }

  async listRejected(limit = 100): Promise<{ origin: string | null; seq: number | null; reason: string; receivedAt: string; event: unknown }[]> {
    const rows = await this.db.select().from(federationRejectedEvents).orderBy(desc(federationRejectedEvents.receivedAt)).limit(limit);
    return rows.map((r) => ({ origin: r.origin, seq: r.seq, reason: r.reason, receivedAt: r.receivedAt.toISOString(), event: r.event }));
  }

  async status(): Promise<FederationStatus> {
    const [state] = await this.db.select().from(federationPeerState).where(eq(federationPeerState.side, this.config.peerSide));
    // How many of the peer's events (as of its head at the last pull) are not applied here yet.
    const lag = state?.peerHeadSeq !== null && state?.peerHeadSeq !== undefined ? Math.max(0, state.peerHeadSeq - state.appliedSeq) : null;
    return {
      side: this.config.side,
      peer: {
        side: this.config.peerSide,
        url: this.config.peer?.url ?? null,
        connected: !!state?.lastSyncAt && state.lastError === null,
        lastSyncAt: state?.lastSyncAt?.toISOString() ?? null,
        lag,
        appliedSeq: state?.appliedSeq ?? 0,
        waiting: state?.applyError ?? null,
      },
      head: await this.head(),
    };
  }
}
