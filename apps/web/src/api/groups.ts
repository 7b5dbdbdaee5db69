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
  Result,
  ResultInput,
  User,
} from '@qiao/contracts';
import { api, type Items } from './client.ts';

// Working groups and their action items are read by the groups pages and by the dialogues inside a
// group, so the calls and their query keys live here rather than in either page folder.

const items = <T>(r: Items<T>) => r.items;
const enc = encodeURIComponent;

/**
 * `['groups', …]`. A write to a group invalidates `detail(id)`, which also refreshes its join
 * requests; a new group invalidates `list()`, which also refreshes the list with details.
 */
export const groupKeys = {
  all: ['groups'] as const,
  list: () => [...groupKeys.all, 'list'] as const,
  listWithDetails: () => [...groupKeys.list(), 'details'] as const,
  detail: (id: string) => [...groupKeys.all, 'detail', id] as const,
  joinRequests: (id: string) => [...groupKeys.detail(id), 'join-requests'] as const,
  users: () => [...groupKeys.all, 'users'] as const,
};

/** `['actions', …]`: a status change moves a result's progress too, so writes invalidate `all`. */
export const actionKeys = {
  all: ['actions'] as const,
  mine: () => [...actionKeys.all, 'mine'] as const,
  forGroup: (groupId: string, overdue = false) => [...actionKeys.all, 'group', groupId, overdue ? 'overdue' : 'every'] as const,
  results: (groupId: string) => [...actionKeys.all, 'results', groupId] as const,
};

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
  setMilestoneDone: (milestoneId: string, done: boolean, version?: number) => api.put<Result>(`/api/actions/milestones/${enc(milestoneId)}/done`, { done, ...(version ? { version } : {}) }),
};
