import type { Notification, RecordCheckpoint, RecordEntry, RecordExport, VerifyReport } from '@qiao/contracts';
import { api, type Items } from '../../api/client.ts';

// Groups and action items themselves are in api/groups.ts (the dialogues read them too).

const items = <T>(r: Items<T>) => r.items;
const enc = encodeURIComponent;

export const notificationKeys = {
  all: ['notifications'] as const,
  list: () => [...notificationKeys.all, 'list'] as const,
};

export const recordKeys = {
  all: ['record'] as const,
  entries: (groupId: string) => [...recordKeys.all, 'entries', groupId] as const,
  checkpoints: (groupId: string) => [...recordKeys.all, 'checkpoints', groupId] as const,
};

export const notificationsApi = {
  list: () => api.get<Items<Notification>>('/api/notifications').then(items),
  markRead: (body: { ids?: string[]; all?: boolean }) => api.post<{ marked: number }>('/api/notifications/read', body),
};

export const recordApi = {
  entries: (groupId: string) => api.get<Items<RecordEntry>>(`/api/record?groupId=${enc(groupId)}`).then(items),
  verify: () => api.get<VerifyReport>('/api/record/verify'),
  export: () => api.get<RecordExport>('/api/record/export'),
  exportUrl: '/api/record/export',
  /** Co-chairs of the group and admins only; others get 403. */
  checkpoints: (groupId: string) => api.get<Items<RecordCheckpoint>>(`/api/record/checkpoints?groupId=${enc(groupId)}`).then(items),
  checkpointExportUrl: (id: string) => `/api/record/checkpoints/${enc(id)}/export`,
  keysUrl: '/api/record/keys',
};
