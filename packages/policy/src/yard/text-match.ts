/**
 * Dictionary term matching over English, Chinese or mixed text, reporting positions in the ORIGINAL
 * string as UTF-16 offsets (so `text.slice(start, end)` is the matched text).
 *
 * - Latin terms match whole tokens only (a token is a run of Latin letters or digits), so "ai" never
 *   matches inside "said". Case is ignored, except for all-capital acronyms ("AI", "UAV"), which match
 *   only in capitals so the syllable "Ai" in a name is not read as artificial intelligence. Each token
 *   may carry a plural ending (-s, -es, -y → -ies), and the tokens of a multi-word term may be joined
 *   by spaces or hyphens ("gene-editing", "EUV  lithography").
 * - Chinese terms (any term containing a Han character) are found as substrings: Chinese text is not
 *   segmented by spaces, so "研制极紫外光刻机" contains "光刻机".
 * - Longest match wins: a hit strictly inside a longer hit is dropped, as a dictionary segmenter
 *   would, so "directed energy deposition" (a manufacturing process) is not read as "directed energy".
 *   Equal spans from several dictionary entries merge into one hit carrying every key.
 */

export interface TermEntry<K> {
  readonly term: string;
  readonly key: K;
}

export interface TermHit<K> {
  /** The dictionary form of the term. */
  readonly term: string;
  /** The text as it appears in the input. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly keys: readonly K[];
}

interface LatinTerm<K> {
  readonly term: string;
  readonly tokens: readonly string[];
  readonly caseSensitive: boolean;
  readonly key: K;
}

export interface Dictionary<K> {
  /** Latin terms indexed by their first token, lower-cased. */
  readonly latin: ReadonlyMap<string, readonly LatinTerm<K>[]>;
  readonly han: readonly TermEntry<K>[];
}

const HAN = /\p{Script=Han}/u;
const TOKEN = /[\p{Script=Latin}\p{N}]+/gu;
const TERM_SPLIT = /[^\p{Script=Latin}\p{N}]+/u;
// Only spaces and hyphens join the words of a term; a comma or full stop ends the phrase.
const JOINER = /^[\s\-\u2010\u2011\u2012\u2013]+$/u;

export function isHanTerm(term: string): boolean {
  return HAN.test(term);
}

function isAcronym(term: string): boolean {
  return /\p{Lu}/u.test(term) && term === term.toUpperCase();
}

/** Tokens of a Latin term, as the matcher compares them. */
export function latinTokens(term: string): string[] {
  return term.split(TERM_SPLIT).filter((t) => t.length > 0);
}

export function compileDictionary<K>(entries: readonly TermEntry<K>[]): Dictionary<K> {
  const latin = new Map<string, LatinTerm<K>[]>();
  const han: TermEntry<K>[] = [];
  for (const entry of entries) {
    if (isHanTerm(entry.term)) {
      han.push(entry);
      continue;
    }
    const tokens = latinTokens(entry.term);
    const first = tokens[0];
    if (first === undefined) continue;
    const compiled = { term: entry.term, tokens, caseSensitive: isAcronym(entry.term), key: entry.key };
    const bucket = latin.get(first.toLowerCase());
    if (bucket) bucket.push(compiled);
    else latin.set(first.toLowerCase(), [compiled]);
  }
  return { latin, han };
}

/** The singular forms a token could stand for, the token itself first. */
function baseForms(token: string): string[] {
  const forms = [token];
  if (token.length > 2 && token.endsWith('s')) forms.push(token.slice(0, -1));
  if (token.length > 3 && token.endsWith('es')) forms.push(token.slice(0, -2));
  if (token.length > 4 && token.endsWith('ies')) forms.push(`${token.slice(0, -3)}y`);
  return forms;
}

function tokenMatches(textToken: string, termToken: string, caseSensitive: boolean): boolean {
  if (caseSensitive) return textToken === termToken || textToken === `${termToken}s`;
  return baseForms(textToken.toLowerCase()).includes(termToken.toLowerCase());
}

interface Token {
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

function findLatin<K>(dict: Dictionary<K>, text: string, out: TermHit<K>[]): void {
  const tokens: Token[] = [...text.matchAll(TOKEN)].map((m) => ({ value: m[0], start: m.index, end: m.index + m[0].length }));
  for (let i = 0; i < tokens.length; i++) {
    const head = tokens[i];
    if (!head) continue;
    const candidates = new Set(baseForms(head.value.toLowerCase()).flatMap((f) => dict.latin.get(f) ?? []));
    for (const term of candidates) {
      const last = matchFrom(tokens, i, term, text);
      if (last !== undefined) {
        out.push({ term: term.term, text: text.slice(head.start, last.end), start: head.start, end: last.end, keys: [term.key] });
      }
    }
  }
}

/** The last token of `term` matched from token `i`, or undefined when it does not match there. */
function matchFrom<K>(tokens: readonly Token[], i: number, term: LatinTerm<K>, text: string): Token | undefined {
  let last: Token | undefined;
  for (let j = 0; j < term.tokens.length; j++) {
    const token = tokens[i + j];
    const expected = term.tokens[j];
    if (!token || expected === undefined || !tokenMatches(token.value, expected, term.caseSensitive)) return undefined;
    if (last && !JOINER.test(text.slice(last.end, token.start))) return undefined;
    last = token;
  }
  return last;
}

// One indexOf scan per Chinese term: a few hundred native scans cost well under a millisecond on an
// abstract, and keep the code obvious. A multi-megabyte text would want an Aho–Corasick automaton.
function findHan<K>(dict: Dictionary<K>, text: string, out: TermHit<K>[]): void {
  for (const entry of dict.han) {
    for (let at = text.indexOf(entry.term); at !== -1; at = text.indexOf(entry.term, at + 1)) {
      out.push({ term: entry.term, text: entry.term, start: at, end: at + entry.term.length, keys: [entry.key] });
    }
  }
}

/** Merges equal spans and drops hits strictly inside a longer one; sorted by position. */
function longestMatches<K>(hits: readonly TermHit<K>[]): TermHit<K>[] {
  const bySpan = new Map<string, TermHit<K>>();
  for (const hit of hits) {
    const span = `${hit.start}:${hit.end}`;
    const seen = bySpan.get(span);
    if (!seen) bySpan.set(span, hit);
    else bySpan.set(span, { ...seen, keys: [...new Set([...seen.keys, ...hit.keys])] });
  }
  const merged = [...bySpan.values()];
  const kept = merged.filter(
    (h) => !merged.some((o) => o !== h && o.start <= h.start && o.end >= h.end && o.end - o.start > h.end - h.start),
  );
  return kept.sort((a, b) => a.start - b.start || b.end - a.end);
}

export function findTerms<K>(dict: Dictionary<K>, text: string): TermHit<K>[] {
  const hits: TermHit<K>[] = [];
  findLatin(dict, text, hits);
  findHan(dict, text, hits);
  return longestMatches(hits);
}
