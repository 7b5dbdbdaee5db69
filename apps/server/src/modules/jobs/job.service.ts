import type { DbOrTx, Tx } from '../../db/client.ts';
import type { ServiceDeps } from '../../services.ts';
import * as repo from './job.repository.ts';

export type { JobRow } from './job.repository.ts';

/** Raised inside a job when its lease passed to another node; the chunk being written is rolled back. */
export class LeaseLost extends Error {
  constructor(jobId: string) {
    super(`job ${jobId}: lease lost to another worker`);
  }
}

export interface JobContext {
  readonly job: repo.JobRow;
  readonly workerId: string;
  /** True once the worker is shutting down: finish the current chunk and return 'paused'. */
  stopping(): boolean;
  /**
   * Writes one chunk of results and the job's progress in one transaction, after checking this worker
   * still holds the lease (renewing it). Either the chunk and its progress land together or neither does.
   */
  commit<T>(progress: number, write: (tx: Tx) => Promise<T>): Promise<T>;
}

/** Worker ids of a node with a configured node id start with this, so its next start knows its own jobs. */
export const nodePrefix = (nodeId: string): string => `${nodeId}:`;

/** 'paused': the worker is stopping and the job has more to do; it is handed back and resumed later. */
export type JobHandler = (ctx: JobContext) => Promise<'done' | 'paused'>;

/** Enqueues jobs and holds the handlers by kind; workers (one per node) run them. */
export class JobService {
  private readonly handlers = new Map<string, JobHandler>();

  constructor(private readonly deps: ServiceDeps) {}

  register(kind: string, handler: JobHandler): void {
    if (this.handlers.has(kind)) throw new Error(`job kind ${kind} registered twice`);
    this.handlers.set(kind, handler);
  }

  handler(kind: string): JobHandler | undefined {
    return this.handlers.get(kind);
  }

  get kinds(): string[] {
    return [...this.handlers.keys()];
  }

  /** Enqueues a job, inside the caller's transaction when one is given. */
  enqueue(kind: string, payload: Record<string, unknown>, opts: { tx?: DbOrTx; total?: number; createdBy?: string | null } = {}): Promise<repo.JobRow> {
    return repo.insertJob(opts.tx ?? this.deps.db, { kind, payload, total: opts.total, createdBy: opts.createdBy, runAfter: this.deps.now() });
  }

  /**
   * At start-up, before this node's worker runs: jobs left running by a node that stopped or was killed
   * resume now rather than after their lease. On the embedded database every running job is such a
   * job, since only one process can open it. With PostgreSQL other nodes may be running theirs, so only
   * the jobs of this node's earlier runs (same node id) are taken back; without a node id, none are,
   * and a dead node's jobs wait for their lease as before.
   */
  resumeOrphaned(scope: { embedded: boolean; nodeId: string | null }): Promise<repo.JobRow[]> {
    if (scope.embedded) return repo.requeueRunningJobs(this.deps.db, 'anyone');
    if (scope.nodeId === null) return Promise.resolve([]);
    return repo.requeueRunningJobs(this.deps.db, { prefix: nodePrefix(scope.nodeId) });
  }

  get(id: string): Promise<repo.JobRow | undefined> {
    return repo.findJob(this.deps.db, id);
  }
}
