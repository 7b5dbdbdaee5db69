// Scratch rows shared by every call: the matcher is single-threaded and names are short, so
// reusing three typed arrays avoids three allocations per compared pair (the hottest loop we have).
const MAX_LEN = 256;
let rowA = new Int32Array(MAX_LEN + 1);
let rowB = new Int32Array(MAX_LEN + 1);
let rowC = new Int32Array(MAX_LEN + 1);
const histogram = new Int32Array(128);

/** Lower bound of the edit distance from letter counts: each edit changes at most two counts. */
function histogramBound(a: string, b: string): number {
  for (let i = 0; i < a.length; i++) histogram[a.charCodeAt(i) & 127]!++;
  for (let i = 0; i < b.length; i++) histogram[b.charCodeAt(i) & 127]!--;
  let diff = 0;
  for (let i = 0; i < a.length; i++) {
    const c = a.charCodeAt(i) & 127;
    diff += Math.abs(histogram[c]!);
    histogram[c] = 0;
  }
  for (let i = 0; i < b.length; i++) {
    const c = b.charCodeAt(i) & 127;
    diff += Math.abs(histogram[c]!);
    histogram[c] = 0;
  }
  return Math.ceil(diff / 2);
}

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent swaps), stopping early once it
 * exceeds `max`. Hot path: a letter-count bound rejects most pairs before the dynamic programme,
 * which then runs on reused typed arrays and exits as soon as a whole row is over budget.
 */
export function boundedDistance(a: string, b: string, max: number): number {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (la > MAX_LEN || lb > MAX_LEN) return max + 1;
  if (histogramBound(a, b) > max) return max + 1;
  let prev2 = rowA;
  let prev = rowB;
  let cur = rowC;
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  rowA = prev2;
  rowB = prev;
  rowC = cur;
  return prev[lb]!;
}

/** Edits a token of this length may carry and still count as the same word. */
export function editBudget(length: number): number {
  if (length >= 9) return 2;
  if (length >= 5) return 1;
  return 0;
}

/** The token itself and every form with one character deleted (SymSpell-style fuzzy lookup keys). */
export function deletes(key: string): string[] {
  const out = [key];
  for (let i = 0; i < key.length; i++) out.push(key.slice(0, i) + key.slice(i + 1));
  return out;
}

/**
 * Similarity of two different words within budget: one edit in an 8-letter word scores 0.9. In a
 * word of five or six letters one edit is a larger share of what tells names apart (Bosch / Busch,
 * Fanta / Fenta), so it costs more there: 0.76 for five letters, 0.8 for six. A short name alone
 * then stays below the alert line, while a typo inside a longer name still passes.
 */
export function fuzzySimilarity(distance: number, length: number): number {
  const perEdit = length <= 6 ? 1.2 : 0.8;
  return Math.max(0, 1 - (distance * perEdit) / length);
}
