/** Scorer output: per category either recall@1/hit@5 or a false-alert rate. */
export type ScoreReport = Record<string, { n: number; recall_at_1?: number; hit_at_5?: number; false_alert?: number } | number>;

export interface SpeedFigures {
  readonly buildMs: number;
  readonly namesPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly rssMb: number;
  /** The same figures in CPU time of this process, which other jobs on a shared machine do not inflate. */
  readonly buildCpuMs: number;
  readonly namesPerCpuSecond: number;
  readonly p99CpuMs: number;
}

/** CPU time (user + system) of a process.cpuUsage() difference, in milliseconds. */
export function cpuMs(u: NodeJS.CpuUsage): number {
  return (u.user + u.system) / 1000;
}

const GROUPS: readonly [string, string][] = [
  ['latin-org', 'recall@1 latin org'],
  ['latin-person', 'recall@1 latin person'],
  ['zh', 'recall@1 zh'],
  ['zh-trad', 'recall@1 zh-trad'],
  ['zh-brand', 'recall@1 zh-brand'],
  ['pinyin', 'recall@1 pinyin'],
  ['zh-cn-list', 'recall@1 zh-cn-list'],
  ['ALL-POSITIVE', 'recall@1 all positives'],
  ['negative', 'false alerts negative'],
  ['negative-generated', 'false alerts negative-gen'],
  ['ALL-NEGATIVE', 'false alerts all negatives'],
];

function metric(r: ScoreReport, key: string): { v: number; n: number } | undefined {
  const x = r[key];
  if (typeof x !== 'object') return undefined;
  const v = x.recall_at_1 ?? x.false_alert;
  return v === undefined ? undefined : { v, n: x.n };
}

const pad = (s: string, n: number): string => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number): string => (s.length >= n ? s : ' '.repeat(n - s.length) + s);
const ratio = (a: number, b: number): string => (b === 0 ? (a === 0 ? '—' : '∞') : `${(a / b).toFixed(2)}×`);

/** The side-by-side table printed by `qiao bench screening`. */
export function renderReport(ours: ScoreReport, fuse: ScoreReport, ourSpeed: SpeedFigures, fuseSpeed: SpeedFigures, notes: readonly string[]): string {
  const lines: string[] = [];
  const row = (a: string, b: string, c: string, d: string): string => `${pad(a, 30)}${lpad(b, 16)}${lpad(c, 16)}${lpad(d, 10)}`;
  lines.push(row('metric', 'qiao', 'fuse.js', 'ratio'));
  lines.push('-'.repeat(72));
  for (const [key, label] of GROUPS) {
    const a = metric(ours, key);
    const b = metric(fuse, key);
    if (!a && !b) continue;
    lines.push(row(label, a ? `${a.v.toFixed(3)} (n=${a.n})` : '—', b ? `${b.v.toFixed(3)} (n=${b.n})` : '—', a && b ? ratio(a.v, b.v) : '—'));
  }
  lines.push('-'.repeat(72));
  lines.push(row('index build (ms)', ourSpeed.buildMs.toFixed(0), fuseSpeed.buildMs.toFixed(0), ratio(fuseSpeed.buildMs, ourSpeed.buildMs)));
  lines.push(row('batch names/s', ourSpeed.namesPerSecond.toFixed(0), fuseSpeed.namesPerSecond.toFixed(2), ratio(ourSpeed.namesPerSecond, fuseSpeed.namesPerSecond)));
  lines.push(row('single query p50 (ms)', ourSpeed.p50Ms.toFixed(3), fuseSpeed.p50Ms.toFixed(1), ratio(fuseSpeed.p50Ms, ourSpeed.p50Ms)));
  lines.push(row('single query p99 (ms)', ourSpeed.p99Ms.toFixed(3), fuseSpeed.p99Ms.toFixed(1), ratio(fuseSpeed.p99Ms, ourSpeed.p99Ms)));
  lines.push(row('index build, CPU (ms)', ourSpeed.buildCpuMs.toFixed(0), fuseSpeed.buildCpuMs.toFixed(0), ratio(fuseSpeed.buildCpuMs, ourSpeed.buildCpuMs)));
  lines.push(row('batch names per CPU-second', ourSpeed.namesPerCpuSecond.toFixed(0), fuseSpeed.namesPerCpuSecond.toFixed(2), ratio(ourSpeed.namesPerCpuSecond, fuseSpeed.namesPerCpuSecond)));
  lines.push(row('single query p99, CPU (ms)', ourSpeed.p99CpuMs.toFixed(3), fuseSpeed.p99CpuMs.toFixed(1), ratio(fuseSpeed.p99CpuMs, ourSpeed.p99CpuMs)));
  lines.push(row('RSS memory (MB)', ourSpeed.rssMb.toFixed(0), fuseSpeed.rssMb.toFixed(0), '—'));
  lines.push('(ratio: quality = qiao/fuse.js; speed = how many times faster or smaller qiao is; wall-clock rows');
  lines.push(' include time stolen by other processes, CPU rows count only this process)');
  for (const n of notes) lines.push(`note: ${n}`);
  return lines.join('\n');
}
