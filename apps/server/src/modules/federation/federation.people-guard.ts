import { evaluateTransfer } from '@qiao/policy';
import { createHash } from 'node:crypto';
import { and, count, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { groupMembers } from '../groups/group.schema.ts';
import { users } from '../users/user.schema.ts';
import type { NodeSide, TransferSettings } from './federation.config.ts';
import { federationPeopleSent, federationWithheld } from './federation.projects.schema.ts';
import { federationReplicas } from './federation.schema.ts';
import type { FederationOutbox } from './federation.service.ts';

/**
 * The exporting side's transfer review of people's minimal profiles (display name, side, role in the
 * group), which cross inside `group_member` events. Before a profile is sent, this node evaluates the
 * transfer of personal information to the peer with the policy package: the subjects are the distinct
 * people whose profile this node has sent to the peer since 1 January of the current year (UTC),
 * counted from its own outbound log, this person included, and the count is cumulative. The
 * operator's facts (QIAO_TRANSFER_CIIO, QIAO_TRANSFER_EXEMPTION) go in as the review's context.
 *
 * The profile is withheld when the verdict is `prohibited`, or when it is `conditions` and one of the
 * conditions is a transfer mechanism the law requires before the data leaves (a security assessment,
 * a standard contract or certification, the US security requirements) that the operator has not
 * recorded as in place (QIAO_TRANSFER_MECHANISMS). Other conditions (notice and separate consent,
 * counting) are sent with the profile, recorded in its `transfer` field. A withheld profile crosses
 * as a stub: the person's id, side and role, a neutral placeholder instead of the name, and the
 * verdict with its reason and the findings and conditions that withheld it.
 */

type P = Record<string, unknown>;

/** Conditions that are a transfer mechanism needed before the data may leave: never assumed met. */
export const MECHANISMS: ReadonlySet<string> = new Set(['cn-cac-security-assessment', 'cn-standard-contract-or-certification', 'cn-judicial-approval', 'us-cisa-security-requirements', 'us-dsp-compliance-program', 'us-dsp-classify-transaction']);

const PLACEHOLDER: Record<NodeSide, string> = { US: 'A US participant · 一位美方参与者', CN: 'A CN participant · 一位中方参与者' };

/** The neutral name a withheld person of `side` carries on both nodes. */
export const withheldName = (side: string): string => PLACEHOLDER[side as NodeSide] ?? `A ${side} participant`;

/** A member with the minimal profile the other node needs: display name and side, never the e-mail. */
export async function memberState(db: DbOrTx, groupId: string, userId: string): Promise<Record<string, unknown> | null> {
  const [m] = await db
    .select({ m: groupMembers, displayName: users.displayName })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId)));
  return m ? { groupId, userId, side: m.m.side, role: m.m.role, joinedAt: m.m.joinedAt, displayName: m.displayName } : null;
}

const yearOf = (now: Date): number => now.getUTCFullYear();

/** A person as the events name them: the minimal profile. */
export interface Profile {
  id: string;
  displayName: string;
  side: string;
}

/** What the exporting side's review of people's profiles takes: this node's side, the operator's settings, the time. */
export interface PeopleGuardContext {
  side: NodeSide;
  transfer: TransferSettings;
  now: Date;
}

/**
 * Keeps what this node withheld from the peer (or the peer's stub, on the receiving node) in
 * `federation_withheld`; a payload sent whole removes the row.
 */
export async function recordWithheld(tx: DbOrTx, objectType: string, objectId: string, payload: P, exporter: string, seq: number, now: Date): Promise<void> {
  await tx.delete(federationWithheld).where(and(eq(federationWithheld.objectType, objectType), eq(federationWithheld.objectId, objectId)));
  if (payload.withheld !== true) return;
  const transfer = payload.transfer as { direction: string; verdict: string };
  await tx.insert(federationWithheld).values({ objectType, objectId, exporter, direction: transfer.direction, verdict: transfer.verdict, stub: payload, at: now, seq });
}

/** The people among `ids` whose profile came from the peer (replicas): sending them back transfers nothing new. */
async function peerPeople(db: DbOrTx, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: federationReplicas.objectId })
    .from(federationReplicas)
    .where(and(eq(federationReplicas.objectType, 'person'), inArray(federationReplicas.objectId, [...ids])));
  return new Set(rows.map((r) => r.id));
}

