import { eq } from 'drizzle-orm';
import type { BilingualStored } from '@qiao/contracts';
import type { Tx } from '../../db/client.ts';
import { milestones, results } from '../actions/action.schema.ts';
import { workingGroups } from '../groups/group.schema.ts';
import type { ApplyOutcome, PeerEventToApply } from './federation.apply.ts';
import { settleConcurrentEdit, type VersionedObjectType } from './federation.concurrent-edits.ts';

export const staleReason = (what: string, local: number, incoming: number): string => `stale version: this node already has version ${local} of the ${what}; the event carries version ${incoming}`;

/**
 * The version check of a versioned object's event (working group, round, action item, milestone): a
 * version above this node's is applied (null); one this node passed is stale, refused as a local write on
 * that version would be; the version this node holds, with other content, is a concurrent edit when this
 * node made that version itself, settled alike on both nodes (federation.concurrent-edits.ts): null when
 * the incoming change stands and is applied over this node's, else the refusal.
 */
export async function versionGate(tx: Tx, e: PeerEventToApply, objectType: VersionedObjectType, what: string, local: number, incoming: number): Promise<ApplyOutcome | null> {
  if (local < incoming) return null;
  if (local === incoming) {
    const settled = await settleConcurrentEdit(tx, e, objectType, what, incoming);
    if (settled === 'stands') return null;
    if (settled) return settled;
  }
  return { kind: 'refused', reason: staleReason(what, local, incoming) };
}

/**
 * Milestones under version numbers, applied like the other versioned objects (groups, rounds, action
 * items) through `versionGate`: an event carrying a version this node passed is stale, refused and kept
 * with the reason, exactly as a local change made on an older version is refused with `conflict`; one of
 * the version this node made itself at the same time is a concurrent edit. Nothing else is written before
 * a refusal.
 */
export async function applyMilestoneVersion(tx: Tx, e: PeerEventToApply, p: Record<string, unknown>): Promise<ApplyOutcome> {
  const groupId = String(p.groupId);
  const [g] = await tx.select({ id: workingGroups.id, sides: workingGroups.sides }).from(workingGroups).where(eq(workingGroups.id, groupId));
  if (!g) return { kind: 'pending', reason: `working group ${groupId} is not on this node yet` };
  if (!g.sides.includes(e.origin)) return { kind: 'refused', reason: `the ${e.origin} node is not a side of working group ${g.id} (${g.sides.join(', ')})` };
  const [result] = await tx.select().from(results).where(eq(results.id, String(p.resultId)));
  if (!result) return { kind: 'pending', reason: `result ${String(p.resultId)} is not on this node yet` };
  if (result.groupId !== g.id) return { kind: 'refused', reason: `result ${result.id} is not a result of working group ${g.id} on this node` };
  if (typeof p.version !== 'number' || !Number.isInteger(p.version) || p.version < 1) return { kind: 'refused', reason: 'a milestone event carries its version, a whole number from 1' };
  const values = { resultId: result.id, title: p.title as BilingualStored, dueDate: (p.dueDate ?? null) as string | null, doneAt: typeof p.doneAt === 'string' ? new Date(p.doneAt) : null, createdAt: new Date(typeof p.createdAt === 'string' ? p.createdAt : NaN), version: p.version };
  const [local] = await tx.select().from(milestones).where(eq(milestones.id, e.objectId));
  if (!local) {
    await tx.insert(milestones).values({ id: e.objectId, ...values });
    return { kind: 'applied' };
  }
  if (local.resultId !== values.resultId) return { kind: 'refused', reason: `milestone ${e.objectId} belongs to another result on this node` };
  const gate = await versionGate(tx, e, 'milestone', 'milestone', local.version, values.version);
  if (gate) return gate;
  await tx.update(milestones).set({ title: values.title, dueDate: values.dueDate, doneAt: values.doneAt, version: values.version }).where(eq(milestones.id, e.objectId));
  return { kind: 'applied' };
}
