import { CsvLineErrorSchema, ERROR_IDS, type CsvLineError, type ErrorId, type ShrinkNotice } from '@qiao/contracts';
import { shrinkNotices } from './shrink.ts';

/** The API's error ids, plus `network` for a request that never got an answer. */
export type ApiErrorId = ErrorId | 'network';

/**
 * A failed API call, carrying the stable id the UI translates (`errors.<id>`). A rejected file import
 * also carries its bad `lines`, and a refused shrinking import what it would have removed (`shrink`).
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly id: ApiErrorId,
    readonly status: number,
    message: string,
    readonly lines: readonly CsvLineError[] = [],
    readonly shrink: readonly ShrinkNotice[] = [],
  ) {
    super(message);
  }
}

function isErrorId(value: unknown): value is ErrorId {
  return typeof value === 'string' && (ERROR_IDS as readonly string[]).includes(value);
}

function linesOf(error: unknown): CsvLineError[] {
  const lines = typeof error === 'object' && error !== null && 'lines' in error ? error.lines : undefined;
  const parsed = CsvLineErrorSchema.array().safeParse(lines);
  return parsed.success ? parsed.data : [];
}

/**
 * Turn an error response into an ApiError. The body is `{ error: { id, message, lines?, shrink? } }`;
 * anything else (a proxy's HTML page, an id this build does not know yet) still yields an id the UI
 * can translate.
 */
export function toApiError(status: number, body: unknown): ApiError {
  const error = typeof body === 'object' && body !== null && 'error' in body ? body.error : undefined;
  const id = typeof error === 'object' && error !== null && 'id' in error ? error.id : undefined;
  const message = typeof error === 'object' && error !== null && 'message' in error ? error.message : undefined;
  const text = typeof message === 'string' ? message : `HTTP ${status}`;
  return new ApiError(isErrorId(id) ? id : fallbackId(status), status, text, linesOf(error), shrinkNotices(body));
}

/** Any thrown value as an ApiError, so callers can read `id` without checking the type first. */
export function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError('internal', 0, error instanceof Error ? error.message : String(error));
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
