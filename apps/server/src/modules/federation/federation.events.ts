import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { NodeSide } from './federation.config.ts';
import { projectsAuthority, type ProjectObjectType } from './federation.projects.authority.ts';

/** Object types replicated today (operations: see authorityProblem and federation.apply.ts). */
export type FederationObjectType =
  | 'group'
  | 'group_member'
  | 'track'
  | 'round'
  | 'agenda_item'
  | 'convergence'
  | 'position'
  | 'minutes_revision'
  | 'minutes_approval'
  | 'action'
  | 'result'
  | 'milestone'
  | ProjectObjectType;

/** Replicated objects owned by the group's sides together: either side's node may send them; the receiver checks the origin is a side of the group. */
const JOINT: Record<string, string[]> = {
  group: ['put'],
  track: ['put'],
  round: ['put'],
  agenda_item: ['put'],
  convergence: ['change'],
  minutes_revision: ['add'],
  action: ['put'],
  result: ['put'],
  milestone: ['put'],
};

/** One event of a node's outbound log, as stored and as served to the peer. */
export interface FederationEvent {
  v: 1;
  /** The side of the node that wrote it. */
  origin: NodeSide;
  /** Dense per origin, from 1. */
  seq: number;
  objectType: string;
  objectId: string;
  op: string;
  /** RFC 8785 canonical JSON of the event's content. */
  payload: string;
  /** `hash` of the event seq - 1 (the genesis hash for seq 1). */
  prevHash: string;
  /** SHA-256 (hex) of the signing input. */
  hash: string;
  /** Ed25519 over the signing input, base64. */
  signature: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** RFC 8785 canonical JSON; refuses what JSON cannot carry exactly (undefined, functions, non-finite numbers). */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('this value has no canonical JSON form');
  return text;
}

/** The bytes that are hashed and signed: a domain prefix, then canonical JSON of every field but hash and signature. */
export function eventSigningInput(e: Omit<FederationEvent, 'hash' | 'signature'>): Buffer {
  const body = { v: e.v, origin: e.origin, seq: e.seq, objectType: e.objectType, objectId: e.objectId, op: e.op, payload: e.payload, prevHash: e.prevHash };
  return Buffer.from(`qiao-event/v1\n${canonicalJson(body)}`, 'utf8');
}

export function sealEvent(e: Omit<FederationEvent, 'v' | 'hash' | 'signature' | 'payload'> & { payload: unknown }, privateKey: KeyObject): FederationEvent {
  const unsigned = { ...e, v: 1 as const, payload: canonicalJson(e.payload) };
  const input = eventSigningInput(unsigned);
  return { ...unsigned, hash: createHash('sha256').update(input).digest('hex'), signature: sign(null, input, privateKey).toString('base64') };
}

/**
 * Who may say what, as far as the event alone shows. A position belongs to its side: only that side's
 * node emits it. An approval of minutes belongs to the approving co-chair's side. A membership belongs
 * to the member's side. A group names its sides, and only their nodes speak for it. The checks that
 * need this node's tables (the origin is a side of the object's group, the actor is that side's
 * co-chair) are made when the event is applied.
 */
export function authorityProblem(e: FederationEvent, payload: Record<string, unknown>): string | null {
  const joint = JOINT[e.objectType];
  if (joint) {
    if (!joint.includes(e.op)) return `unknown operation ${e.op} on a ${e.objectType}`;
    if (e.objectType === 'group' && !(Array.isArray(payload.sides) && payload.sides.includes(e.origin))) return `a working group of the sides ${JSON.stringify(payload.sides)} cannot come from the ${e.origin} node`;
    return null;
  }
  switch (e.objectType) {
    case 'group_member':
      if (e.op !== 'put' && e.op !== 'remove') return `unknown operation ${e.op} on a group member`;
      if (payload.side !== e.origin) return `a ${String(payload.side)}-side member can only be admitted or removed by the ${String(payload.side)} node, not the ${e.origin} node`;
      return null;
    case 'position':
      if (e.op !== 'put') return `unknown operation ${e.op} on a position`;
      if (payload.side !== e.origin) return `a ${String(payload.side)}-side position can only come from the ${String(payload.side)} node, not the ${e.origin} node`;
      return null;
    case 'minutes_approval':
      if (e.op !== 'approve') return `unknown operation ${e.op} on a minutes approval`;
      if (payload.side !== e.origin) return `an approval by the ${String(payload.side)} co-chair can only come from the ${String(payload.side)} node, not the ${e.origin} node`;
      return null;
    default:
      return projectsAuthority(e, payload);
  }
}

