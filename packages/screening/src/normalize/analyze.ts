import { deobfuscate } from './evasion.ts';
import { segmentHan, simplify, HAN_CHAR, HAN_RUN } from './han.ts';
import { analyzeLatin } from './latin.ts';
import type { AnalyzedName, IgnoredPart, NormalizedName, TokenGroup } from './tokens.ts';

/**
 * Analyses a name in any mix of Latin and Han script into comparable token groups:
 * NFKC → (Han) traditional→simplified, dictionary segmentation, numerals, pinyin for the rest;
 * (Latin) case and diacritics folded, legal forms and stopwords dropped, abbreviations expanded.
 */
export function analyzeName(raw: string): AnalyzedName {
  // Plain ASCII (most list names) is already in NFKC form and cannot hide anything: skip the
  // normalisation on the hot path.
  const text = /^[\x20-\x7e]*$/.test(raw) ? raw : deobfuscate(raw);
  const groups: TokenGroup[] = [];
  const ignored: IgnoredPart[] = [];
  const hasHan = HAN_CHAR.test(text);
  let hasLatin = false;
  if (!hasHan) {
    analyzeLatin(text, groups, ignored);
    hasLatin = groups.length > 0;
  } else {
    const simplified = simplify(text);
    let last = 0;
    for (const m of simplified.matchAll(HAN_RUN)) {
      const before = simplified.slice(last, m.index);
      if (/[\p{L}\p{N}]/u.test(before)) {
        hasLatin = true;
        analyzeLatin(before, groups, ignored);
      }
      segmentHan(m[0], groups, ignored);
      last = m.index + m[0].length;
    }
    const rest = simplified.slice(last);
    if (/[\p{L}\p{N}]/u.test(rest)) {
      hasLatin = true;
      analyzeLatin(rest, groups, ignored);
    }
  }
  if (groups.length === 0 && ignored.some((i) => i.reason === 'legal form' || i.reason === 'stopword')) {
    // A name made only of generic words ("The Company") keeps them rather than vanishing.
    for (const i of ignored.splice(0)) {
      groups.push({ surface: i.surface, alternatives: [[{ key: i.surface.replace(/\s+/g, ''), kind: 'name', via: 'latin', surface: i.surface }]] });
    }
  }
  const normalized = groups.map((g) => (g.alternatives[0] ?? []).map((t) => t.key).join(' ')).filter((s) => s !== '').join(' ') as NormalizedName;
  return { raw, normalized, groups, ignored, hasHan, hasLatin };
}

/** The comparable form of a name: the only way to obtain a NormalizedName. */
export function normalizeName(raw: string): NormalizedName {
  return analyzeName(raw).normalized;
}
