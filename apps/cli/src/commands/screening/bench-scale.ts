// `qiao bench screening-scale` (npm run bench:screening:scale): the engine at a million entities.
// Each measurement runs in a child process of its own, so its peak RSS is its own:
//   - a synthetic FollowTheMoney export (packages/screening/bench/synthetic-ftm.ts) streamed into
//     the server's index builder, then 2,000 queries; fuse.js on the same names beside it;
//   - the real lists in ../shared/data/lists (about 42,000 names): index build;
//   - `qiao screen --batch` of 20,000 distinct names against those lists, run as a user runs it:
//     start-up, reading the lists, index build, every row and the JSON output written to a file;
//     and the start-up alone.
// Wall-clock and CPU time are both printed: on a shared machine CPU time is the steadier figure.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildMatcher as buildScreeningMatcher } from '@qiao/server/index-builder';
import { streamListFiles, type Matcher } from '@qiao/screening';
import Fuse from 'fuse.js';
import { z } from 'zod';
import { writeSyntheticFtm } from '../../../../../packages/screening/bench/synthetic-ftm.ts';
import { CliError, EXIT } from '../../errors.ts';
import { parseOptions } from '../../validate.ts';
import { batchCsv, distinctBatchNames, type BatchMix, type BatchName } from './bench-batch.ts';
import { fileStream, loadLists, matcherFromFiles } from './list-source.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../..');
const shared = resolve(repoRoot, '../shared');

export const ScaleOptionsSchema = z.object({
  entities: z.coerce.number().int().min(1000).max(5_000_000).default(1_000_000),
  queries: z.coerce.number().int().min(10).max(100_000).default(2000),
  batch: z.coerce.number().int().min(100).max(1_000_000).default(20_000),
  fuseQueries: z.coerce.number().int().min(0).max(1000).default(20),
  onlyBatch: z.boolean().default(false),
  phase: z.enum(['all', 'synthetic', 'fuse', 'lists']).default('all'),
});

interface Figures {
  [key: string]: number | string;
}

const cpuSeconds = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1e6;
const peakMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

/** The synthetic file for `entities`, made once per size and generator seed in the temp folder. */
function syntheticFile(entities: number): { path: string; sample: string[] } {
  const dir = join(tmpdir(), 'qiao-bench-scale');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `synthetic-${entities}-v2.ftm.json`);
  const samplePath = `${path}.sample.json`;
  if (!existsSync(path) || !existsSync(samplePath)) {
    const fd = openSync(`${path}.part`, 'w');
    const summary = writeSyntheticFtm((chunk) => writeSync(fd, chunk), entities);
    closeSync(fd);
    writeFileSync(samplePath, JSON.stringify(summary.sampleNames));
    // Renamed last, so an interrupted run never leaves a short file behind under the final name.
    renameSync(`${path}.part`, path);
  }
  return { path, sample: JSON.parse(readFileSync(samplePath, 'utf8')) as string[] };
}

/** Listed names as given, with one typo, and names listed nowhere, in equal parts. */
function queriesFrom(sample: readonly string[], n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const name = sample[i % sample.length] ?? '';
    if (i % 3 === 0) out.push(name);
    else if (i % 3 === 1) out.push(name.length > 6 ? `${name.slice(0, 3)}${name.slice(4)}` : name);
    else out.push(`Unlisted Trading ${i} Ltd`);
  }
  return out;
}

function synthetic(entities: number, queries: number): Figures {
  const { path, sample } = syntheticFile(entities);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let records = 0;
  const matcher: Matcher = buildScreeningMatcher((add) => {
    streamListFiles([fileStream(path, path)], (r) => {
      records++;
      add(r);
    });
  });
  const buildS = (performance.now() - t0) / 1000;
  const buildCpu = cpuSeconds(process.cpuUsage(c0));
  const qs = queriesFrom(sample, queries);
  const c1 = process.cpuUsage();
  const t1 = performance.now();
  let hits = 0;
  for (const q of qs) if (matcher.match({ name: q }).length > 0) hits++;
  const queryS = (performance.now() - t1) / 1000;
  return { fileMb: Math.round(statSync(path).size / 2 ** 20), records, names: matcher.size, buildS, buildCpu, queryS, queryCpu: cpuSeconds(process.cpuUsage(c1)), hits, peakMb: peakMb() };
}

