import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { ServiceDeps } from '../../services.ts';
import * as repo from './job.repository.ts';
import { LeaseLost, nodePrefix, type JobContext, type JobService } from './job.service.ts';

export interface JobWorkerOptions {
  /** How long a claim holds without renewal; a node that dies loses its jobs after this. */
  leaseMs: number;
  /** Pause between looks for work when the queue is empty. */
  pollMs: number;
  /** Identifies this node in `locked_by`; default host name + random suffix. */
  id?: string;
  /** A node id stable across restarts: the worker id becomes `<nodeId>:<random>`, so the next start can resume this run's jobs. */
  nodeId?: string | null;
}

/**
 * Runs queued jobs on this node, one at a time. Any number of nodes may run a worker on the same
 * database: claims skip jobs another node holds, and a job whose node died is resumed by whichever
 * node claims it after its lease runs out.
 */
export class JobWorker {
  readonly id: string;
  private stopping = false;
  /** Set by kill(): stop without handing the job back, as a crash would. */
  private crashed = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private readonly progressListeners: ((jobId: string, progress: number) => void)[] = [];

  constructor(
    private readonly deps: ServiceDeps,
    private readonly jobs: JobService,
    private readonly options: JobWorkerOptions,
  ) {
    const suffix = randomUUID().slice(0, 8);
    this.id = options.id ?? (options.nodeId ? `${nodePrefix(options.nodeId)}${suffix}` : `${hostname()}-${suffix}`);
  }

  /** Called after every committed chunk; tests use it to stop a worker mid-job. */
  onProgress(listener: (jobId: string, progress: number) => void): void {
    this.progressListeners.push(listener);
  }

  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.run();
  }

  /** Finishes the chunk in hand, hands an unfinished job back to the queue and stops. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
  }

  /** Stops after the chunk in hand without releasing the lease: what a killed process leaves behind. */
  async kill(): Promise<void> {
    this.crashed = true;
    await this.stop();
  }

  /** Runs jobs until none is runnable; returns how many ran (tests, CLI). */
  async drain(): Promise<number> {
    let n = 0;
    while (!this.stopping && (await this.runOnce())) n++;
    return n;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let ran = false;
      try {
        ran = await this.runOnce();
      } catch (err: unknown) {
        this.deps.log.warn(`job worker ${this.id}: ${err instanceof Error ? err.message : String(err)}`);
      }
      if (!ran && !this.stopping) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.options.pollMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }

  /** Claims one runnable job and runs it; false when there was none. */
  async runOnce(): Promise<boolean> {
    const job = await repo.claimJob(this.deps.db, this.jobs.kinds, this.id, this.deps.now(), this.options.leaseMs);
    if (!job) return false;
    const handler = this.jobs.handler(job.kind);
    if (!handler) return true;
    const ctx: JobContext = {
      job,
      workerId: this.id,
      stopping: () => this.stopping,
      commit: (progress, write) =>
        this.deps.db
          .transaction(async (tx) => {
            if (!(await repo.renewLease(tx, job.id, this.id, this.deps.now(), this.options.leaseMs, progress))) throw new LeaseLost(job.id);
            return write(tx);
          })
          .then((result) => {
            for (const l of this.progressListeners) l(job.id, progress);
            return result;
          }),
    };
    try {
      const outcome = await handler(ctx);
      if (outcome === 'done') await repo.finishJob(this.deps.db, job.id, this.id, this.deps.now(), { status: 'done' });
      else if (!this.crashed) await repo.releaseJob(this.deps.db, job.id, this.id);
    } catch (err: unknown) {
      if (err instanceof LeaseLost) {
        this.deps.log.warn(err.message);
        return true;
      }
      const message = err instanceof Error ? err.message : String(err);
      const now = this.deps.now();
      if (job.attempts >= job.maxAttempts) {
        await repo.finishJob(this.deps.db, job.id, this.id, now, { status: 'failed', error: message });
      } else {
        // Back off 2, 4, 8… seconds so a failing job does not spin.
        const runAfter = new Date(now.getTime() + 1000 * 2 ** job.attempts);
        await repo.finishJob(this.deps.db, job.id, this.id, now, { status: 'queued', error: message, runAfter });
      }
      this.deps.log.warn(`job ${job.kind} ${job.id} attempt ${job.attempts} failed: ${message}`);
    }
    return true;
  }
}
