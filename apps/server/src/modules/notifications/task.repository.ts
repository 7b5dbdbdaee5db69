import { CLOSED_ACTION_STATUSES, type Task, type User } from '@qiao/contracts';
import { and, asc, eq, inArray, lte, ne, notInArray, or } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { actionItems, actionOwners } from '../actions/action.schema.ts';
import { accessRequests, datasets } from '../datasets/dataset.schema.ts';
import { minutes, minutesApprovals } from '../dialogues/minutes.schema.ts';
import { groupMembers, joinRequests, workingGroups } from '../groups/group.schema.ts';
import { projects } from '../projects/project.schema.ts';
import { users } from '../users/user.schema.ts';
import { textIn } from './notification.templates.ts';

type Lang = 'en' | 'zh';
const LIMIT = 50;

/** Join requests of my side in the groups I co-chair. */
async function joinTasks(db: DbOrTx, user: User, lang: Lang): Promise<Task[]> {
  const rows = await db
    .select({ id: joinRequests.id, groupId: joinRequests.groupId, createdAt: joinRequests.createdAt, name: users.displayName, group: workingGroups.name })
    .from(joinRequests)
    .innerJoin(groupMembers, and(eq(groupMembers.groupId, joinRequests.groupId), eq(groupMembers.userId, user.id), eq(groupMembers.role, 'co_chair'), eq(groupMembers.side, joinRequests.side)))
    .innerJoin(users, eq(users.id, joinRequests.userId))
    .innerJoin(workingGroups, eq(workingGroups.id, joinRequests.groupId))
    .where(eq(joinRequests.status, 'pending'))
    .limit(LIMIT);
  return rows.map((r) => ({ kind: 'join_request', id: r.id, title: `${r.name} → ${textIn(r.group, lang)}`, link: `/groups/${r.groupId}`, due: null, since: r.createdAt.toISOString() }));
}

/** Minutes in review in the groups I co-chair that my side has not approved at their current revision. */
async function minutesTasks(db: DbOrTx, user: User, lang: Lang): Promise<Task[]> {
  const rows = await db
    .select({ id: minutes.id, roundId: minutes.roundId, revision: minutes.currentRevision, side: groupMembers.side, group: workingGroups.name })
    .from(minutes)
    .innerJoin(groupMembers, and(eq(groupMembers.groupId, minutes.groupId), eq(groupMembers.userId, user.id), eq(groupMembers.role, 'co_chair')))
    .innerJoin(workingGroups, eq(workingGroups.id, minutes.groupId))
    .where(ne(minutes.status, 'locked'))
    .limit(LIMIT);
  if (rows.length === 0) return [];
  const approvals = await db
    .select()
    .from(minutesApprovals)
    .where(inArray(minutesApprovals.minutesId, rows.map((r) => r.id)));
  return rows
    .filter((r) => !approvals.some((a) => a.minutesId === r.id && a.revision === r.revision && a.side === r.side))
    .map((r) => ({ kind: 'minutes_approval', id: r.id, title: textIn(r.group, lang), link: `/dialogues/rounds/${r.roundId}`, due: null, since: null }));
}

/** Projects my side's officers must review, and projects of my groups ready for my side's sign-off. */
async function projectTasks(db: DbOrTx, user: User, lang: Lang): Promise<Task[]> {
  const officerSides = new Set(user.roles.filter((r) => r.role === 'compliance_officer').map((r) => r.side));
  const chairRows = await db.select({ groupId: groupMembers.groupId, side: groupMembers.side }).from(groupMembers).where(and(eq(groupMembers.userId, user.id), eq(groupMembers.role, 'co_chair')));
  const chairSide = new Map(chairRows.map((r) => [r.groupId, r.side]));
  if (officerSides.size === 0 && chairSide.size === 0) return [];
  const live = await db
    .select()
    .from(projects)
    .where(and(inArray(projects.status, ['submitted', 'under_review']), officerSides.size > 0 ? undefined : inArray(projects.groupId, [...chairSide.keys()])))
    .limit(500);
  const tasks: Task[] = [];
  for (const p of live) {
    const runAt = p.checks?.runAt;
    if (!runAt) continue;
    const reviewed = (side: string) => p.reviews.some((r) => r.side === side && r.checksRunAt === runAt);
    const flagged = new Set(p.checks?.flags.map((f) => f.side) ?? []);
    const base = { id: p.id, title: textIn(p.title, lang), link: `/projects/${p.id}`, due: null, since: p.updatedAt.toISOString() };
    if ([...officerSides].some((s) => flagged.has(s) && !reviewed(s))) tasks.push({ ...base, kind: 'project_review' });
    const side = chairSide.get(p.groupId);
    const reviewsDone = [...flagged].every(reviewed);
    if (side && p.status === 'under_review' && reviewsDone && !p.signOffs.some((s) => s.side === side && s.checksRunAt === runAt)) tasks.push({ ...base, kind: 'project_sign_off' });
  }
  return tasks;
}

/** Pending access requests to the datasets I steward. */
async function accessTasks(db: DbOrTx, user: User, lang: Lang): Promise<Task[]> {
  const stewardSides = user.roles.filter((r) => r.role === 'data_steward').map((r) => r.side);
  const rows = await db
    .select({ id: accessRequests.id, datasetId: datasets.id, title: datasets.title, createdAt: accessRequests.createdAt, name: users.displayName })
    .from(accessRequests)
    .innerJoin(datasets, eq(datasets.id, accessRequests.datasetId))
    .innerJoin(users, eq(users.id, accessRequests.requesterId))
    .where(and(eq(accessRequests.status, 'pending'), or(eq(datasets.stewardId, user.id), stewardSides.length > 0 ? inArray(datasets.side, stewardSides) : undefined)))
    .orderBy(asc(accessRequests.createdAt))
    .limit(LIMIT);
  return rows.map((r) => ({ kind: 'access_request', id: r.id, title: `${r.name} → ${textIn(r.title, lang)}`, link: `/datasets/${r.datasetId}`, due: null, since: r.createdAt.toISOString() }));
}

/** My open actions due within `until` (overdue ones included). */
async function actionTasks(db: DbOrTx, user: User, lang: Lang, until: string): Promise<Task[]> {
  const rows = await db
    .select({ id: actionItems.id, title: actionItems.title, dueDate: actionItems.dueDate })
    .from(actionItems)
    .innerJoin(actionOwners, and(eq(actionOwners.actionId, actionItems.id), eq(actionOwners.userId, user.id)))
    .where(and(lte(actionItems.dueDate, until), notInArray(actionItems.status, [...CLOSED_ACTION_STATUSES])))
    .orderBy(asc(actionItems.dueDate))
    .limit(LIMIT);
  return rows.map((r) => ({ kind: 'action_due', id: r.id, title: textIn(r.title, lang), link: '/groups/my-actions', due: r.dueDate, since: null }));
}

/** Everything that waits for this user, read from the objects themselves. */
export async function tasksOf(db: DbOrTx, user: User, lang: Lang, actionsUntil: string): Promise<Task[]> {
  const parts = await Promise.all([joinTasks(db, user, lang), minutesTasks(db, user, lang), projectTasks(db, user, lang), accessTasks(db, user, lang), actionTasks(db, user, lang, actionsUntil)]);
  return parts.flat();
}