/**
 * `chained`: the event is correctly signed and chained but its origin had no right to say it
 * (authority). It is refused, never applied, yet the chain goes on past it; any other failure stops
 * the chain there.
 */
export type VerifyResult = { event: FederationEvent; accepted: true } | { event: FederationEvent; accepted: false; reason: string; chained?: true };

/**
 * Checks a batch of the peer's events in order against the last accepted (seq, hash): format, origin,
 * chain, hash, signature, then authority. The first failure but authority stops the chain: every later
 * event in the batch is rejected too (it cannot be chained to an accepted head), so nothing is ever
 * skipped over. An authority failure is refused and the chain goes on.
 */
export function verifyPeerEvents(events: readonly unknown[], opts: { peerSide: NodeSide; peerKey: KeyObject; head: { seq: number; hash: string } }): VerifyResult[] {
  const results: VerifyResult[] = [];
  let head = opts.head;
  let broken: string | null = null;
  for (const raw of events) {
    const event = raw as FederationEvent;
    if (broken) {
      results.push({ event, accepted: false, reason: `follows a rejected event (${broken})` });
      continue;
    }
    const reason = problemOf(raw, opts.peerSide, opts.peerKey, head);
    if (reason) {
      broken = `seq ${String(event?.seq)}`;
      results.push({ event, accepted: false, reason });
      continue;
    }
    const refusal = authorityProblem(event, JSON.parse(event.payload) as Record<string, unknown>);
    if (refusal) results.push({ event, accepted: false, reason: refusal, chained: true });
    else results.push({ event, accepted: true });
    head = { seq: event.seq, hash: event.hash };
  }
  return results;
}

function problemOf(raw: unknown, peerSide: NodeSide, peerKey: KeyObject, head: { seq: number; hash: string }): string | null {
  if (!isEventShape(raw)) return 'malformed event';
  const e = raw;
  if (e.origin !== peerSide) return `origin ${e.origin} is not the peer's side ${peerSide}`;
  if (e.seq !== head.seq + 1) return `sequence gap: expected seq ${head.seq + 1}, got ${e.seq}`;
  if (e.prevHash !== head.hash) return `broken chain: prevHash does not match the hash of seq ${head.seq}`;
  const input = eventSigningInput(e);
  if (createHash('sha256').update(input).digest('hex') !== e.hash) return 'hash does not match the event';
  if (!verify(null, input, peerKey, Buffer.from(e.signature, 'base64'))) return "signature does not verify with the peer's key";
  let payload: unknown;
  try {
    payload = JSON.parse(e.payload);
  } catch {
    return 'payload is not JSON';
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return 'payload is not an object';
  if (canonicalJson(payload) !== e.payload) return 'payload is not in canonical form';
  return null;
}

function isEventShape(x: unknown): x is FederationEvent {
  if (typeof x !== 'object' || x === null) return false;
  const e = x as Record<string, unknown>;
  return (
    e.v === 1 &&
    (e.origin === 'US' || e.origin === 'CN') &&
    Number.isSafeInteger(e.seq) &&
    (e.seq as number) >= 1 &&
    ['objectType', 'objectId', 'op', 'payload', 'prevHash', 'hash', 'signature'].every((k) => typeof e[k] === 'string')
  );
}
