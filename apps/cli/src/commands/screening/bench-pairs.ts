import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pairMetrics, type PairOutcome } from '@qiao/screening';
import { handleCompare, renderPairMetrics } from './compare.ts';

/** fuse.js's own cut-off, as in the development-set run: a match when 1 − score ≥ 0.6. */
const FUSE_THRESHOLD = 0.4;

/**
 * The labelled pair sets (`packages/screening/bench/pairs/*.csv`) scored the way `qiao compare
 * --pairs` scores them, beside fuse.js comparing the same two names (a one-name Fuse index of the
 * second name, searched with the first). Returns the per-kind table.
 */
export async function runPairBench(pairsDir: string): Promise<{ table: string; files: string[]; pairs: number }> {
  const { default: Fuse } = await import('fuse.js');
  const files = readdirSync(pairsDir)
    .filter((f) => f.endsWith('.csv'))
    .sort();
  const ours: PairOutcome[] = [];
  const fuse: PairOutcome[] = [];
  for (const file of files) {
    const result = handleCompare(undefined, undefined, { pairs: join(pairsDir, file) });
    if (result.kind !== 'pairs') continue;
    for (const r of result.results) {
      if ('error' in r || !r.label) continue;
      ours.push({ kind: r.label.kind, truth: r.label.match, predicted: r.match });
      const hit = new Fuse([r.name2], { threshold: FUSE_THRESHOLD, includeScore: true, ignoreLocation: true }).search(r.name1)[0];
      fuse.push({ kind: r.label.kind, truth: r.label.match, predicted: hit !== undefined && 1 - (hit.score ?? 1) >= 1 - FUSE_THRESHOLD });
    }
  }
  return { table: renderPairMetrics([{ name: 'qiao', metrics: pairMetrics(ours) }, { name: 'fuse.js', metrics: pairMetrics(fuse) }]), files, pairs: ours.length };
}

