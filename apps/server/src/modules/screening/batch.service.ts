import type { BatchJob, BatchRow, User } from '@qiao/contracts';
import { DEFAULT_THRESHOLD, type EntityType } from '@qiao/screening';
import { conflict, notFound } from '../../errors.ts';
import type { ServiceDeps } from '../../services.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import type { JobContext, JobRow, JobService } from '../jobs/job.service.ts';
import { csvLine, parseBatchCsv, RESULT_COLUMNS } from './batch.csv.ts';
import * as repo from './batch.repository.ts';
import type { BatchMatchRow } from './batch.schema.ts';
import type { ScreeningIndex } from './screening-index.ts';

export const BATCH_JOB = 'screening.batch';

export interface BatchOptions {
  maxRows: number;
  /** Rows screened and written per transaction: what a crash can cost, at most. */
  chunkRows: number;
}

const MATCHES_PER_ROW = 5;
/** Past batches listed per person: enough to find last month's, small enough for one page. */
const LISTED_BATCHES = 50;

/** Batch screening of uploaded names as a background job, with progress and results as JSON or CSV. */
export class BatchService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly jobs: JobService,
    private readonly index: ScreeningIndex,
    private readonly options: BatchOptions,
  ) {}

  /** Checks the whole CSV, then stores its rows and queues the job in one transaction. */
  async create(user: User, csv: string, threshold?: number, fileName?: string): Promise<BatchJob> {
    const inputs = parseBatchCsv(csv, this.options.maxRows);
    const job = await this.deps.db.transaction(async (tx) => {
      const created = await this.jobs.enqueue(BATCH_JOB, { threshold: threshold ?? DEFAULT_THRESHOLD, ...(fileName ? { fileName } : {}) }, { tx, total: inputs.length, createdBy: user.id });
      await repo.insertBatchRows(tx, created.id, inputs);
      await insertAudit(tx, user, { action: 'screening_batch.create', entity: 'job', entityId: created.id, after: { rows: inputs.length, threshold: threshold ?? DEFAULT_THRESHOLD } });
      return created;
    });
    return this.view(job);
  }

  private async own(user: User, id: string): Promise<JobRow> {
    const job = await this.jobs.get(id);
    // Another user's batch is reported as missing: the names in it are theirs.
    const isAdmin = user.roles.some((g) => g.role === 'admin');
    if (!job || job.kind !== BATCH_JOB || (job.createdBy !== user.id && !isAdmin)) throw notFound('batch job');
    return job;
  }

  private async view(job: JobRow): Promise<BatchJob> {
    return this.shape(job, await repo.countDone(this.deps.db, job.id));
  }

  private shape(job: JobRow, { done, matched }: { done: number; matched: number }): BatchJob {
    return {
      id: job.id,
      status: job.status,
      total: job.total,
      done,
      percent: job.total === 0 ? 100 : Math.floor((1000 * done) / job.total) / 10,
      matchedRows: matched,
      threshold: Number(job.payload.threshold ?? DEFAULT_THRESHOLD),
      attempts: job.attempts,
      error: job.error,
      createdAt: job.createdAt.toISOString(),
      startedAt: job.startedAt?.toISOString() ?? null,
      finishedAt: job.finishedAt?.toISOString() ?? null,
      fileName: typeof job.payload.fileName === 'string' ? job.payload.fileName : null,
    };
  }

  /** The user's own batches, newest first, so results can be found again after a reload. */
  async list(user: User): Promise<BatchJob[]> {
    const own = await repo.userBatchJobs(this.deps.db, BATCH_JOB, user.id, LISTED_BATCHES);
    const counts = await repo.countDoneByJob(this.deps.db, own.map((j) => j.id));
    return own.map((job) => this.shape(job, counts.get(job.id) ?? { done: 0, matched: 0 }));
  }

  /** Deletes a batch and its rows. A running batch is refused: stop reading before throwing away. */
  async remove(user: User, id: string): Promise<void> {
    const job = await this.own(user, id);
    if (job.status === 'running') throw conflict('The batch is still running; delete it once it has finished.');
    await this.deps.db.transaction(async (tx) => {
      await repo.deleteBatchJob(tx, id);
      await insertAudit(tx, user, { action: 'screening_batch.delete', entity: 'job', entityId: id, before: { rows: job.total, status: job.status } });
    });
  }

  async get(user: User, id: string): Promise<BatchJob> {
    return this.view(await this.own(user, id));
  }

  async results(user: User, id: string, q: { offset: number; limit: number; matchedOnly?: boolean }): Promise<{ job: BatchJob; items: BatchRow[] }> {
    const job = await this.own(user, id);
    const rows = await repo.resultRows(this.deps.db, id, q);
    return { job: await this.view(job), items: rows.map((r) => ({ row: r.row, id: r.inputId, name: r.name, type: r.type, country: r.country, matches: r.matches })) };
  }

  /** Results as CSV: one line per match (best first), and one line for each row without a match. */
  async *csv(user: User, id: string): AsyncGenerator<string> {
    await this.own(user, id);
    yield csvLine([...RESULT_COLUMNS]) + '\n';
    for (let offset = 0; ; offset += 2000) {
      const rows = await repo.resultRows(this.deps.db, id, { offset, limit: 2000 });
      if (rows.length === 0) return;
      let chunk = '';
      for (const r of rows) {
        const head = [r.row, r.inputId, r.name, r.type, r.country];
        const ms = r.matches ?? [];
        if (ms.length === 0) chunk += csvLine([...head, r.matches === null ? 'pending' : 0, null, null, null, null, null, null]) + '\n';
        ms.forEach((m, i) => (chunk += csvLine([...head, i + 1, m.score, m.listId, m.recordId, m.name, m.entityName, m.programs.join('; ')]) + '\n'));
      }
      yield chunk;
    }
  }

  /** The job: screens pending rows chunk by chunk; each chunk's results and progress commit together. */
  readonly handle = async (ctx: JobContext): Promise<'done' | 'paused'> => {
    const threshold = Number(ctx.job.payload.threshold ?? DEFAULT_THRESHOLD);
    const snapshot = await this.index.current();
    let { done } = await repo.countDone(this.deps.db, ctx.job.id);
    if (done > 0) this.deps.log.info(`batch ${ctx.job.id}: resuming at row ${done + 1} of ${ctx.job.total} (attempt ${ctx.job.attempts})`);
    for (;;) {
      const pending = await repo.pendingRows(this.deps.db, ctx.job.id, this.options.chunkRows);
      if (pending.length === 0) return 'done';
      const results = pending.map((r) => ({
        row: r.row,
        matches: snapshot.matcher
          .match({ name: r.name, ...(r.type ? { type: r.type as EntityType } : {}), ...(r.country ? { country: r.country } : {}) }, { threshold, limit: MATCHES_PER_ROW })
          .map((m): BatchMatchRow => ({ listId: m.listId, recordId: m.recordId, name: m.name, entityName: m.entityName, score: m.score, programs: [...m.programs] })),
      }));
      const at = this.deps.now();
      done += await ctx.commit(done + pending.length, (tx) => repo.writeResults(tx, ctx.job.id, ctx.job.attempts, results, at));
      if (ctx.stopping()) return 'paused';
    }
  };
}
