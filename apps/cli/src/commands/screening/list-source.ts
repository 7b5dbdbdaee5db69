import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { buildMatcher as buildScreeningMatcher } from '@qiao/server/index-builder';
import { ListFormatError, loadListFiles, streamListFiles, type ListStream, type LoadResult, type Matcher } from '@qiao/screening';
import { CliError, EXIT, usageError } from '../../errors.ts';

/** Bytes read from a list file at a time: JSON lines are parsed a slab of whole lines at a time. */
const CHUNK = 1 << 20;

function walk(path: string, out: string[]): void {
  const st = statSync(path);
  if (st.isFile()) {
    out.push(path);
    return;
  }
  for (const entry of readdirSync(path).sort()) {
    if (entry.startsWith('.')) continue;
    walk(join(path, entry), out);
  }
}

/** A list file read from disk through one reused buffer, so a file of any size streams. */
export function fileStream(path: string, display: string): ListStream {
  return {
    path: display,
    *chunks() {
      const fd = openSync(path, 'r');
      const buf = new Uint8Array(CHUNK);
      try {
        for (;;) {
          const n = readSync(fd, buf, 0, CHUNK, null);
          if (n === 0) return;
          yield buf.subarray(0, n);
        }
      } finally {
        closeSync(fd);
      }
    },
  };
}

function streamsOf(paths: readonly string[]): ListStream[] {
  if (paths.length === 0) throw usageError('no lists to screen against: pass --list PATH (a list file or a folder of lists)');
  const files: string[] = [];
  for (const p of paths) {
    if (!existsSync(p)) throw usageError(`--list: ${p} does not exist`);
    walk(p, files);
  }
  return files.map((f) => fileStream(f, relative(process.cwd(), resolve(f)).split('\\').join('/') || f));
}

/** Reads list files (files or folders, recursively) into records, for the benchmark; warnings go to stderr. */
export function loadLists(paths: readonly string[]): LoadResult {
  let result: LoadResult;
  try {
    result = loadListFiles(streamsOf(paths));
  } catch (err: unknown) {
    if (err instanceof ListFormatError) throw new CliError(`cannot read list ${err.message}`, EXIT.failure);
    throw err;
  }
  for (const w of result.warnings) process.stderr.write(`qiao: warning: ${w}\n`);
  if (result.records.length === 0) throw new CliError('no list records found in the given --list paths', EXIT.failure);
  return result;
}

/**
 * Builds the screening index from list files (files or folders, recursively) with the server's
 * index builder, streaming the records in. Warnings (skipped files) go to stderr; a malformed list
 * file stops the command with its file and line.
 */
export function matcherFromFiles(paths: readonly string[]): Matcher {
  const streams = streamsOf(paths);
  let warnings: string[] = [];
  let records = 0;
  let matcher: Matcher;
  try {
    matcher = buildScreeningMatcher((add) => {
      warnings = streamListFiles(streams, (r) => {
        records++;
        add(r);
      }).warnings;
    });
  } catch (err: unknown) {
    if (err instanceof ListFormatError) throw new CliError(`cannot read list ${err.message}`, EXIT.failure);
    throw err;
  }
  for (const w of warnings) process.stderr.write(`qiao: warning: ${w}\n`);
  if (records === 0) throw new CliError('no list records found in the given --list paths', EXIT.failure);
  return matcher;
}

const NO_LISTS = 'no lists to screen against: import them with `qiao lists import PATH…` or `qiao lists update`, or pass --list PATH (a list file or a folder of lists)';

/**
 * The index of the list versions in force in the platform's database, built by the server's own
 * screening index. The embedded database admits one process: while a server runs on it, opening it
 * fails with DataDirInUseError, which the CLI reports as every database command does. The server
 * package is loaded here, when the database is read, and not for `--list` files.
 */
export async function matcherFromDatabase(): Promise<Matcher> {
  const { buildServices, openConfiguredDatabase } = await import('@qiao/server');
  const cfg = (await import('../../config.ts')).cliConfig();
  // Never create an empty database just to find it has no lists.
  if (cfg.database.kind === 'pglite' && !existsSync(cfg.database.dataDir)) throw usageError(`${NO_LISTS}; no platform database in ${cfg.dataDir}`);
  const database = await openConfiguredDatabase(cfg);
  try {
    await database.migrate();
    const services = buildServices(cfg, database, { now: () => new Date(), log: { info: () => {}, warn: (m) => process.stderr.write(`qiao: warning: ${m}\n`) } });
    const snapshot = await services.screening.index.current();
    if (snapshot.versions.size === 0 || snapshot.matcher.size === 0) throw usageError(NO_LISTS);
    return snapshot.matcher;
  } finally {
    await database.close();
  }
}
