import { ListFormatError } from '../types.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });
// OFAC's legacy CSV files are Windows-1252, not UTF-8; the WHATWG "latin1" label decodes as windows-1252.
const cp1252 = new TextDecoder('windows-1252');

/**
 * Decodes file contents: UTF-8 when valid (with or without BOM), else Windows-1252.
 * Strips the DOS end-of-file mark (Ctrl-Z) that OFAC still appends to its legacy files.
 */
export function decodeText(contents: string | Uint8Array): string {
  let text: string;
  if (typeof contents === 'string') {
    text = contents;
  } else {
    try {
      text = utf8.decode(contents);
    } catch {
      text = cp1252.decode(contents);
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === 26 || text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
  // Keep one final newline out: the parsers do not need it, and a Ctrl-Z must never become data.
  return text.slice(0, end);
}

/** Splits text into lines and keeps their 1-based line numbers (blank lines skipped). */
export function nonBlankLines(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] ?? '';
    if (l.trim() !== '') out.push({ line: i + 1, text: l });
  }
  return out;
}

/** Splits a `; `-separated list field into trimmed, non-empty values. */
export function splitList(value: unknown, separator: string | RegExp = ";"): string[] {
  if (Array.isArray(value)) return value.map((v) => String(v).trim()).filter((v) => v !== '');
  if (typeof value !== 'string') return [];
  return value
    .split(separator)
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

export function fail(file: string, line: number | undefined, reason: string): never {
  throw new ListFormatError(file, line, reason);
}