/** fuse.js over the same names: its index builds fast, but each query scans every name. */
function fuse(entities: number, queries: number): Figures {
  const { path, sample } = syntheticFile(entities);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const names: string[] = [];
  streamListFiles([fileStream(path, path)], (r) => {
    names.push(r.name);
    for (const a of r.aliases) names.push(a);
  });
  const index = new Fuse(names, { includeScore: true, threshold: 0.4, ignoreLocation: true });
  const buildS = (performance.now() - t0) / 1000;
  const buildCpu = cpuSeconds(process.cpuUsage(c0));
  const qs = queriesFrom(sample, queries);
  const t1 = performance.now();
  let hits = 0;
  for (const q of qs) if (index.search(q, { limit: 10 }).length > 0) hits++;
  const perQuery = (performance.now() - t1) / 1000 / Math.max(1, qs.length);
  return { names: names.length, buildS, buildCpu, queries: qs.length, perQueryS: perQuery, hits, peakMb: peakMb() };
}

function lists(): Figures {
  const listsDir = join(shared, 'data', 'lists');
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const matcher = matcherFromFiles([listsDir]);
  return { names: matcher.size, buildS: (performance.now() - t0) / 1000, buildCpu: cpuSeconds(process.cpuUsage(c0)), peakMb: peakMb() };
}

interface ChildResult {
  figures: Figures | null;
  wallS: number;
  error: string;
}

/**
 * V8's young generation at 32 MB per semi-space instead of 16: indexing allocates many objects that
 * survive, and fewer, larger scavenges cost less CPU (measured 10–20% less for the build at 200,000
 * entities, for about 20–100 MB more peak RSS). The deployment setting README recommends for a large index.
 */
const NODE_FLAGS = ['--max-semi-space-size=32'];

