import { timingSafeEqual } from 'node:crypto';
import { count, sql } from 'drizzle-orm';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { AppError } from '../errors.ts';
import type { App, Services } from '../http.ts';
import { jobs } from '../modules/jobs/job.schema.ts';

const SEARCH_ROUTE = '/api/screening/search';

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Prometheus metrics at `GET /metrics`, for a scraper that sends `Authorization: Bearer <QIAO_METRICS_TOKEN>`.
 * Without the token configured the endpoint does not exist; a wrong or missing token gets 401. Each node
 * reports its own requests; the job queue depth is the shared database's.
 */
export function registerMetrics(app: App, services: Services): Registry | null {
  const token = services.config.metricsToken;
  if (!token) return null;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'qiao_' });
  const requests = new Histogram({
    name: 'qiao_http_request_duration_seconds',
    help: 'HTTP request durations by route (the route pattern, not the address), method and status',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const searches = new Histogram({
    name: 'qiao_screening_search_duration_seconds',
    help: 'Single-name screening searches, from request to answer',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  new Gauge({
    name: 'qiao_job_queue_depth',
    help: 'Background jobs by state in the shared database (queued ones wait for a worker)',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const rows = await services.database.db.select({ status: jobs.status, n: count() }).from(jobs).where(sql`${jobs.status} in ('queued', 'running')`).groupBy(jobs.status);
      this.reset();
      for (const status of ['queued', 'running'] as const) this.set({ status }, Number(rows.find((r) => r.status === status)?.n ?? 0));
    },
  });
  new Gauge({
    name: 'qiao_screening_index_records',
    help: 'Names in this node’s screening index',
    registers: [registry],
    async collect() {
      this.set((await services.screening.index.current()).matcher.size);
    },
  });
  new Gauge({
    name: 'qiao_screening_index_built_timestamp_seconds',
    help: 'When this node last rebuilt its screening index (it rebuilds when the lists in force change)',
    registers: [registry],
    async collect() {
      this.set((await services.screening.index.current()).builtAt.getTime() / 1000);
    },
  });
  const builds = new Histogram({
    name: 'qiao_screening_index_build_duration_seconds',
    help: 'Rebuilds of this node’s screening index (at the first search, and whenever the lists in force change on any node)',
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers: [registry],
  });
  services.screening.index.onBuilt((snapshot) => builds.observe(snapshot.buildMs / 1000));
  new Gauge({
    name: 'qiao_screening_index_last_build_duration_seconds',
    help: 'How long the last rebuild of this node’s screening index took',
    registers: [registry],
    async collect() {
      this.set((await services.screening.index.current()).buildMs / 1000);
    },
  });
  const scrapes = new Counter({ name: 'qiao_metrics_scrapes_total', help: 'Scrapes of this endpoint', registers: [registry] });

  app.addHook('onRequest', (req, _reply, done) => {
    (req as unknown as { metricsStart: bigint }).metricsStart = process.hrtime.bigint();
    done();
  });
  app.addHook('onResponse', (req, reply, done) => {
    const start = (req as unknown as { metricsStart?: bigint }).metricsStart;
    if (start === undefined) {
      done();
      return;
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const route = req.routeOptions.url ?? 'unmatched';
    requests.observe({ method: req.method, route, status_code: String(reply.statusCode) }, seconds);
    if (route === SEARCH_ROUTE && reply.statusCode === 200) searches.observe(seconds);
    done();
  });

  app.get('/metrics', {
    config: { access: { public: true } },
    schema: { hide: true },
    handler: async (req, reply) => {
      const header = req.headers.authorization ?? '';
      const given = header.startsWith('Bearer ') ? header.slice(7) : '';
      if (!sameToken(given, token)) throw new AppError(401, 'unauthenticated', 'metrics: send Authorization: Bearer <QIAO_METRICS_TOKEN>');
      scrapes.inc();
      return reply.type(registry.contentType).send(await registry.metrics());
    },
  });
  return registry;
}
