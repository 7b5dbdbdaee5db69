import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import { contentHashOf, verifyChain, type RecordEntry } from '@qiao/contracts';
import { and, asc, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { listEntries } from '../record/record.repository.ts';
import type { NodeSide } from './federation.config.ts';
import { canonicalJson, GENESIS_HASH } from './federation.events.ts';
import { federationCheckpointRefusals, federationCheckpoints } from './federation.checkpoints.schema.ts';
import { publicKeyFromRaw, type NodeKey } from './federation.keys.ts';
import { signRequest } from './federation.request.ts';

/**
 * Co-signed record checkpoints between the two nodes.
 *
 * Each node keeps the whole record (record_entries) in its own order, so the platform-wide chain and
 * its sequence numbers differ between the nodes. What both copies share is each working group's own
 * record: its entries in order, with the same kind, entity and content. A checkpoint therefore
 * covers one group's record, hashed on its own:
 *
 *   head_0 = 64 zeros
 *   head_n = SHA-256("qiao-group-record/v1\n" ‖ canonicalJson({ groupId, n, kind, entityId, contentHash, prev: head_(n-1) }))
 *
 * where contentHash = SHA-256(canonicalJson(content)) is recomputed from the stored content, never read
 * from its column. The statement signed by both nodes is the RFC 8785 canonical JSON of
 *
 *   { format: "qiao-federated-checkpoint/v1", origin, groupId, length, headHash, takenAt }
 *
 * (origin: the side of the node that took it; takenAt: its clock, ISO UTC), and each signature is
 * Ed25519 with the node key over the bytes "qiao-checkpoint/v1\n" ‖ statement. The other node signs the
 * very same bytes only after recomputing head_length from its own copy of the group's record.
 */

export const CHECKPOINT_FORMAT = 'qiao-federated-checkpoint/v1';
const GROUP_RECORD_PREFIX = 'qiao-group-record/v1\n';
const SIGNING_PREFIX = 'qiao-checkpoint/v1\n';
// Serialises taking checkpoints, so two passes at once do not both take one for the same head.
const TAKE_LOCK = 5_151_500_016;

export interface CheckpointStatement {
  format: typeof CHECKPOINT_FORMAT;
  origin: NodeSide;
  groupId: string;
  length: number;
  headHash: string;
  takenAt: string;
}

/** A checkpoint as the nodes exchange it: the statement exactly as signed, and the signatures each node made. */
export interface WireCheckpoint {
  statement: string;
  signatures: Partial<Record<NodeSide, string>>;
}

export interface CheckpointView {
  id: string;
  origin: NodeSide;
  groupId: string;
  length: number;
  headHash: string;
  takenAt: string;
  signedBy: NodeSide[];
  /** Both nodes signed it. */
  final: boolean;
}

export interface SyncResult {
  taken: number;
  /** The peer's checkpoints this node signed now. */
  cosigned: number;
  /** This node's checkpoints the peer's signature arrived for. */
  completed: number;
  /** The peer's checkpoints over more of a group's record than this node holds yet. */
  pending: number;
  refused: string[];
}

export interface FederatedVerifyReport {
  ok: boolean;
  entries: number;
  /** Co-signed checkpoints checked (this node's and, when reachable, the peer's). */
  checked: number;
  /** Whether the peer's copies of the checkpoints were fetched and checked too. */
  peerAsked: boolean;
  failures: string[];
  notes: string[];
}

export const checkpointSigningInput = (statement: string) => Buffer.from(`${SIGNING_PREFIX}${statement}`, 'utf8');

export function statementText(s: Omit<CheckpointStatement, 'format'>): string {
  return canonicalJson({ format: CHECKPOINT_FORMAT, origin: s.origin, groupId: s.groupId, length: s.length, headHash: s.headHash, takenAt: s.takenAt });
}

/** The statement, or null when the text is not exactly a checkpoint statement in canonical form. */
export function parseStatement(text: unknown): CheckpointStatement | null {
  if (typeof text !== 'string') return null;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const s = v as Record<string, unknown>;
  if (s.format !== CHECKPOINT_FORMAT || (s.origin !== 'US' && s.origin !== 'CN')) return null;
  if (typeof s.groupId !== 'string' || !s.groupId || typeof s.takenAt !== 'string' || Number.isNaN(Date.parse(s.takenAt))) return null;
  if (!Number.isSafeInteger(s.length) || (s.length as number) < 1 || typeof s.headHash !== 'string' || !/^[0-9a-f]{64}$/.test(s.headHash)) return null;
  const statement = s as unknown as CheckpointStatement;
  return statementText(statement) === text ? statement : null;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Every group's heads: heads.get(g)[n - 1] is head_n of group g's record. */
export async function groupHeads(entries: readonly RecordEntry[]): Promise<Map<string, string[]>> {
  const heads = new Map<string, string[]>();
  for (const e of entries) {
    const list = heads.get(e.groupId) ?? [];
    const contentHash = await contentHashOf(e.content);
    const prev = list.at(-1) ?? GENESIS_HASH;
    list.push(sha256(`${GROUP_RECORD_PREFIX}${canonicalJson({ groupId: e.groupId, n: list.length + 1, kind: e.kind, entityId: e.entityId, contentHash, prev })}`));
    heads.set(e.groupId, list);
  }
  return heads;
}

const nameOf = (s: CheckpointStatement) => `checkpoint of group ${s.groupId} at length ${s.length} (taken by the ${s.origin} node at ${s.takenAt})`;
const short = (h: string) => `${h.slice(0, 12)}…`;

/** Takes, exchanges, co-signs and verifies checkpoints of the shared record with the peer node. */
export class FederationCheckpoints {
  private readonly peerKey: KeyObject | null;
  readonly side: NodeSide;
  readonly peerSide: NodeSide;

  constructor(
    private readonly db: Db,
    private readonly node: { key: NodeKey; config: { side: NodeSide; peerSide: NodeSide; peer: { url: string; publicKey: Buffer } | null } },
    private readonly now: () => Date = () => new Date(),
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    this.side = node.config.side;
    this.peerSide = node.config.peerSide;
    this.peerKey = node.config.peer ? publicKeyFromRaw(node.config.peer.publicKey) : null;
  }

  private signatureOf(row: typeof federationCheckpoints.$inferSelect, side: NodeSide): string | null {
    return side === 'US' ? row.usSignature : row.cnSignature;
  }

  private column(side: NodeSide): 'usSignature' | 'cnSignature' {
    return side === 'US' ? 'usSignature' : 'cnSignature';
  }

  private signs(key: KeyObject, statement: string, signature: string | null | undefined): boolean {
    if (typeof signature !== 'string' || !/^[A-Za-z0-9+/]{86}==$/.test(signature)) return false;
    return verify(null, checkpointSigningInput(statement), key, Buffer.from(signature, 'base64'));
  }

  /** Signs a checkpoint over the head of every group whose record grew since its last checkpoint. */
  async take(): Promise<number> {
    const heads = await groupHeads(await listEntries(this.db));
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${TAKE_LOCK})`);
      let taken = 0;
      for (const [groupId, list] of heads) {
        const length = list.length;
        const headHash = list[length - 1] ?? GENESIS_HASH;
        const known = await tx
          .select({ id: federationCheckpoints.id })
          .from(federationCheckpoints)
          .where(and(eq(federationCheckpoints.groupId, groupId), eq(federationCheckpoints.length, length), eq(federationCheckpoints.headHash, headHash)))
          .limit(1);
        if (known.length) continue;
        const takenAt = this.now().toISOString();
        const statement = statementText({ origin: this.side, groupId, length, headHash, takenAt });
        const signature = sign(null, checkpointSigningInput(statement), this.node.key.privateKey).toString('base64');
        await tx.insert(federationCheckpoints).values({ origin: this.side, groupId, length, headHash, takenAt, statement, [this.column(this.side)]: signature }).onConflictDoNothing();
        taken++;
      }
      return taken;
    });
  }

  /** Every checkpoint this node holds, with the signatures it has: what the peer fetches. */
  async list(): Promise<WireCheckpoint[]> {
    const rows = await this.db.select().from(federationCheckpoints).orderBy(asc(federationCheckpoints.createdAt), asc(federationCheckpoints.id));
    return rows.map((r) => ({ statement: r.statement, signatures: { ...(r.usSignature ? { US: r.usSignature } : {}), ...(r.cnSignature ? { CN: r.cnSignature } : {}) } }));
  }

  /** The peer's checkpoints, fetched with a request signed by this node's key. */
  async fetchPeer(): Promise<unknown[]> {
    const peer = this.node.config.peer;
    if (!peer) throw new Error('no peer node is configured');
    const path = '/api/federation/checkpoints';
    const res = await this.fetchImpl(`${peer.url}${path}`, { headers: signRequest('GET', path, this.side, this.node.key.privateKey, this.now()), signal: AbortSignal.timeout(15_000) });
    if (!res.ok) throw new Error(`the peer answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    const body = (await res.json()) as { items?: unknown };
    const items: unknown = body.items;
    if (!Array.isArray(items)) throw new Error('the peer answered without a checkpoint list');
    return items as unknown[];
  }

  /**
   * Fetches the peer's checkpoints and co-signs or completes what matches, then takes this node's own
   * for the heads no checkpoint covers yet. A peer that cannot be reached does not stop the taking.
   */
  async sync(): Promise<SyncResult> {
    let received: SyncResult | null = null;
    let failure: unknown = null;
    try {
      received = await this.receive(await this.fetchPeer());
    } catch (err: unknown) {
      failure = err;
    }
    const taken = await this.take();
    if (!received) throw failure;
    return { ...received, taken };
  }

  /** Handles the peer's list: verifies its signatures, co-signs what this node's copy matches, keeps the rest as refusals. */
  async receive(items: readonly unknown[]): Promise<SyncResult> {
    const out: SyncResult = { taken: 0, cosigned: 0, completed: 0, pending: 0, refused: [] };
    if (!this.peerKey) throw new Error('no peer node is configured');
    const heads = await groupHeads(await listEntries(this.db));
    for (const raw of items) {
      const item = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<WireCheckpoint>;
      const statementRaw = typeof item.statement === 'string' ? item.statement : JSON.stringify(raw ?? null);
      const s = parseStatement(item.statement);
      const refuse = async (reason: string) => {
        out.refused.push(reason);
        await this.keepRefusal(s?.origin ?? null, statementRaw, reason);
      };
      if (!s) {
        await refuse('malformed checkpoint: the statement is not a canonical qiao-federated-checkpoint/v1 statement');
        continue;
      }
      const signatures = (typeof item.signatures === 'object' && item.signatures !== null ? item.signatures : {}) as Partial<Record<string, unknown>>;
      const peerSig = signatures[this.peerSide];
      if (peerSig === undefined) {
        // One of this node's checkpoints the peer has not signed (yet): nothing to learn.
        if (s.origin === this.side) continue;
        await refuse(`${nameOf(s)}: carries no signature of the ${this.peerSide} node`);
        continue;
      }
      if (!this.signs(this.peerKey, item.statement as string, typeof peerSig === 'string' ? peerSig : null)) {
        await refuse(`${nameOf(s)}: the ${this.peerSide} node's signature does not verify with the configured peer key (forged or edited)`);
        continue;
      }
      const statement = item.statement as string;
      const [row] = await this.db.select().from(federationCheckpoints).where(eq(federationCheckpoints.statement, statement));
      if (s.origin === this.side) {
        // This node's own statement coming back co-signed: it must carry this node's valid signature.
        const own = signatures[this.side];
        if (!this.signs(this.node.key.publicKey, statement, typeof own === 'string' ? own : null)) {
          await refuse(`${nameOf(s)}: names this node as the one that took it but does not carry this node's valid signature`);
          continue;
        }
        if (row && this.signatureOf(row, this.peerSide)) continue;
        await this.store(s, statement, { [this.side]: own as string, [this.peerSide]: peerSig as string });
        out.completed++;
        continue;
      }
      if (row && this.signatureOf(row, this.side)) continue;
      const local = heads.get(s.groupId) ?? [];
      if (local.length < s.length) {
        out.pending++;
        continue;
      }
      const mine = local[s.length - 1] ?? '';
      if (mine !== s.headHash) {
        await refuse(`${nameOf(s)}: this node's copy of the group's record hashes to ${short(mine)} at that length, not ${short(s.headHash)}`);
        continue;
      }
      const signature = sign(null, checkpointSigningInput(statement), this.node.key.privateKey).toString('base64');
      await this.store(s, statement, { [this.side]: signature, [this.peerSide]: peerSig as string });
      out.cosigned++;
    }
    return out;
  }

  private async store(s: CheckpointStatement, statement: string, sigs: Partial<Record<NodeSide, string>>): Promise<void> {
    const set = { ...(sigs.US ? { usSignature: sigs.US } : {}), ...(sigs.CN ? { cnSignature: sigs.CN } : {}) };
    await this.db
      .insert(federationCheckpoints)
      .values({ origin: s.origin, groupId: s.groupId, length: s.length, headHash: s.headHash, takenAt: s.takenAt, statement, ...set })
      .onConflictDoUpdate({ target: federationCheckpoints.statement, set });
  }

  private async keepRefusal(origin: NodeSide | null, statement: string, reason: string): Promise<void> {
    // The same checkpoint comes back on every exchange: keep each refusal once.
    const known = await this.db
      .select({ id: federationCheckpointRefusals.id })
      .from(federationCheckpointRefusals)
      .where(and(eq(federationCheckpointRefusals.statement, statement), eq(federationCheckpointRefusals.reason, reason)))
      .limit(1);
    if (!known.length) await this.db.insert(federationCheckpointRefusals).values({ origin, statement, reason, receivedAt: this.now() });
  }

  /** What the admin page shows: the checkpoints newest first, and the refused ones with their reason. */
  async overview(limit = 200): Promise<{ items: CheckpointView[]; refused: { origin: string | null; reason: string; receivedAt: string }[] }> {
    const rows = await this.db.select().from(federationCheckpoints).orderBy(desc(federationCheckpoints.createdAt)).limit(limit);
    const refused = await this.db.select().from(federationCheckpointRefusals).orderBy(desc(federationCheckpointRefusals.receivedAt)).limit(limit);
    return {
      items: rows.map((r) => {
        const signedBy = (['CN', 'US'] as const).filter((side) => this.signatureOf(r, side));
        return { id: r.id, origin: r.origin as NodeSide, groupId: r.groupId, length: r.length, headHash: r.headHash, takenAt: r.takenAt, signedBy, final: signedBy.length === 2 };
      }),
      refused: refused.map((r) => ({ origin: r.origin, reason: r.reason, receivedAt: r.receivedAt.toISOString() })),
    };
  }

  /**
   * Proves this node's copy of the record against every checkpoint both nodes signed: the chain is
   * recomputed from the stored rows, both signatures are checked with this node's key and the
   * configured peer key, and each group's record is re-hashed up to the signed length. With askPeer,
   * the peer's co-signed checkpoints are fetched and checked too, so deleting them here hides nothing.
   */
  async verifyFederated(opts: { askPeer?: boolean } = {}): Promise<FederatedVerifyReport> {
    if (!this.peerKey) throw new Error('no peer node is configured: set QIAO_PEER_URL and QIAO_PEER_PUBLIC_KEY');
    const entries = await listEntries(this.db);
    const failures: string[] = [];
    const notes: string[] = [];
    const chain = await verifyChain(entries);
    if (chain.firstBreak) failures.push(`entry ${chain.firstBreak.seq}: ${chain.firstBreak.reason}: ${chain.firstBreak.message}`);

    const rows = await this.db
      .select()
      .from(federationCheckpoints)
      .where(and(isNotNull(federationCheckpoints.usSignature), isNotNull(federationCheckpoints.cnSignature)))
      .orderBy(asc(federationCheckpoints.groupId), asc(federationCheckpoints.length));
    const cosigned = new Map<string, Partial<Record<NodeSide, string | null>>>(rows.map((r) => [r.statement, { US: r.usSignature, CN: r.cnSignature }]));
    let peerAsked = false;
    if (opts.askPeer && this.node.config.peer) {
      try {
        for (const raw of await this.fetchPeer()) {
          const item = raw as Partial<WireCheckpoint>;
          if (typeof item?.statement !== 'string' || !item.signatures?.US || !item.signatures.CN || cosigned.has(item.statement)) continue;
          // Kept by the peer only: it must hold here just the same.
          cosigned.set(item.statement, { US: item.signatures.US, CN: item.signatures.CN });
          notes.push(`checkpoint ${parseStatement(item.statement) ? nameOf(parseStatement(item.statement) as CheckpointStatement) : '(malformed)'} is co-signed on the peer but not stored here`);
        }
        peerAsked = true;
      } catch (err: unknown) {
        notes.push(`the peer node could not be asked for its checkpoints (${err instanceof Error ? err.message : String(err)}): only the checkpoints stored here were checked`);
      }
    }

    const heads = await groupHeads(entries);
    const keys: Record<NodeSide, KeyObject> = { [this.side]: this.node.key.publicKey, [this.peerSide]: this.peerKey } as Record<NodeSide, KeyObject>;
    for (const [statement, sigs] of cosigned) {
      const s = parseStatement(statement);
      if (!s) {
        failures.push(`a co-signed checkpoint is not a canonical qiao-federated-checkpoint/v1 statement (it was edited): ${statement.slice(0, 120)}`);
        continue;
      }
      const bad = (['US', 'CN'] as const).filter((side) => !this.signs(keys[side], statement, sigs[side]));
      if (bad.length) {
        failures.push(`${nameOf(s)}: the ${bad.join(' and ')} signature${bad.length > 1 ? 's do' : ' does'} not verify with ${bad.map((side) => (side === this.side ? "this node's key" : 'the configured peer key')).join(' and ')} (forged or edited)`);
        continue;
      }
      const local = heads.get(s.groupId) ?? [];
      if (local.length < s.length) {
        failures.push(`${nameOf(s)}: this node's copy of the group's record has ${local.length} entr${local.length === 1 ? 'y' : 'ies'}, both nodes signed ${s.length}: entries were removed`);
        continue;
      }
      const mine = local[s.length - 1] ?? '';
      if (mine !== s.headHash) failures.push(`${nameOf(s)}: this node's copy hashes to ${short(mine)} at that length, both nodes signed ${short(s.headHash)}: the group's record was edited or rewritten`);
    }
    return { ok: failures.length === 0, entries: entries.length, checked: cosigned.size, peerAsked, failures, notes };
  }
}
