import { fail } from './text.ts';

/**
 * A list file read in pieces: `chunks()` yields its bytes in order, each call starting again from
 * the beginning (the CLI reads a file with a fixed buffer). JSON-lines exports are parsed line by
 * line from it, so a file larger than a JavaScript string can hold still loads; other formats are
 * small and are read whole.
 */
export interface ListStream {
  readonly path: string;
  chunks(): Iterable<Uint8Array>;
}

const NEWLINE = 10;
const utf8 = new TextDecoder('utf-8', { fatal: true });
const cp1252 = new TextDecoder('windows-1252');

/** Decodes one slab of whole lines: UTF-8 when valid, else Windows-1252 (as decodeText does for files). */
function decodeSlab(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return cp1252.decode(bytes);
  }
}

function concat(parts: readonly Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * The non-blank lines of a byte stream with their 1-based line numbers. Bytes are decoded a slab of
 * whole lines at a time (a BOM and the DOS end-of-file mark are dropped), so no string ever holds
 * more than one chunk's worth of lines. A line longer than `maxLine` bytes is an error naming it.
 */
export function* streamLines(file: string, chunks: Iterable<Uint8Array>, maxLine = 64 * 1024 * 1024): Generator<{ line: number; text: string }> {
  let carry: Uint8Array[] = [];
  let carried = 0;
  let line = 0;
  let first = true;
  function* emit(bytes: Uint8Array): Generator<{ line: number; text: string }> {
    let text = decodeSlab(bytes);
    if (first) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      const end = nl < 0 ? text.length : nl;
      line++;
      let l = text.slice(start, end);
      if (l.endsWith('\r')) l = l.slice(0, -1);
      let keep = l.length;
      while (keep > 0 && l.charCodeAt(keep - 1) === 26) keep--;
      if (keep < l.length) l = l.slice(0, keep);
      if (l.trim() !== '') yield { line, text: l };
      if (nl < 0) break;
      start = nl + 1;
    }
  }
  for (const chunk of chunks) {
    const last = chunk.lastIndexOf(NEWLINE);
    if (last < 0) {
      carry.push(chunk.slice());
      carried += chunk.length;
      if (carried > maxLine) fail(file, line + 1, `line longer than ${maxLine} bytes`);
      continue;
    }
    // Whole lines: what was carried plus this chunk up to its last newline (excluded).
    const head = chunk.subarray(0, last);
    yield* emit(carried > 0 ? concat([...carry, head], carried + head.length) : head);
    const rest = chunk.subarray(last + 1);
    // Copy the tail: the reader may reuse the chunk's buffer for the next read.
    carry = rest.length > 0 ? [rest.slice()] : [];
    carried = rest.length;
  }
  if (carried > 0) yield* emit(concat(carry, carried));
}

/** The first `max` bytes of a stream (or all of it when shorter), for format detection. */
export function headOf(chunks: Iterable<Uint8Array>, max: number): Uint8Array {
  const parts: Uint8Array[] = [];
  let total = 0;
  for (const c of chunks) {
    parts.push(c.slice(0, Math.min(c.length, max - total)));
    total += parts[parts.length - 1]?.length ?? 0;
    if (total >= max) break;
  }
  return concat(parts, total);
}

/** A whole stream as bytes, for the formats that are read whole. */
export function allOf(chunks: Iterable<Uint8Array>): Uint8Array {
  const parts: Uint8Array[] = [];
  let total = 0;
  for (const c of chunks) {
    parts.push(c.slice());
    total += c.length;
  }
  return concat(parts, total);
}
