import type { ErrorId, ShrinkNotice } from '@qiao/contracts';

/** An error with an HTTP status and a stable id; the one error handler turns it into `{ error: { id, message } }`. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly id: ErrorId,
    message: string,
    /** Whether the error handler logs it as a fault rather than an expected refusal. */
    readonly report = false,
    /** Per-line problems of an uploaded file, returned with the error. */
    readonly lines?: { line: number; message: string }[],
  ) {
    super(message);
  }
}

export const validationFailed = (message: string) => new AppError(400, 'validation_failed', message);
export const unauthenticated = (message = 'sign in first') => new AppError(401, 'unauthenticated', message);
export const invalidCredentials = () => new AppError(401, 'invalid_credentials', 'email or password is wrong');
export const forbidden = (message = 'you do not have the role this needs') => new AppError(403, 'forbidden', message);
export const csrfInvalid = () => new AppError(403, 'csrf_invalid', 'missing or wrong x-csrf-token header');
export const notFound = (what: string) => new AppError(404, 'not_found', `${what} not found`);
export const conflict = (message: string) => new AppError(409, 'conflict', message);
export const invitationInvalid = () => new AppError(400, 'invitation_invalid', 'the invitation is unknown, used or expired');
export const csvInvalid = (lines: { line: number; message: string }[]) =>
  new AppError(400, 'csv_invalid', `the CSV has ${lines.length} bad line${lines.length === 1 ? '' : 's'}; nothing was changed`, false, lines.slice(0, 100));
export const parityViolation = (message: string) => new AppError(409, 'parity_violation', message);
export const invalidTransition = (message: string) => new AppError(409, 'invalid_transition', message);
export const uriTooLong = (message: string) => new AppError(414, 'uri_too_long', message);
export const weakPassword = (message: string) => new AppError(400, 'weak_password', message);
// Logged: an operator has to free space, nobody else can.
export const insufficientStorage = () => new AppError(507, 'insufficient_storage', 'the server is out of storage space; nothing was saved, try again later', true);

/** An import that would remove data without the admin's confirmation; carries the counts for the client. */
export class ShrinkNotConfirmedError extends AppError {
  constructor(
    message: string,
    readonly shrink: ShrinkNotice[],
  ) {
    super(409, 'shrink_not_confirmed', message);
  }
}

/** `unit`: what the import counts and would remove (records, values). */
export const shrinkNotConfirmed = (shrink: ShrinkNotice[], unit: string) =>
  new ShrinkNotConfirmedError(
    `${shrink.map((s) => `${s.subject}: would remove ${s.removed} of ${s.total} ${unit}`).join('; ')}; nothing was imported. Check the file, or confirm with allowShrink=true (CLI: --allow-shrink).`,
    shrink,
  );
/** The caller may do this somewhere, but not here: not a member or co-chair of this group, not a flagged side's officer on this project. */
export const outOfScope = (message: string) => new AppError(403, 'out_of_scope', message);
/** Acting on an object that belongs to the other side (a party, a decision, a flag). */
export const wrongSide = (message: string) => new AppError(403, 'wrong_side', message);

/**
 * The first `code` along an error's cause chain: a PostgreSQL SQLSTATE (`23505`) or a system errno
 * name (`ENOSPC`), whether the driver error arrives bare or wrapped by Drizzle or a file stream.
 */
export function errorCode(err: unknown, accept: (code: string) => boolean = () => true): string | undefined {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && accept(code)) return code;
  }
  return undefined;
}

/** PostgreSQL's unique_violation, whether the driver error arrives bare or wrapped by Drizzle. */
export function isUniqueViolation(err: unknown): boolean {
  return errorCode(err, (c) => c === '23505') !== undefined;
}
