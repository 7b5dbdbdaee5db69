import { ApiError } from '../api/errors.ts';

/**
 * The server's message for one field, when a 400 names it: zod errors arrive as `field: message`
 * (`name.en: too long`). Lets a form show the error under the field instead of above the form.
 */
export function serverFieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError) || error.id !== 'validation_failed') return undefined;
  const colon = error.message.indexOf(':');
  if (colon < 0) return undefined;
  const path = error.message.slice(0, colon).trim();
  return path === field || path.startsWith(`${field}.`) ? error.message.slice(colon + 1).trim() : undefined;
}

/** True when the error belongs to a named field, so the form does not also show it at the top. */
export function isFieldError(error: unknown, fields: readonly string[]): boolean {
  return fields.some((field) => serverFieldError(error, field) !== undefined);
}
