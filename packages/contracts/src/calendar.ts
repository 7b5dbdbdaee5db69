import { z } from 'zod';

/**
 * A personal calendar feed: a secret URL that calendar apps poll for the rounds of the user's working
 * groups. The token is shown once when it is created or rotated; the server keeps only its hash.
 */
export const CalendarFeedStateSchema = z.object({
  active: z.boolean(),
  createdAt: z.string().nullable(),
});
export type CalendarFeedState = z.infer<typeof CalendarFeedStateSchema>;

export const CalendarFeedTokenSchema = z.object({
  token: z.string(),
  /** The feed's path on this server; the client prefixes its origin (webcal:// or https://). */
  path: z.string(),
  createdAt: z.string(),
});
export type CalendarFeedToken = z.infer<typeof CalendarFeedTokenSchema>;

/** 32 random bytes, base64url: what a feed URL carries. */
export const CalendarFeedTokenParamSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'is not a calendar feed token');

export const calendarFeedPath = (token: string) => `/api/calendar/feeds/${token}/rounds.ics`;
