import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sharedListsDir } from '../test/paths.ts';
import { parseLabelledQueries, queryMetrics } from './compare.ts';
import { createMatcher } from './matcher/token-matcher.ts';
import { loadListFiles } from './readers/load.ts';
import type { ListFile } from './types.ts';

const QUERIES = resolve(dirname(fileURLToPath(import.meta.url)), '../bench/queries/zh-institutions.tsv');

function folder(dir: string, base = dir): ListFile[] {
  return readdirSync(dir)
    .sort()
    .flatMap((e) => {
      const p = join(dir, e);
      return statSync(p).isDirectory() ? folder(p, base) : [{ path: relative(base, p).split('\\').join('/'), contents: readFileSync(p) }];
    });
}

const present = existsSync(sharedListsDir);

// Screens Chinese-script names of listed institutions and companies (and unlisted ones) against the
// real lists in ../shared; skipped without them.
describe.skipIf(!present)('Chinese-script queries against the real lists', () => {
  it('finds listed institutions first (recall@1 ≥ 0.93) and alerts on at most 4% of unlisted names', () => {
    const matcher = createMatcher();
    for (const r of loadListFiles(folder(sharedListsDir)).records) matcher.add(r);
    matcher.build();
    const m = queryMetrics(matcher, parseLabelledQueries(readFileSync(QUERIES, 'utf8')));
    expect(m.positives).toBeGreaterThanOrEqual(50);
    expect(m.negatives).toBeGreaterThanOrEqual(30);
    expect({ recall: m.recallAt1 >= 0.93, falseAlerts: m.falseAlerts <= 0.04 }, m.wrong.join('; ')).toEqual({ recall: true, falseAlerts: true });
    console.info(`zh queries: recall@1 ${m.recallAt1.toFixed(3)} (n=${m.positives}), false alerts ${m.falseAlerts.toFixed(3)} (n=${m.negatives}) ${m.wrong.join('; ')}`);
  });
});
