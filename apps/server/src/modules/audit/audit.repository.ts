import type { AuditEntry, AuditQuery } from '@qiao/contracts';
import { and, desc, eq, lt } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { auditLog } from './audit.schema.ts';

/** Who made a change; null for the system itself (migrations, demo seed, first-start admin). */
export type Actor = { id: string; email: string } | null;

export interface AuditWrite {
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** Call inside the transaction of the write it records, so neither lands without the other. */
export async function insertAudit(tx: DbOrTx, actor: Actor, entry: AuditWrite): Promise<void> {
  await tx.insert(auditLog).values({
    actorId: actor?.id ?? null,
    actorEmail: actor?.email ?? null,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}

export async function listAudit(db: DbOrTx, query: AuditQuery): Promise<AuditEntry[]> {
  const where = and(
    query.entity ? eq(auditLog.entity, query.entity) : undefined,
    query.entityId ? eq(auditLog.entityId, query.entityId) : undefined,
    query.before ? lt(auditLog.id, query.before) : undefined,
  );
  const rows = await db.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(query.limit);
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}
