import { mergeBilingual, withFlag, type MilestoneInput, type Result, type ResultInput, type User } from '@qiao/contracts';
import type { DbOrTx } from '../../db/client.ts';
import { conflict } from '../../errors.ts';
import type { ServiceDeps } from '../../services.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { must, requireAdminOrCoChair } from '../groups/group-access.ts';
import { findGroup } from '../groups/group.repository.ts';
import { listActions, utcDay } from './action.repository.ts';
import * as repo from './result.repository.ts';
import { replicate } from '../federation/federation.replicate.ts';

/**
 * Progress in percent, one decimal: done parts over all parts. Parts are the result's milestones and
 * its linked actions that are not cancelled; a cancelled action neither helps nor hurts.
 */
export function progressOf(milestones: { doneAt: unknown }[], actions: { status: string }[]): number {
  const counted = actions.filter((a) => a.status !== 'cancelled');
  const total = milestones.length + counted.length;
  if (total === 0) return 0;
  const done = milestones.filter((m) => m.doneAt).length + counted.filter((a) => a.status === 'done').length;
  return Math.round((done / total) * 1000) / 10;
}

export class ResultService {
  constructor(private readonly deps: ServiceDeps) {}

  async forGroup(groupId: string): Promise<Result[]> {
    must(await findGroup(this.deps.db, groupId), 'working group');
    const rows = await repo.listResults(this.deps.db, groupId);
    return Promise.all(rows.map((r) => this.view(this.deps.db, r)));
  }

  async get(id: string): Promise<Result> {
    return this.view(this.deps.db, must(await repo.findResult(this.deps.db, id), 'result'));
  }

  create(actor: User, input: ResultInput): Promise<Result> {
    const now = this.deps.now();
    return this.deps.db.transaction(async (tx) => {
      must(await findGroup(tx, input.groupId), 'working group');
      await requireAdminOrCoChair(tx, input.groupId, actor, 'define results');
      const row = await repo.insertResult(tx, { groupId: input.groupId, title: mergeBilingual(null, input.title, now), description: input.description ? mergeBilingual(null, input.description, now) : null, createdAt: now });
      const result = await this.view(tx, row);
      await insertAudit(tx, actor, { action: 'result.create', entity: 'result', entityId: row.id, after: result });
      await replicate(this.deps.federation, tx, 'result', row.id);
      return result;
    });
  }

  addMilestone(actor: User, resultId: string, input: MilestoneInput): Promise<Result> {
    const now = this.deps.now();
    return this.deps.db.transaction(async (tx) => {
      const row = must(await repo.findResult(tx, resultId), 'result');
      await requireAdminOrCoChair(tx, row.groupId, actor, 'add milestones');
      const m = await repo.insertMilestone(tx, { resultId, title: mergeBilingual(null, input.title, now), dueDate: input.dueDate ?? null, createdAt: now });
      await insertAudit(tx, actor, { action: 'result.milestone.create', entity: 'result', entityId: resultId, after: repo.toMilestone(m) });
      await replicate(this.deps.federation, tx, 'milestone', m.id);
      return this.view(tx, row);
    });
  }

  /** `version`, when given, is the version the change is made on: an older one is refused as stale. */
  setMilestoneDone(actor: User, milestoneId: string, done: boolean, version?: number): Promise<Result> {
    return this.deps.db.transaction(async (tx) => {
      const m = must(await repo.findMilestone(tx, milestoneId), 'milestone');
      const row = must(await repo.findResult(tx, m.resultId), 'result');
      await requireAdminOrCoChair(tx, row.groupId, actor, 'complete milestones');
      const stale = () => conflict(`the milestone was changed by someone else (now version ${m.version}); reload and try again`);
      if (version !== undefined && version !== m.version) throw stale();
      if (!(await repo.setMilestoneDone(tx, milestoneId, m.version, done ? (m.doneAt ?? this.deps.now()) : null))) throw stale();
      await insertAudit(tx, actor, { action: 'result.milestone.done', entity: 'result', entityId: row.id, before: { milestoneId, done: !!m.doneAt }, after: { milestoneId, done } });
      await replicate(this.deps.federation, tx, 'milestone', milestoneId);
      return this.view(tx, row);
    });
  }

  private async view(db: DbOrTx, r: repo.ResultRow): Promise<Result> {
    const milestones = await repo.milestonesOf(db, [r.id]);
    const actions = await listActions(db, { resultId: r.id }, utcDay(this.deps.now()));
    return {
      id: r.id,
      groupId: r.groupId,
      title: withFlag(r.title),
      description: r.description && withFlag(r.description),
      milestones: milestones.map(repo.toMilestone),
      actionIds: actions.map((a) => a.id),
      progress: progressOf(milestones, actions),
      createdAt: r.createdAt.toISOString(),
    };
  }
}