/** Runs a command of the CLI in a child process; `parse` reads its last stdout line as figures. */
function child(args: readonly string[], parse: boolean): Promise<ChildResult> {
  const t0 = performance.now();
  return new Promise((done) => {
    const p = spawn(process.execPath, [...NODE_FLAGS, join(repoRoot, 'apps/cli/bin/qiao.js'), ...args], { cwd: repoRoot, stdio: ['ignore', parse ? 'pipe' : 'ignore', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout?.setEncoding('utf8').on('data', (d: string) => (out += d));
    p.stderr?.setEncoding('utf8').on('data', (d: string) => (err += d));
    p.on('close', (code) => {
      const wallS = (performance.now() - t0) / 1000;
      if (code !== 0) return done({ figures: null, wallS, error: err.trim().split('\n').slice(-3).join(' ') || `exit ${code}` });
      const last = out.trim().split('\n').pop() ?? '';
      done({ figures: parse ? (JSON.parse(last) as Figures) : null, wallS, error: '' });
    });
  });
}

const f1 = (n: number | string | undefined) => (typeof n === 'number' ? n.toFixed(1) : (n ?? '-'));
const f2 = (n: number) => n.toFixed(2);
const int = (n: number | string | undefined) => (typeof n === 'number' ? Math.round(n).toLocaleString('en-US') : (n ?? '-'));

/**
 * The batch file: `n` distinct names made from the development queries, the real lists' names (as
 * written and with one edit) and names listed nowhere (bench-batch.ts). Made once per size, before
 * any timing.
 */
function batchFile(n: number): { path: string; mix: BatchMix } | null {
  const queriesPath = join(shared, 'bench', 'screening-dev.jsonl');
  if (!existsSync(queriesPath)) return null;
  const development = readFileSync(queriesPath, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as BatchName);
  const { names, mix } = distinctBatchNames(loadLists([join(shared, 'data', 'lists')]).records, development, n);
  const path = join(tmpdir(), `qiao-bench-batch-distinct-${n}.csv`);
  writeFileSync(path, batchCsv(names));
  return { path, mix };
}

interface CommandFigures {
  readonly wallS: number;
  readonly cpuS: number;
  readonly peakMb: number;
  readonly outBytes: number;
  readonly outLines: number;
  readonly error: string;
}

/** Writes the process's own CPU time and peak RSS to the file named by QIAO_BENCH_CPU_FILE as it exits. */
const CPU_REPORT = `data:text/javascript,${encodeURIComponent(
  'import { writeFileSync } from "node:fs"; process.on("exit", () => { const u = process.cpuUsage(); writeFileSync(process.env.QIAO_BENCH_CPU_FILE, JSON.stringify({ cpuS: (u.user + u.system) / 1e6, peakMb: Math.round(process.resourceUsage().maxRSS / 1024) })); });',
)}`;

/**
 * Runs `qiao ARGS` as a user runs it (no extra V8 flags), its stdout written to a file, and reads the
 * child's own CPU time (every thread, start-up included) as it exits.
 */
function timedCommand(args: readonly string[]): Promise<CommandFigures> {
  const dir = join(tmpdir(), 'qiao-bench-scale');
  mkdirSync(dir, { recursive: true });
  const cpuFile = join(dir, `cpu-${process.pid}.json`);
  const outFile = join(dir, `out-${process.pid}.txt`);
  rmSync(cpuFile, { force: true });
  const fd = openSync(outFile, 'w');
  const t0 = performance.now();
  return new Promise((done) => {
    const p = spawn(process.execPath, ['--import', CPU_REPORT, join(repoRoot, 'apps/cli/bin/qiao.js'), ...args], {
      cwd: repoRoot,
      env: { ...process.env, QIAO_BENCH_CPU_FILE: cpuFile },
      stdio: ['ignore', fd, 'pipe'],
    });
    let err = '';
    p.stderr?.setEncoding('utf8').on('data', (d: string) => (err += d));
    p.on('close', (code) => {
      const wallS = (performance.now() - t0) / 1000;
      closeSync(fd);
      const text = readFileSync(outFile, 'utf8');
      rmSync(outFile, { force: true });
      const usage = existsSync(cpuFile) ? (JSON.parse(readFileSync(cpuFile, 'utf8')) as { cpuS: number; peakMb: number }) : { cpuS: NaN, peakMb: NaN };
      const error = code === 0 ? '' : err.trim().split('\n').slice(-3).join(' ') || `exit ${code}`;
      done({ wallS, ...usage, outBytes: Buffer.byteLength(text), outLines: text.split('\n').filter((l) => l !== '').length, error });
    });
  });
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** The batch case: the whole command on distinct names, then the start-up alone. */
async function batchCase(n: number, out: (s: string) => void): Promise<void> {
  const listsDir = join(shared, 'data', 'lists');
  const batch = existsSync(listsDir) ? batchFile(n) : null;
  if (!batch) {
    out('batch throughput: skipped (needs ../shared/data/lists and ../shared/bench/screening-dev.jsonl)');
    return;
  }
  const { mix } = batch;
  const load = loadavg()[0] ?? 0;
  const run = await timedCommand(['screen', '--batch', batch.path, '--list', listsDir, '--json']);
  // Start-up alone: the same command on one name against a one-record list, median of three runs.
  const one = join(tmpdir(), 'qiao-bench-scale', 'one-record.ftm.json');
  writeFileSync(one, `${JSON.stringify({ id: 'bench-1', schema: 'Company', properties: { name: ['Bench Startup Trading Co., Ltd.'] } })}\n`);
  const starts: CommandFigures[] = [];
  for (let i = 0; i < 3; i++) starts.push(await timedCommand(['screen', 'Bench Startup Trading', '--list', one, '--json']));
  const loadAfter = loadavg()[0] ?? 0;
  out(
    `qiao screen --batch of ${int(n)} distinct names (${int(mix.development)} development queries, ${int(mix.listed)} listed names as written, ${int(mix.varied)} with one edit, ${int(mix.unlisted)} listed nowhere) against the real lists, load average ${load.toFixed(1)} → ${loadAfter.toFixed(1)}:`,
  );
  if (run.error !== '' || run.outLines !== n) {
    out(`  batch run failed: ${run.error || `${run.outLines} output lines for ${n} names`}`);
    return;
  }
  const startWall = median(starts.map((x) => x.wallS));
  const startCpu = median(starts.map((x) => x.cpuS));
  const row = (label: string, text: string) => out(`  ${label.padEnd(52)}${text}`);
  row('whole command (start-up, lists, index, rows, JSON)', `${f1(run.wallS)} s wall, ${f1(run.cpuS)} s CPU: ${int(n / run.wallS)} names/s, ${int(n / run.cpuS)} names per CPU-second (goal ≥ 2,000); peak RSS ${int(run.peakMb)} MB, ${int(run.outBytes / 2 ** 20)} MB of JSON lines`);
  row('start-up alone (one name, one-record list)', `${f2(startWall)} s wall, ${f2(startCpu)} s CPU (median of 3)`);
  row('after start-up', `${f1(run.wallS - startWall)} s wall, ${f1(run.cpuS - startCpu)} s CPU: ${int(n / (run.cpuS - startCpu))} names per CPU-second`);
}

export async function handleScaleBench(raw: unknown): Promise<void> {
  const opts = parseOptions(ScaleOptionsSchema, raw);
  const out = (s: string) => process.stdout.write(`${s}\n`);
  if (opts.phase !== 'all') {
    const figures = opts.phase === 'synthetic' ? synthetic(opts.entities, opts.queries) : opts.phase === 'fuse' ? fuse(opts.entities, opts.fuseQueries) : lists();
    out(JSON.stringify(figures));
    return;
  }
  if (opts.onlyBatch) {
    await batchCase(opts.batch, out);
    return;
  }
  out(`screening at scale (${opts.entities.toLocaleString('en-US')} synthetic FtM entities: Latin, Chinese and Cyrillic names, people and organisations, with aliases)`);
  // The file is made before any timing, by this process.
  syntheticFile(opts.entities);
  const base = ['bench', 'screening-scale', '--entities', String(opts.entities), '--queries', String(opts.queries), '--fuse-queries', String(opts.fuseQueries)];
  const ours = await child([...base, '--phase', 'synthetic'], true);
  if (!ours.figures) throw new CliError(`synthetic run failed: ${ours.error}`, EXIT.failure);
  const s = ours.figures;
  const rival = opts.fuseQueries > 0 ? await child([...base, '--phase', 'fuse'], true) : null;
  const r = rival?.figures ?? null;
  const fuseQueryS = r && typeof r.perQueryS === 'number' ? r.perQueryS * opts.queries : undefined;
  out('');
  const row = (label: string, a: string, b: string) => out(`  ${label.padEnd(26)}${a.padEnd(36)}${b}`);
  row('', 'qiao (streamed, compact index)', 'fuse.js 7 (same names)');
  row('file, records, names', `${int(s.fileMb)} MB, ${int(s.records)}, ${int(s.names)}`, r ? int(r.names) : rival?.error || 'skipped');
  row('read + index build', `${f1(s.buildS)} s wall, ${f1(s.buildCpu)} s CPU`, r ? `${f1(r.buildS)} s wall, ${f1(r.buildCpu)} s CPU` : '-');
  row(`${opts.queries} queries`, `${f1(s.queryS)} s wall, ${f1(s.queryCpu)} s CPU`, fuseQueryS !== undefined ? `${int(fuseQueryS)} s (${r?.queries} timed, scaled)` : '-');
  row('index + queries', `${f1((s.buildS as number) + (s.queryS as number))} s wall (goal ≤ 60 s)`, fuseQueryS !== undefined && r ? `${int((r.buildS as number) + fuseQueryS)} s` : '-');
  row('peak RSS', `${int(s.peakMb)} MB (goal ≤ 2,048 MB)`, r ? `${int(r.peakMb)} MB` : '-');
  row('queries with a match', `${int(s.hits)} of ${opts.queries}`, r ? `${int(r.hits)} of ${r.queries}` : '-');
  out('');
  if (!existsSync(join(shared, 'data', 'lists'))) {
    out(`real lists: skipped (no ${join(shared, 'data', 'lists')})`);
    return;
  }
  const real = await child(['bench', 'screening-scale', '--phase', 'lists'], true);
  out(real.figures ? `real lists (../shared/data/lists): ${int(real.figures.names)} names, index build ${f1(real.figures.buildS)} s wall, ${f1(real.figures.buildCpu)} s CPU, peak RSS ${int(real.figures.peakMb)} MB` : `real lists: failed: ${real.error}`);
  await batchCase(opts.batch, out);
}
