import type { ListRecord } from '@qiao/screening';
import { cpuMs, type SpeedFigures } from './bench-report.ts';
import type { BenchQuery } from './bench-query.ts';

/** fuse.js threshold 0.4 = at least 0.6 similarity; the same cut-off is applied to 1 − fuse score. */
const FUSE_THRESHOLD = 0.4;

export interface FuseRun {
  readonly ran: BenchQuery[];
  readonly lines: string[];
  readonly speed: SpeedFigures;
  readonly options: string;
}

/** Runs the rival the way a user would set it up: one Fuse index over every list name. */
export async function runFuse(records: readonly ListRecord[], sample: readonly BenchQuery[], budgetMs: number): Promise<FuseRun> {
  const { default: Fuse } = await import('fuse.js');
  const docs = records.flatMap((r) => [r.name, ...r.aliases].map((name) => ({ name, listId: r.listId, recordId: r.recordId })));
  const options = { keys: ['name'], threshold: FUSE_THRESHOLD, includeScore: true, ignoreLocation: true };
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const fuse = new Fuse(docs, options);
  const buildCpuMs = cpuMs(process.cpuUsage(c0));
  const buildMs = performance.now() - t0;
  const ran: BenchQuery[] = [];
  const lines: string[] = [];
  const times: number[] = [];
  const cpuTimes: number[] = [];
  const start = performance.now();
  for (const q of sample) {
    if (performance.now() - start > budgetMs) break;
    const c = process.cpuUsage();
    const s = performance.now();
    const hits = fuse.search(q.name, { limit: 10 });
    times.push(performance.now() - s);
    cpuTimes.push(cpuMs(process.cpuUsage(c)));
    ran.push(q);
    const matches = hits
      .map((h) => ({ listId: h.item.listId, recordId: h.item.recordId, name: h.item.name, score: 1 - (h.score ?? 1) }))
      .filter((m) => m.score >= 1 - FUSE_THRESHOLD);
    lines.push(JSON.stringify({ id: q.id, name: q.name, matches }));
  }
  const total = times.reduce((a, b) => a + b, 0);
  const totalCpu = cpuTimes.reduce((a, b) => a + b, 0);
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  return {
    ran,
    lines,
    options: JSON.stringify({ ...options, limit: 10, match: `1 - score >= ${1 - FUSE_THRESHOLD}` }),
    speed: {
      buildMs,
      namesPerSecond: total === 0 ? 0 : ran.length / (total / 1000),
      p50Ms: times[Math.floor(times.length / 2)] ?? 0,
      p99Ms: times[Math.min(times.length - 1, Math.floor(times.length * 0.99))] ?? 0,
      rssMb: process.memoryUsage().rss / 1e6,
      buildCpuMs,
      namesPerCpuSecond: totalCpu === 0 ? 0 : ran.length / (totalCpu / 1000),
      p99CpuMs: cpuTimes[Math.min(cpuTimes.length - 1, Math.floor(cpuTimes.length * 0.99))] ?? 0,
    },
  };
}
