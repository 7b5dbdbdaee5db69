import { ListFormatError } from '@qiao/screening';
import { AppError } from '../../errors.ts';
import { DuplicateListError, ListTextError } from './list-files.ts';

/** A list file the readers refused: names the file and line, and says nothing was imported. */
export const listInvalid = (file: string, line: number | undefined, reason: string) =>
  new AppError(400, 'list_invalid', `${file}${line === undefined ? '' : `:${line}`}: ${reason}; nothing was imported, the versions in force are unchanged`, false, line === undefined ? undefined : [{ line, message: `${file}: ${reason}` }]);

/** A list file with control characters or half surrogate pairs: every bad line, the first in the message. */
export const listTextInvalid = (file: string, problems: readonly { line: number; message: string }[]) => {
  const first = problems[0];
  const where = first ? `${file}:${first.line}: ${first.message}` : file;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more line${problems.length === 2 ? '' : 's'})` : '';
  return new AppError(400, 'list_invalid', `${where}${more}; nothing was imported, the versions in force are unchanged`, false, problems.map((p) => ({ line: p.line, message: `${file}: ${p.message}` })));
};

export const listDownloadFailed = (message: string) => new AppError(502, 'list_download_failed', message);

/** Turns the readers' errors into the API's; anything else passes through. */
export function asListError(err: unknown): unknown {
  if (err instanceof ListFormatError) return listInvalid(err.file, err.line, err.reason);
  if (err instanceof ListTextError) return listTextInvalid(err.file, err.problems);
  if (err instanceof DuplicateListError) return listInvalid(err.listId, undefined, err.message);
  return err;
}
