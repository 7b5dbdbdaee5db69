import { z } from 'zod';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** True for a real calendar date `YYYY-MM-DD` (so 2026-02-30 is refused, which Date alone would roll over). */
export function isIsoDate(value: string): boolean {
  if (!DATE_RE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** A calendar date, `YYYY-MM-DD`, read as a UTC day. */
export const CalendarDateSchema = z.string().refine(isIsoDate, 'must be an ISO 8601 date (YYYY-MM-DD)');

/** A date-time with an explicit offset (`2026-05-01T09:00:00Z`, `…+08:00`), or a plain date. */
export const IsoDateTimeSchema = z
  .string()
  .refine((v) => isIsoDate(v) || (DATE_TIME_RE.test(v) && isIsoDate(v.slice(0, 10)) && !Number.isNaN(Date.parse(v))), 'must be an ISO 8601 date-time with an offset, e.g. 2026-05-01T09:00:00Z');
