import { evaluateTransfer } from '@qiao/policy';
import { and, eq, gte } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { groupMembers } from '../groups/group.schema.ts';
import { users } from '../users/user.schema.ts';
import type { NodeSide, TransferSettings } from './federation.config.ts';
import { recordWithheld } from './federation.projects.ts';
import { federationEvents } from './federation.schema.ts';
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

const startOfYear = (now: Date): Date => new Date(Date.UTC(now.getUTCFullYear(), 0, 1));

/** People whose full profile this node has sent to the peer since 1 January (UTC), from its own log. */
export async function profilesSentSince(db: DbOrTx, since: Date): Promise<Set<string>> {
  const rows = await db
    .select({ payload: federationEvents.payload })
    .from(federationEvents)
    .where(and(eq(federationEvents.objectType, 'group_member'), eq(federationEvents.op, 'put'), gte(federationEvents.createdAt, since)));
  const sent = new Set<string>();
  for (const r of rows) {
    const p = JSON.parse(r.payload) as P;
    if (p.withheld !== true) sent.add(String(p.userId));
  }
  return sent;
}

export interface PersonReview {
  direction: string;
  verdict: string;
  subjects: number;
  withheld: boolean;
  /** As sent: `direction`, `verdict`, and `conditions` (ids); a withheld one adds the reason and what withheld it. */
  transfer: P;
}

/** The exporting side's review of sending one more person's profile to the peer. */
export async function reviewPerson(db: DbOrTx, side: NodeSide, settings: TransferSettings, userId: string, now: Date): Promise<PersonReview> {
  const sent = await profilesSentSince(db, startOfYear(now));
  sent.add(userId);
  return reviewProfiles(side, settings, sent.size);
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
          en: `Withheld: the transfer needs ${missing.map((c) => c.text.en).join('; ')}, which this node's operator has not recorded as in place.`,
          zh: `已扣留：本次传输须先完成${missing.map((c) => c.text.zh).join('；')}，本节点运营方尚未登记其已具备。`,
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
  const review = await reviewPerson(db, outbox.config.side, outbox.config.transfer, userId, now);
  if (!review.withheld) return review.verdict === 'allowed' ? state : { ...state, transfer: review.transfer };
  return { ...state, displayName: withheldName(String(state.side)), withheld: true, transfer: review.transfer };
}

/** Sends a member after the review; the exporting node keeps a withheld one in `federation_withheld` (as `person`). */
export async function emitMember(outbox: FederationOutbox, tx: DbOrTx, groupId: string, userId: string, now: Date, payload?: P): Promise<boolean> {
  const state = payload ?? (await guardedMemberState(tx, outbox, groupId, userId, now));
  if (!state) return false;
  const event = await outbox.emit(tx, { objectType: 'group_member', objectId: `${groupId}:${userId}`, op: 'put', payload: state });
  await recordWithheld(tx, 'person', userId, state, event.origin, event.seq, now);
  return true;
}
