import { readFileSync, statSync } from 'node:fs';
import { CliError, EXIT } from '../../errors.ts';

// Project texts and dataset declarations are small; anything larger is a wrong file, not an input.
const MAX_BYTES = 5 * 1024 * 1024;

/** Reads a UTF-8 text file: missing or unreadable → exit 1; too large or not UTF-8 → exit 2. */
export function readUtf8File(path: string, what: string): string {
  let bytes: Buffer;
  try {
    if (statSync(path).size > MAX_BYTES) throw new CliError(`${what} ${path}: larger than ${MAX_BYTES / 1024 / 1024} MB`, EXIT.usage);
    bytes = readFileSync(path);
  } catch (err: unknown) {
    if (err instanceof CliError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`${what} ${path}: no such file`, EXIT.failure);
    if (code === 'EISDIR') throw new CliError(`${what} ${path}: is a directory, expected a file`, EXIT.failure);
    throw new CliError(`${what} ${path}: cannot read (${code ?? String(err)})`, EXIT.failure);
  }
  try {
    // fatal: a Latin-1 or GBK file would otherwise be read as mojibake and classified silently.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new CliError(`${what} ${path}: not valid UTF-8 text`, EXIT.usage);
  }
}
