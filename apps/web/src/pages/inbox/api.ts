import type { InboxList, InboxMarkAll, InboxModule, InboxQuery, MailPreferences, MailPreferencesInput, Task, UnreadCount } from '@qiao/contracts';
import { api, qs, type Items } from '../../api/client.ts';

export type InboxFilter = { module?: InboxModule; state: InboxQuery['state']; lang: 'en' | 'zh' };

export const inboxKeys = {
  all: ['inbox'] as const,
  list: (f: InboxFilter) => [...inboxKeys.all, 'list', f] as const,
  unread: () => [...inboxKeys.all, 'unread'] as const,
  tasks: (lang: string) => [...inboxKeys.all, 'tasks', lang] as const,
  preferences: () => [...inboxKeys.all, 'preferences'] as const,
};

export const inboxApi = {
  list: (f: InboxFilter) => api.get<InboxList>(`/api/inbox${qs({ module: f.module, state: f.state, lang: f.lang })}`),
  unread: () => api.get<UnreadCount>('/api/inbox/unread-count'),
  markRead: (ids: string[]) => api.post<{ marked: number }>('/api/inbox/read', { ids }),
  markAll: (body: InboxMarkAll) => api.post<{ marked: number }>('/api/inbox/read-all', body),
  tasks: (lang: string) => api.get<Items<Task>>(`/api/inbox/tasks${qs({ lang })}`).then((r) => r.items),
  preferences: () => api.get<MailPreferences>('/api/inbox/preferences'),
  savePreferences: (body: MailPreferencesInput) => api.put<MailPreferences>('/api/inbox/preferences', body),
};
