import type { ListImportResult } from '@qiao/contracts';
import type { ListFile } from '@qiao/screening';
import type { ScreeningConfig } from '../../config.ts';
import type { ServiceDeps } from '../../services.ts';
import type { Actor } from '../audit/audit.repository.ts';
import type { JobService } from '../jobs/job.service.ts';
import { JobWorker } from '../jobs/job.worker.ts';
import { AlertService } from './alert.service.ts';
import { BATCH_JOB, BatchService } from './batch.service.ts';
import { DecisionService } from './decision.service.ts';
import { downloadSources, listSources, type Fetch } from './list-update.ts';
import { ListService, RESCREEN_JOB } from './list.service.ts';
import { PartyScreeningService } from './party-screening.service.ts';
import { rescreenHandler } from './rescreen.job.ts';
import { ScreeningIndex } from './screening-index.ts';
import { ScreeningEvents } from './screening.events.ts';
import { SearchService } from './search.service.ts';

/** The screening module's services, wired once per app; the CLI and the HTTP routes share them. */
export class ScreeningService {
  readonly index: ScreeningIndex;
  readonly events: ScreeningEvents;
  readonly lists: ListService;
  readonly parties: PartyScreeningService;
  readonly decisions: DecisionService;
  readonly search: SearchService;
  readonly alerts: AlertService;
  readonly batch: BatchService;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly jobs: JobService,
    private readonly config: ScreeningConfig,
    private readonly fetchFn: Fetch = (url, init) => fetch(url, init),
  ) {
    this.index = new ScreeningIndex(deps);
    this.events = new ScreeningEvents(deps.log);
    this.lists = new ListService(deps, jobs);
    this.parties = new PartyScreeningService(deps, this.index, this.events);
    this.decisions = new DecisionService(deps, this.parties, this.events);
    this.search = new SearchService(deps, this.index, this.decisions);
    this.alerts = new AlertService(deps);
    this.batch = new BatchService(deps, jobs, this.index, { maxRows: config.batchMaxRows, chunkRows: config.batchChunkRows });
    jobs.register(BATCH_JOB, this.batch.handle);
    jobs.register(RESCREEN_JOB, rescreenHandler(deps, this.parties, this.events));
  }

  /** Downloads the official publications and imports them; offline, it fails before changing anything. */
  async update(actor: Actor, opts: { allowShrink?: boolean } = {}): Promise<ListImportResult> {
    return (await this.updateWithFiles(actor, opts)).result;
  }

  /** `update`, also returning the downloaded files (the CLI keeps a copy for `qiao screen`). */
  async updateWithFiles(actor: Actor, opts: { allowShrink?: boolean } = {}): Promise<{ result: ListImportResult; files: ListFile[] }> {
    const files = await downloadSources(listSources(this.config.sources), this.fetchFn, this.config.downloadTimeoutMs);
    return { result: await this.lists.importFiles(actor, files, opts), files };
  }

  /** Runs the queued jobs in this process until none is left (the CLI, after an import: re-screening). */
  runQueuedJobs(): Promise<number> {
    return new JobWorker(this.deps, this.jobs, { leaseMs: this.config.jobLeaseMs, pollMs: this.config.jobPollMs, id: `cli-${process.pid}` }).drain();
  }
}
