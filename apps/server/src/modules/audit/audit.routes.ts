import { AuditEntrySchema, AuditQuerySchema, listOf } from '@qiao/contracts';
import type { App, Services } from '../../http.ts';
import { listAudit } from './audit.repository.ts';

export function auditRoutes(app: App, { database }: Services): void {
  app.get('/api/audit', {
    config: { access: { roles: ['admin'] } },
    schema: { tags: ['audit'], summary: 'The audit log, newest first', querystring: AuditQuerySchema, response: { 200: listOf(AuditEntrySchema) } },
    handler: async (req) => ({ items: await listAudit(database.db, req.query) }),
  });
}
