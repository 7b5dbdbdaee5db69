import type {
  ActionInput,
  ActionItem,
  ActionUpdate,
  Group,
  GroupDetail,
  GroupInput,
  GroupStatusChange,
  GroupUpdate,
  JoinDecision,
  JoinRequest,
  JoinRequestInput,
  JoinRequestListItem,
  MilestoneInput,
  Notification,
  RecordCheckpoint,
  RecordEntry,
  RecordExport,
  Result,
  ResultInput,
  User,
  VerifyReport,
} from '@qiao/contracts';
import { api, type Items } from '../../api/client.ts';

const items = <T>(r: Items<T>) => r.items;
const enc = encodeURIComponent;

export const groupsApi = {
  list: () => api.get<Items<Group>>('/api/working-groups').then(items),
  get: (id: string) => api.get<GroupDetail>(`/api/working-groups/${enc(id)}`),
  create: (body: GroupInput) => api.post<Group>('/api/working-groups', body),
  update: (id: string, body: GroupUpdate) => api.patch<Group>(`/api/working-groups/${enc(id)}`, body),
  changeStatus: (id: string, body: GroupStatusChange) => api.post<Group>(`/api/working-groups/${enc(id)}/status`, body),
  appointCoChair: (id: string, userId: string) => api.post<GroupDetail>(`/api/working-groups/${enc(id)}/co-chairs`, { userId }),
  handOverCoChair: (id: string, side: string, userId: string) => api.put<GroupDetail>(`/api/working-groups/${enc(id)}/co-chairs/${enc(side)}`, { userId }),
  removeMember: (id: string, userId: string) => api.delete<undefined>(`/api/working-groups/${enc(id)}/members/${enc(userId)}`),
  requestToJoin: (id: string, body: JoinRequestInput) => api.post<JoinRequest>(`/api/working-groups/${enc(id)}/join-requests`, body),
  joinRequests: (id: string) => api.get<Items<JoinRequestListItem>>(`/api/working-groups/${enc(id)}/join-requests`).then(items),
  decideJoin: (id: string, requestId: string, body: JoinDecision) =>
    api.post<JoinRequest>(`/api/working-groups/${enc(id)}/join-requests/${enc(requestId)}/decision`, body),
  /** Admin only: the people who can be appointed co-chair. */
  users: () => api.get<Items<User>>('/api/users').then(items),
};

export const actionsApi = {
  mine: () => api.get<Items<ActionItem>>('/api/actions/mine').then(items),
  forGroup: (groupId: string, overdue?: boolean) =>
    api.get<Items<ActionItem>>(`/api/working-groups/${enc(groupId)}/actions${overdue ? '?overdue=true' : ''}`).then(items),
  create: (body: ActionInput) => api.post<ActionItem>('/api/actions', body),
  update: (id: string, body: ActionUpdate) => api.patch<ActionItem>(`/api/actions/${enc(id)}`, body),
  results: (groupId: string) => api.get<Items<Result>>(`/api/working-groups/${enc(groupId)}/results`).then(items),
  createResult: (body: ResultInput) => api.post<Result>('/api/actions/results', body),
  addMilestone: (resultId: string, body: MilestoneInput) => api.post<Result>(`/api/actions/results/${enc(resultId)}/milestones`, body),
  setMilestoneDone: (milestoneId: string, done: boolean) => api.put<Result>(`/api/actions/milestones/${enc(milestoneId)}/done`, { done }),
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
