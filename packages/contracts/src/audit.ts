import { z } from 'zod';
import { cleanText, INT8_SAFE_MAX } from './text.ts';

/** One write, as the audit log keeps it: who, what, when, and the record before and after. */
export const AuditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.string().uuid().nullable(),
  actorEmail: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditQuerySchema = z.object({
  entity: cleanText().pipe(z.string().max(60)).optional(),
  entityId: cleanText().pipe(z.string().max(100)).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** An audit id (bigint): bounded to what a JavaScript number holds exactly. */
  before: z.coerce.number().int().max(INT8_SAFE_MAX).optional(),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;
