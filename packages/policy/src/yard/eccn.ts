import type { Bilingual } from '../cite/citation.ts';
import type { Area } from './area.ts';
import { AREAS, productGroupName } from './areas.ts';

/**
 * An Export Control Classification Number written in the text, e.g. "3A001": category digit, product
 * group letter (A–E), three digits (format from the reference, EAR Part 774). Naming an ECCN is the
 * most precise US-side signal there is: the text places an item on the Commerce Control List itself.
 */
export interface EccnHit {
  readonly code: string;
  readonly start: number;
  readonly end: number;
  readonly area: Area;
  readonly productGroup: { readonly letter: string; readonly name: Bilingual };
}

// Word boundaries are ASCII-based, which is what we want: Han characters count as boundaries.
const ECCN = /\b([0-9])([A-E])[0-9]{3}\b/g;

export function findEccns(text: string): EccnHit[] {
  const hits: EccnHit[] = [];
  for (const m of text.matchAll(ECCN)) {
    const [code, category, letter] = m;
    const area = AREAS.find((a) => a.source === 'us-ccl' && a.number === category);
    const name = letter === undefined ? undefined : productGroupName(letter);
    if (!area || !name || letter === undefined) continue;
    hits.push({ code, start: m.index, end: m.index + code.length, area, productGroup: { letter, name } });
  }
  return hits;
}
