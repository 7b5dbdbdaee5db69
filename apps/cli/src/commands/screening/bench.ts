import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMatcher, DEFAULT_THRESHOLD, parseLabelledQueries, queryMetrics } from '@qiao/screening';
import { z } from 'zod';
import { CliError, EXIT } from '../../errors.ts';
import { parseOptions } from '../../validate.ts';
import { cpuMs, renderReport, type ScoreReport, type SpeedFigures } from './bench-report.ts';
import { runFuse } from './bench-fuse.ts';
import { runPairBench } from './bench-pairs.ts';
import type { BenchQuery } from './bench-query.ts';
import { loadLists } from './list-source.ts';
import { rowJson, screenRow } from './screen.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../..');
const shared = resolve(repoRoot, '../shared');

const BenchOptionsSchema = z.object({
  fuseEvery: z.coerce.number().int().min(1).default(8),
  fuseBudget: z.coerce.number().min(1).default(80),
});

export type { BenchQuery } from './bench-query.ts';

function score(queriesPath: string, resultsPath: string): ScoreReport {
  const r = spawnSync('python3', [join(shared, 'bench', 'score-screening.py'), queriesPath, resultsPath, '--json'], { encoding: 'utf8' });
  if (r.status !== 0) throw new CliError(`scorer failed: ${r.stderr || r.error?.message || 'unknown error'}`);
  return JSON.parse(r.stdout) as ScoreReport;
}

/** Interleaves categories so that a time budget cutting fuse.js short still samples each of them. */
function roundRobin(queries: readonly BenchQuery[]): BenchQuery[] {
  const groups = new Map<string, BenchQuery[]>();
  for (const q of queries) {
    const g = q.category.startsWith('latin:') ? 'latin-org' : q.category;
    groups.set(g, [...(groups.get(g) ?? []), q]);
  }
  const out: BenchQuery[] = [];
  for (let i = 0; out.length < queries.length; i++) {
    for (const list of groups.values()) {
      const q = list[i];
      if (q) out.push(q);
    }
  }
  return out;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

/** `qiao bench screening`: our engine and fuse.js on the shared dev set, quality and speed side by side. */
export async function handleBench(raw: unknown): Promise<void> {
  const opts = parseOptions(BenchOptionsSchema, raw);
  const listsDir = join(shared, 'data', 'lists');
  const queriesPath = join(shared, 'bench', 'screening-dev.jsonl');
  if (!existsSync(listsDir) || !existsSync(queriesPath)) throw new CliError(`benchmark data not found under ${shared} (expects data/lists and bench/screening-dev.jsonl)`, EXIT.failure);
  const queries = readFileSync(queriesPath, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as BenchQuery);
  // The labelled pair sets first: they need no lists and take a second.
  const pairsDir = join(repoRoot, 'packages', 'screening', 'bench', 'pairs');
  const pairs = await runPairBench(pairsDir);
  process.stdout.write(`labelled pairs (${pairs.pairs} in ${pairs.files.join(', ')}), scored as \`qiao compare --pairs\` scores them, fuse.js beside (match when 1 − score ≥ 0.6):\n${pairs.table}\n\n`);
  const { records } = loadLists([listsDir]);

  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const matcher = createMatcher();
  for (const r of records) matcher.add(r);
  matcher.build();
  const buildCpuMs = cpuMs(process.cpuUsage(c0));
  const buildMs = performance.now() - t0;

  // Chinese-script names of listed institutions and companies, and unlisted ones, written for this package.
  const zhPath = join(repoRoot, 'packages', 'screening', 'bench', 'queries', 'zh-institutions.tsv');
  const zh = queryMetrics(matcher, parseLabelledQueries(readFileSync(zhPath, 'utf8')));
  process.stdout.write(`Chinese-script queries (${zhPath.slice(repoRoot.length + 1)}): recall@1 ${zh.recallAt1.toFixed(3)} (n=${zh.positives}), false alerts ${zh.falseAlerts.toFixed(3)} (n=${zh.negatives})${zh.wrong.length > 0 ? `\n  ${zh.wrong.join('\n  ')}` : ''}\n\n`);

  // One untimed pass first: a real batch is thousands of names, so JIT warm-up should not count.
  for (const q of queries) matcher.match({ name: q.name, type: q.type });
  // Batch: the same code path as `qiao screen --batch --json`, written to a file for the scorer.
  const t1 = performance.now();
  const c1 = process.cpuUsage();
  const lines = queries.map((q) => rowJson(screenRow(matcher, { id: q.id, name: q.name, type: q.type }, DEFAULT_THRESHOLD, 10)));
  const batchCpuMs = cpuMs(process.cpuUsage(c1));
  const batchMs = performance.now() - t1;
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const q of queries) {
      const c = process.cpuUsage();
      const s = performance.now();
      matcher.match({ name: q.name, type: q.type });
      times.push(performance.now() - s);
      cpuTimes.push(cpuMs(process.cpuUsage(c)));
    }
  }
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  const ours: SpeedFigures = {
    buildMs,
    namesPerSecond: queries.length / (batchMs / 1000),
    p50Ms: percentile(times, 0.5),
    p99Ms: percentile(times, 0.99),
    rssMb: process.memoryUsage().rss / 1e6,
    buildCpuMs,
    namesPerCpuSecond: queries.length / (batchCpuMs / 1000),
    p99CpuMs: percentile(cpuTimes, 0.99),
  };
  const tmp = mkdtempSync(join(tmpdir(), 'qiao-bench-'));
  try {
    const resultsPath = join(tmp, 'qiao.jsonl');
    writeFileSync(resultsPath, `${lines.join('\n')}\n`);
    const ourScores = score(queriesPath, resultsPath);

    const sample = roundRobin(queries.filter((_, i) => i % opts.fuseEvery === 0));
    const fuse = await runFuse(records, sample, opts.fuseBudget * 1000);
    const samplePath = join(tmp, 'sample.jsonl');
    writeFileSync(samplePath, `${fuse.ran.map((q) => JSON.stringify(q)).join('\n')}\n`);
    const fusePath = join(tmp, 'fuse.jsonl');
    writeFileSync(fusePath, `${fuse.lines.join('\n')}\n`);
    const fuseScores = score(samplePath, fusePath);
    process.stdout.write(
      `${renderReport(ourScores, fuseScores, ours, fuse.speed, [
        `qiao: all ${queries.length} queries of ${queriesPath}, ${matcher.size} names indexed, threshold ${DEFAULT_THRESHOLD}; speed after one warm-up pass, p50/p99 over 3 passes`,
        `fuse.js: every ${opts.fuseEvery}th query, categories interleaved (${fuse.ran.length} run of ${sample.length} sampled within a ${opts.fuseBudget}s budget) — it is too slow for all 512; options ${fuse.options}`,
        'qiao RSS is measured before fuse.js is loaded; fuse.js RSS after its index and queries',
      ])}\n`,
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
