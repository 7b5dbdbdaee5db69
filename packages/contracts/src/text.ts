import { z } from 'zod';

/**
 * Input hygiene for every string a person types: the database refuses NUL outright, and control
 * characters or half a surrogate pair are never meant, only smuggled (they break logs, CSV exports,
 * terminals and comparisons). Checked once here, so every route answers 400 with the field named.
 */

/** The first C0 control or DEL in `value`; tab, line feed and carriage return pass where text spans lines. */
function controlChar(value: string, multiline: boolean): number | null {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c < 0x20 || c === 0x7f) && !(multiline && (c === 0x09 || c === 0x0a || c === 0x0d))) return c;
  }
  return null;
}
// With the `u` flag a well-formed pair is one code point, so this matches only a half pair.
const LONE_SURROGATE = /\p{Cs}/u;

export interface TextOptions {
  /** Allow tab, line feed and carriage return (bodies, charters, messages). */
  multiline?: boolean;
}

/** Why `value` is not acceptable text, or null when it is. */
export function textProblem(value: string, options: TextOptions = {}): string | null {
  const control = controlChar(value, options.multiline ?? false);
  if (control !== null) return `contains the control character U+${control.toString(16).toUpperCase().padStart(4, '0')}`;
  if (LONE_SURROGATE.test(value)) return 'contains a lone surrogate (half of a UTF-16 pair), which is not text';
  return null;
}

/** A clean string, NFC-normalised so that the same name typed on two systems compares equal. */
export function cleanText(options: TextOptions = {}) {
  return z
    .string()
    .superRefine((value, ctx) => {
      const problem = textProblem(value, options);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .transform((value) => value.normalize('NFC'));
}

/** Trimmed, non-empty, at most `max` characters, clean. */
export function textField(max: number, options: TextOptions = {}) {
  return cleanText(options).pipe(z.string().trim().min(1).max(max));
}

/** Trimmed, possibly empty, at most `max` characters, clean (optional messages, notes, comments). */
export function optionalText(max: number, options: TextOptions = {}) {
  return cleanText(options).pipe(z.string().trim().max(max));
}

/** PostgreSQL's `integer` (int4): the largest value an int column holds. */
export const INT4_MAX = 2_147_483_647;
/** The largest integer JavaScript holds exactly; `bigint` columns in number mode stop here. */
export const INT8_SAFE_MAX = Number.MAX_SAFE_INTEGER;

/** An integer that fits an int4 column, between `min` and `max` (default: the int4 range). */
export function int4(min = -INT4_MAX - 1, max = INT4_MAX) {
  return z.number().int().min(min).max(Math.min(max, INT4_MAX));
}

/** A row version for optimistic concurrency: 1 up to what the int4 column holds. */
export const VersionSchema = int4(1);

/**
 * Per-line problems of an uploaded text file (CSV): control characters other than tab and line
 * breaks, lone surrogates, and U+FFFD, which is what bytes that were not UTF-8 decode to. A CSV reader
 * calls it on the whole text before parsing; lines are 1-based, like the parsers' own.
 */
export function fileTextProblems(text: string, maxProblems = 100): { line: number; message: string }[] {
  const problems: { line: number; message: string }[] = [];
  if (controlChar(text, true) === null && !LONE_SURROGATE.test(text) && !text.includes('\uFFFD')) return problems;
  const lines = text.split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length && problems.length < maxProblems; i++) {
    const line = lines[i] ?? '';
    const problem = textProblem(line, { multiline: true }) ?? (line.includes('\uFFFD') ? 'is not valid UTF-8 (or contains U+FFFD)' : null);
    if (problem) problems.push({ line: i + 1, message: `the line ${problem}` });
  }
  return problems;
}