/** How many distinct people this node has sent in full since 1 January (UTC) of `year`, and which of `ids` are among them. */
export async function peopleSentIn(db: DbOrTx, year: number, ids: readonly string[] = []): Promise<{ count: number; sent: Set<string> }> {
  const [total] = await db.select({ n: count() }).from(federationPeopleSent).where(eq(federationPeopleSent.year, year));
  const sent =
    ids.length === 0
      ? []
      : await db
          .select({ id: federationPeopleSent.personId })
          .from(federationPeopleSent)
          .where(and(eq(federationPeopleSent.year, year), inArray(federationPeopleSent.personId, [...ids])));
  return { count: Number(total?.n ?? 0), sent: new Set(sent.map((r) => r.id)) };
}

/**
 * The exporting side's review of the people an event names. People from the peer go back as they came;
 * the others are reviewed together: the subjects are the distinct people sent in full since 1 January
 * plus those of this event not sent yet. Returns each person as sent, by id: the profile (with the
 * review's `transfer` when its verdict is not `allowed`) or the withheld stub (id, side, neutral name,
 * `withheld`, `transfer`). The result is stable while the verdict is, so an unchanged object is not sent again.
 */
export async function guardProfiles(db: DbOrTx, ctx: PeopleGuardContext, profiles: readonly Profile[]): Promise<Map<string, P>> {
  const out = new Map<string, P>();
  const fromPeer = await peerPeople(db, [...new Set(profiles.map((p) => p.id))]);
  const reviewed = profiles.filter((p) => !fromPeer.has(p.id));
  for (const p of profiles) if (fromPeer.has(p.id)) out.set(p.id, { id: p.id, displayName: p.displayName, side: p.side });
  if (reviewed.length === 0) return out;
  const ids = [...new Set(reviewed.map((p) => p.id))];
  const { count: already, sent } = await peopleSentIn(db, yearOf(ctx.now), ids);
  const review = reviewProfiles(ctx.side, ctx.transfer, already + ids.filter((id) => !sent.has(id)).length);
  for (const p of reviewed) {
    const profile = { id: p.id, displayName: p.displayName, side: p.side };
    if (review.withheld) out.set(p.id, { ...profile, displayName: withheldName(p.side), withheld: true, transfer: review.transfer });
    else out.set(p.id, review.verdict === 'allowed' ? profile : { ...profile, transfer: review.transfer });
  }
  return out;
}

/**
 * After an event naming people is appended: the people sent in full are counted for the year (the
 * peer's own people are not), and each withheld one is kept in `federation_withheld` (as `person`),
 * while one sent in full leaves it.
 */
export async function notePeopleSent(tx: DbOrTx, people: readonly P[], event: { origin: string; seq: number }, now: Date): Promise<void> {
  const byId = new Map(people.map((p) => [String(p.id), p]));
  const fromPeer = await peerPeople(tx, [...byId.keys()]);
  const sent = [...byId.entries()].filter(([id, p]) => !fromPeer.has(id) && p.withheld !== true).map(([id]) => id);
  if (sent.length > 0) {
    await tx
      .insert(federationPeopleSent)
      .values(sent.map((personId) => ({ year: yearOf(now), personId, seq: event.seq, at: now })))
      .onConflictDoNothing();
  }
  for (const [id, p] of byId) if (!fromPeer.has(id)) await recordWithheld(tx, 'person', id, p, event.origin, event.seq, now);
}

/** A dataset creator's reference in the count of people sent and the withheld list (creators have no id): a hash of the name. */
export const creatorRef = (name: string): string => `creator:${createHash('sha256').update(name.normalize('NFC').trim().toLowerCase(), 'utf8').digest('hex').slice(0, 32)}`;

/** The people a payload names: a member, a proposal's proposer, people named as its parties, reviewers and co-chairs signing off, a catalogue entry's steward. */
export function peopleIn(objectType: string, payload: P): P[] {
  const people: unknown[] = [];
  if (objectType === 'group_member') people.push({ id: payload.userId, ...payload });
  if (objectType === 'project') {
    people.push(payload.createdBy);
    // People named as parties, by their directory id, as the proposal's parties carry them.
    for (const r of (payload.parties as P[] | undefined) ?? []) {
      const profile = r.profile as P | null | undefined;
      if (r.kind === 'person' && profile) people.push({ ...profile, id: r.partyId, displayName: profile.name });
    }
  }
  if (objectType === 'project' || objectType === 'project_side') {
    for (const r of (payload.reviews as P[] | undefined) ?? []) people.push(r.reviewer);
    for (const s of (payload.signOffs as P[] | undefined) ?? []) people.push(s.coChair);
  }
  if (objectType === 'dataset') {
    people.push(payload.steward);
    // Creators have no id: a withheld one carries its reference, a sent one is counted by its name's.
    for (const c of (payload.creators as P[] | undefined) ?? []) {
      if (c.withheld === true) people.push({ ...c, id: c.ref, displayName: c.name });
      else if (typeof c.name === 'string') people.push({ ...c, id: creatorRef(c.name), displayName: c.name });
    }
  }
  return people.filter((p): p is P => !!p && typeof p === 'object' && typeof (p as P).id === 'string');
}

