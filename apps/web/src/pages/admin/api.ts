import type { AuditEntry, User } from '@qiao/contracts';
import { api, qs, type Items } from '../../api/client.ts';

export interface AuditFilter {
  entity?: string;
  /** Entries per page. */
  limit: number;
}

export const adminKeys = {
  all: ['admin'] as const,
  users: () => [...adminKeys.all, 'users'] as const,
  sides: () => [...adminKeys.all, 'sides'] as const,
  audit: (filter: AuditFilter) => [...adminKeys.all, 'audit', filter] as const,
};

export const adminPagesApi = {
  users: () => api.get<Items<User>>('/api/users').then((r) => r.items),
  /** One page of the audit log, newest first; `before` is the id of the last entry already shown. */
  audit: ({ entity, limit }: AuditFilter, before?: number) =>
    api.get<Items<AuditEntry>>(`/api/audit${qs({ limit, entity: entity || undefined, before })}`).then((r) => r.items),
};
