import type { AuditEntry, CreateUserRequest, Invitation, InvitationRequest, User } from '@qiao/contracts';
import { api, type Items } from './client.ts';

export interface AuditFilter {
  entity?: string;
  limit: number;
}

export const adminApi = {
  users: () => api.get<Items<User>>('/api/users').then((r) => r.items),
  createUser: (body: CreateUserRequest) => api.post<User>('/api/users', body),
  createInvitation: (body: InvitationRequest) => api.post<Invitation>('/api/invitations', body),
  audit: ({ entity, limit }: AuditFilter) => {
    const query = new URLSearchParams({ limit: String(limit) });
    if (entity) query.set('entity', entity);
    return api.get<Items<AuditEntry>>(`/api/audit?${query.toString()}`).then((r) => r.items);
  },
};
