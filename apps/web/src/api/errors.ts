import { ERROR_IDS, type ErrorId } from '@qiao/contracts';

/** The API's error ids, plus `network` for a request that never got an answer. */
export type ApiErrorId = ErrorId | 'network';

/** A failed API call, carrying the stable id the UI translates (`errors.<id>`). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly id: ApiErrorId,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function isErrorId(value: unknown): value is ErrorId {
  return typeof value === 'string' && (ERROR_IDS as readonly string[]).includes(value);
}

/**
 * Turn an error response into an ApiError. The body is `{ error: { id, message } }`; anything else
 * (a proxy's HTML page, an id this build does not know yet) still yields an id the UI can translate.
 */
export function toApiError(status: number, body: unknown): ApiError {
  const error = typeof body === 'object' && body !== null && 'error' in body ? body.error : undefined;
  const id = typeof error === 'object' && error !== null && 'id' in error ? error.id : undefined;
  const message = typeof error === 'object' && error !== null && 'message' in error ? error.message : undefined;
  const text = typeof message === 'string' ? message : `HTTP ${status}`;
  if (isErrorId(id)) return new ApiError(id, status, text);
  return new ApiError(fallbackId(status), status, text);
}

function fallbackId(status: number): ErrorId {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 413) return 'payload_too_large';
  if (status === 429) return 'rate_limited';
  if (status >= 400 && status < 500) return 'validation_failed';
  return 'internal';
}
