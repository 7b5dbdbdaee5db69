import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ListFormatError, loadListFiles, type ListFile, type LoadResult } from '@qiao/screening';
import { CliError, EXIT, usageError } from '../../errors.ts';

/** Folder of lists imported into the platform, used when no --list is given. */
export function defaultListsDir(): string {
  // The CLI is an app: it may read the environment (packages may not).
  return join(process.env.QIAO_DATA_DIR ?? join(process.cwd(), '.qiao', 'data'), 'lists');
}

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

/**
 * Reads every file under the given paths (files or folders, recursively) and loads them as lists.
 * Warnings (skipped files) go to stderr; a malformed list file stops the command with its file and line.
 */
export function loadLists(paths: readonly string[]): LoadResult {
  let roots = paths;
  if (roots.length === 0) {
    const dir = defaultListsDir();
    if (!existsSync(dir)) {
      throw usageError(`no lists to screen against: pass --list PATH (a list file or a folder of lists); no imported lists found in ${dir}`);
    }
    roots = [dir];
  }
  const files: string[] = [];
  for (const p of roots) {
    if (!existsSync(p)) throw usageError(`--list: ${p} does not exist`);
    walk(p, files);
  }
  const listFiles: ListFile[] = files.map((f) => ({ path: relative(process.cwd(), resolve(f)).split('\\').join('/') || f, contents: readFileSync(f) }));
  let result: LoadResult;
  try {
    result = loadListFiles(listFiles);
  } catch (err: unknown) {
    if (err instanceof ListFormatError) throw new CliError(`cannot read list ${err.message}`, EXIT.failure);
    throw err;
  }
  for (const w of result.warnings) process.stderr.write(`qiao: warning: ${w}\n`);
  if (result.records.length === 0) throw new CliError('no list records found in the given --list paths', EXIT.failure);
  return result;
}