export interface PersonReview {
  direction: string;
  verdict: string;
  subjects: number;
  withheld: boolean;
  /** As sent: `direction`, `verdict`, and `conditions` (ids); a withheld one adds the reason and what withheld it. */
  transfer: P;
}

/** The exporting side's review of sending one more person's profile to the peer (the count includes this person). */
export async function reviewPerson(db: DbOrTx, side: NodeSide, settings: TransferSettings, userId: string, now: Date): Promise<PersonReview> {
  const { count: already, sent } = await peopleSentIn(db, yearOf(now), [userId]);
  return reviewProfiles(side, settings, already + (sent.has(userId) ? 0 : 1));
}

/** The review of personal information of `subjects` people (cumulative since 1 January) from `side` to the other side. */
export function reviewProfiles(side: NodeSide, settings: TransferSettings, subjects: number): PersonReview {
  const direction = side === 'US' ? 'US-CN' : 'CN-US';
  const review = evaluateTransfer(
    {
      categories: [{ category: 'personal-information', subjects, cumulativeSinceJan1: true }],
      cn: { ciio: settings.ciio, ...(settings.exemption ? { exemption: settings.exemption } : {}) },
    },
    direction,
  );
  const missing = review.conditions.filter((c) => MECHANISMS.has(c.id) && !settings.mechanisms.includes(c.id));
  const withheld = review.verdict === 'prohibited' || missing.length > 0;
  const conditions = review.conditions.map((c) => c.id);
  if (!withheld) return { direction, verdict: review.verdict, subjects, withheld, transfer: { direction, verdict: review.verdict, conditions } };
  const reason =
    review.verdict === 'prohibited'
      ? { en: review.reason.en, zh: review.reason.zh }
      : {
          en: `Withheld: the transfer needs ${missing.map((c) => c.text.en.replace(/[.\s]+$/u, '')).join('; ')}, which this node's operator has not recorded as in place.`,
          zh: `已扣留：本次传输须先完成${missing.map((c) => c.text.zh.replace(/[。\s]+$/u, '')).join('；')}，本节点运营方尚未登记其已具备。`,
        };
  const findings = review.findings.filter((f) => f.effect === 'prohibited' || f.effect === 'conditions').map((f) => ({ id: f.id, textEn: f.text.en, textZh: f.text.zh }));
  return {
    direction,
    verdict: review.verdict,
    subjects,
    withheld,
    transfer: { direction, verdict: review.verdict, conditions, missing: missing.map((c) => c.id), reasonEn: reason.en, reasonZh: reason.zh, findings },
  };
}

/**
 * A member as this node sends it: the minimal profile after the transfer review, or the stub of a
 * withheld one. The state is stable while the verdict is, so an unchanged member is not sent again.
 */
export async function guardedMemberState(db: DbOrTx, outbox: FederationOutbox, groupId: string, userId: string, now: Date): Promise<P | null> {
  const state = await memberState(db, groupId, userId);
  if (!state) return null;
  const ctx = { side: outbox.config.side, transfer: outbox.config.transfer, now };
  const profile = (await guardProfiles(db, ctx, [{ id: userId, displayName: String(state.displayName), side: String(state.side) }])).get(userId)!;
  return { ...state, displayName: profile.displayName, ...(profile.withheld === true ? { withheld: true } : {}), ...(profile.transfer ? { transfer: profile.transfer } : {}) };
}

/** Sends a member after the review; the exporting node keeps a withheld one in `federation_withheld` (as `person`). */
export async function emitMember(outbox: FederationOutbox, tx: DbOrTx, groupId: string, userId: string, now: Date, payload?: P): Promise<boolean> {
  const state = payload ?? (await guardedMemberState(tx, outbox, groupId, userId, now));
  if (!state) return false;
  const event = await outbox.emit(tx, { objectType: 'group_member', objectId: `${groupId}:${userId}`, op: 'put', payload: state });
  await notePeopleSent(tx, [{ ...state, id: userId }], event, now);
  return true;
}
