import type { AuditEntry, CreateUserRequest, Invitation, InvitationRequest, User } from '@qiao/contracts';
import { api, type Items } from './client.ts';

/**
 * What POST /api/users answers: the user, plus the generated one-time password when none was
 * given (null otherwise). Shown once; the server keeps only its hash.
 */
export type CreatedUser = User & { oneTimePassword?: string | null };

export interface AuditFilter {
  entity?: string;
  limit: number;
}

export const adminApi = {
  users: () => api.get<Items<User>>('/api/users').then((r) => r.items),
  createUser: (body: CreateUserRequest) => api.post<CreatedUser>('/api/users', body),
  createInvitation: (body: InvitationRequest) => api.post<Invitation>('/api/invitations', body),
  audit: ({ entity, limit }: AuditFilter) => {
    const query = new URLSearchParams({ limit: String(limit) });
    if (entity) query.set('entity', entity);
    return api.get<Items<AuditEntry>>(`/api/audit?${query.toString()}`).then((r) => r.items);
  },
};
