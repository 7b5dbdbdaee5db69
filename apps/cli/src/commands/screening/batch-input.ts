import { readFileSync } from 'node:fs';
import { BATCH_ENTITY_TYPES, BatchFileError, parseBatch, type EntityType } from '@qiao/screening';
import { z } from 'zod';
import { CliError, EXIT, usageError } from '../../errors.ts';

export const EntityTypeSchema = z.enum(BATCH_ENTITY_TYPES as [EntityType, ...EntityType[]]);

/** One name to screen, from the command line or a batch file. */
export interface BatchRow {
  readonly id: string;
  readonly name: string;
  readonly type?: EntityType;
  /** ISO 3166 alpha-2, lower case (as the engine compares it). */
  readonly country?: string;
}

/** Bad lines printed before the command gives up; the count says how many there were in all. */
const SHOWN_LINES = 100;

/**
 * Reads a batch file with the engine's batch parser (the one the server's upload uses): CSV with a
 * `name` column and optional id, type, country, or JSON lines. A file with any bad line is refused as
 * a whole, exit 2, every bad line named on stderr, nothing screened.
 */
export function readBatch(file: string): BatchRow[] {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch {
    throw usageError(`--batch: cannot read ${file}`);
  }
  try {
    // Read as UTF-8; bytes that are not UTF-8 fail as such rather than being guessed at.
    return parseBatch(new TextDecoder('utf-8').decode(bytes)).rows.map((r) => ({
      id: r.id ?? `line-${r.line}`,
      name: r.name,
      ...(r.type ? { type: r.type } : {}),
      ...(r.country ? { country: r.country.toLowerCase() } : {}),
    }));
  } catch (err: unknown) {
    if (!(err instanceof BatchFileError)) throw err;
    const lines = err.lines.slice(0, SHOWN_LINES).map((l) => `\n  ${file}:${l.line}: ${l.message}`);
    const more = err.lines.length > SHOWN_LINES ? `\n  … and ${err.lines.length - SHOWN_LINES} more` : '';
    throw new CliError(`${file}: ${err.message}${lines.join('')}${more}`, EXIT.usage);
  }
}

