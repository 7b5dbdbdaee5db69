import {
  PROJECT_STATUSES,
  type Group,
  type PartyScreening,
  type Project,
  type ProjectAction,
  type ProjectHistoryEntry,
  type ProjectInput,
  type ProjectStatus,
  type ProjectUpdate,
} from '@qiao/contracts';
import { allPages, api, type Items } from '../../api/client.ts';
import type { ClassifyResult, TransferResult } from '@qiao/contracts';

export interface ProjectFilter {
  status: '' | ProjectStatus;
  groupId: string;
  q: string;
  flagged: '' | 'true' | 'false';
}

export const FILTER_KEYS = ['status', 'groupId', 'q', 'flagged'] as const satisfies readonly (keyof ProjectFilter)[];
export const EMPTY_FILTER: ProjectFilter = { status: '', groupId: '', q: '', flagged: '' };

/** Query keys: `['projects', …]`; a transition or review invalidates the project it changed. */
export const projectKeys = {
  all: ['projects'] as const,
  list: (filter: ProjectFilter) => ['projects', 'list', filter] as const,
  pages: (filter: ProjectFilter) => ['projects', 'list', filter, 'pages'] as const,
  detail: (id: string) => ['projects', 'detail', id] as const,
  history: (id: string) => ['projects', 'detail', id, 'history'] as const,
  groups: () => ['projects', 'groups'] as const,
  proposableGroups: (admin: boolean) => ['projects', 'groups', 'proposable', admin] as const,
  parties: () => ['projects', 'parties'] as const,
};

const items = <T>(r: Items<T>) => r.items;
const enc = encodeURIComponent;

const isStatus = (s: string): s is ProjectStatus => (PROJECT_STATUSES as readonly string[]).includes(s);

/** The filter from the address; values the API would refuse are read as "any". */
export function readFilter(params: URLSearchParams): ProjectFilter {
  const status = params.get('status') ?? '';
  const flagged = params.get('flagged') ?? '';
  return {
    status: isStatus(status) ? status : '',
    groupId: params.get('groupId') ?? '',
    q: params.get('q') ?? '',
    flagged: flagged === 'true' || flagged === 'false' ? flagged : '',
  };
}

export function filterQuery(filter: ProjectFilter): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (filter[key].trim()) params.set(key, filter[key].trim());
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const projectsApi = {
  list: (filter: ProjectFilter) => allPages<Project>(api, `/api/projects${filterQuery(filter)}`),
  /** One page of the list: the first for the filter, or the one at `next` (a previous page's link). */
  page: (filter: ProjectFilter, next: string | null) => api.page<Project>(next ?? `/api/projects${filterQuery(filter)}`),
  get: (id: string) => api.get<Project>(`/api/projects/${enc(id)}`),
  create: (body: ProjectInput) => api.post<Project>('/api/projects', body),
  update: (id: string, body: ProjectUpdate) => api.patch<Project>(`/api/projects/${enc(id)}`, body),
  transition: (id: string, action: ProjectAction, version: number, reason = '') =>
    api.post<Project>(`/api/projects/${enc(id)}/transitions`, { action, reason, version }),
  review: (id: string, side: string, decision: 'cleared' | 'blocked', reason: string) =>
    api.post<Project>(`/api/projects/${enc(id)}/reviews`, { side, decision, reason }),
  history: (id: string) => api.get<Items<ProjectHistoryEntry>>(`/api/projects/${enc(id)}/history`).then(items),
  classify: (text: string) => api.post<ClassifyResult>('/api/policy/classify', { text }),
  transfer: (dataset: Record<string, unknown>, direction: 'US-CN' | 'CN-US') =>
    api.post<TransferResult>('/api/policy/transfer', { dataset, direction }),
  groups: () => api.get<Items<Group>>('/api/working-groups').then(items),
  /** Every organisation and person with its side and current screening status. */
  parties: () => api.get<Items<PartyScreening>>('/api/screening/parties').then(items),
};

/** The groups a user may propose in: the open ones they belong to (an admin may use any). */
export async function proposableGroups(admin: boolean): Promise<Group[]> {
  const groups = await api.get<Items<Group>>(`/api/working-groups${admin ? '' : '?mine=true'}`).then(items);
  return groups.filter((g) => g.status !== 'closed');
}
