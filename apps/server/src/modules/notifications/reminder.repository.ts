import { CLOSED_ACTION_STATUSES } from '@qiao/contracts';
import { and, eq, lt, lte, notInArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { actionItems, actionOwners } from '../actions/action.schema.ts';
import { accessRequests, datasets } from '../datasets/dataset.schema.ts';

/** Open actions due on or before `until` (a UTC day), with one row per owner. */
export async function openActionsDueBy(db: DbOrTx, until: string) {
  return db
    .select({ id: actionItems.id, groupId: actionItems.groupId, title: actionItems.title, dueDate: actionItems.dueDate, ownerId: actionOwners.userId })
    .from(actionItems)
    .innerJoin(actionOwners, eq(actionOwners.actionId, actionItems.id))
    .where(and(lte(actionItems.dueDate, until), notInArray(actionItems.status, [...CLOSED_ACTION_STATUSES])));
}

/** Grants whose last day is before `today`: they have ended on their own. */
export async function expiredGrants(db: DbOrTx, today: string) {
  return db
    .select({ id: accessRequests.id, requesterId: accessRequests.requesterId, expiresAt: accessRequests.expiresAt, datasetId: datasets.id, title: datasets.title })
    .from(accessRequests)
    .innerJoin(datasets, eq(datasets.id, accessRequests.datasetId))
    .where(and(eq(accessRequests.status, 'granted'), lt(accessRequests.expiresAt, today)));
}
