import { ApiError, type ApiErrorId } from '../../../api/errors.ts';

/**
 * A failed submit right after a save: the project exists, so the page moves on to it and shows the
 * error there. History state is structured-cloned, which drops the ApiError class, so it travels
 * as plain fields.
 */
export interface CarriedError {
  id: ApiErrorId;
  status: number;
  message: string;
}

export function carry(error: unknown): CarriedError {
  return error instanceof ApiError ? { id: error.id, status: error.status, message: error.message } : { id: 'internal', status: 0, message: String(error) };
}

export function restore(state: unknown): ApiError | null {
  if (typeof state !== 'object' || state === null || !('submitError' in state)) return null;
  const e = (state as { submitError: CarriedError }).submitError;
  return new ApiError(e.id, e.status, e.message);
}
