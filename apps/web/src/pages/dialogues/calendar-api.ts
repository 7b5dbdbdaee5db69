import type { CalendarFeedState, CalendarFeedToken } from '@qiao/contracts';
import { api } from '../../api/client.ts';

export const calendarKeys = {
  feed: ['calendar', 'feed'] as const,
};

export const calendarApi = {
  /** A plain link, not a request: the browser downloads the file or hands it to the calendar app. */
  roundIcsUrl: (roundId: string) => `/api/dialogues/rounds/${encodeURIComponent(roundId)}/calendar.ics`,
  feed: () => api.get<CalendarFeedState>('/api/calendar/feed'),
  rotate: () => api.post<CalendarFeedToken>('/api/calendar/feed'),
  revoke: () => api.delete('/api/calendar/feed'),
};
