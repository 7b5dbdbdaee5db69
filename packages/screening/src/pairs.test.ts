import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { compareNames } from './compare.ts';
import type { EntityType } from './types.ts';

const PAIRS = resolve(dirname(fileURLToPath(import.meta.url)), '../bench/pairs/legal-forms-evasion.csv');

interface Pair {
  readonly name1: string;
  readonly name2: string;
  readonly type: string;
  readonly match: string;
  readonly kind: string;
}

const pairs = parse<Pair>(readFileSync(PAIRS, 'utf8'), { columns: true, skip_empty_lines: true });

describe('labelled pairs: legal forms, evasion, initials and acronyms, number words', () => {
  it('has both outcomes of every kind', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(40);
    for (const kind of new Set(pairs.map((p) => p.kind))) {
      expect(pairs.filter((p) => p.kind === kind && p.match === '1').length).toBeGreaterThan(0);
      expect(pairs.filter((p) => p.kind === kind && p.match === '0').length).toBeGreaterThan(0);
    }
  });

  for (const kind of [...new Set(pairs.map((p) => p.kind))]) {
    it(`keeps precision and recall at or above 0.95 for ${kind}`, () => {
      let tp = 0;
      let fp = 0;
      let fn = 0;
      const wrong: string[] = [];
      const of = pairs.filter((x) => x.kind === kind);
      for (const p of of) {
        const c = compareNames(p.name1, p.name2, (p.type || undefined) as EntityType | undefined);
        const truth = p.match === '1';
        if (c.match && truth) tp++;
        else if (c.match) fp++;
        else if (truth) fn++;
        if (c.match !== truth) wrong.push(`${p.name1} ↔ ${p.name2}: ${c.score}`);
      }
      const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
      const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
      // The wrongly scored pairs are in the message, so a failure says which ones.
      expect({ kind, precision: precision >= 0.95, recall: recall >= 0.95 }, wrong.join('; ')).toEqual({ kind, precision: true, recall: true });
      console.info(`${kind}: precision ${precision.toFixed(3)} recall ${recall.toFixed(3)} (${of.filter((x) => x.match === '1').length} matches, ${of.filter((x) => x.match === '0').length} non-matches) ${wrong.join('; ')}`);
    });
  }
});
