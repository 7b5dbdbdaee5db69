import { ListFormatError } from '@qiao/screening';
import { AppError } from '../../errors.ts';
import { DuplicateListError } from './list-files.ts';

/** A list file the readers refused: names the file and line, and says nothing was imported. */
export const listInvalid = (file: string, line: number | undefined, reason: string) =>
  new AppError(400, 'list_invalid', `${file}${line === undefined ? '' : `:${line}`}: ${reason}; nothing was imported, the versions in force are unchanged`, false, line === undefined ? undefined : [{ line, message: `${file}: ${reason}` }]);

export const listDownloadFailed = (message: string) => new AppError(502, 'list_download_failed', message);

/** Turns the readers' errors into the API's; anything else passes through. */
export function asListError(err: unknown): unknown {
  if (err instanceof ListFormatError) return listInvalid(err.file, err.line, err.reason);
  if (err instanceof DuplicateListError) return listInvalid(err.listId, undefined, err.message);
  return err;
}
