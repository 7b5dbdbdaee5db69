import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { forbidden } from '../../errors.ts';
import type { App, Services } from '../../http.ts';
import { requireAuth } from '../../plugins/access.ts';
import { findMember } from '../groups/group.repository.ts';
import { must, requireReader } from '../groups/group-access.ts';
import { findMinutes } from '../dialogues/minutes.repository.ts';
import { listConflictingRevisions } from './federation.minutes-conflict.ts';
import { minutesRevisionConflicts } from './federation.minutes-conflict.schema.ts';

const Params = z.object({ id: z.string().uuid() });
const HashParams = z.object({ id: z.string().uuid(), hash: z.string().regex(/^[0-9a-f]{64}$/) });
const ReapplyBody = z.object({ version: z.number().int().positive() });
const tags = ['minutes'];

/**
 * Minutes revisions that lost to a concurrent revision written on the other node: the group's members
 * and admins read them; the author (or a co-chair) re-applies one as a new revision on top of the
 * revision that stands, as an ordinary amendment.
 */
export function minutesConflictRoutes(app: App, { database, minutes }: Services): void {
  const db = database.db;

  app.get('/api/dialogues/minutes/:id/conflicts', {
    config: { access: { signedIn: true } },
    schema: { tags, summary: 'Revisions of these minutes that lost to a concurrent revision written on the other node, with their text and the reason (members and admins)', params: Params },
    handler: async (req) => {
      const row = must(await findMinutes(db, req.params.id), 'minutes');
      await requireReader(db, row.groupId, requireAuth(req).user);
      return { items: await listConflictingRevisions(db, row.id) };
    },
  });

  app.post('/api/dialogues/minutes/:id/conflicts/:hash/reapply', {
    config: { access: { signedIn: true } },
    schema: { tags, summary: "Re-apply a conflicting revision's text as a new revision on top of the current one (its author or a co-chair; 409 if the minutes changed since `version`)", params: HashParams, body: ReapplyBody },
    handler: async (req) => {
      const actor = requireAuth(req).user;
      const row = must(await findMinutes(db, req.params.id), 'minutes');
      await requireReader(db, row.groupId, actor);
      const [c] = await db
        .select()
        .from(minutesRevisionConflicts)
        .where(and(eq(minutesRevisionConflicts.minutesId, row.id), eq(minutesRevisionConflicts.hash, req.params.hash)));
      const conflicting = must(c, 'conflicting revision');
      const me = await findMember(db, row.groupId, actor.id);
      if (conflicting.authorId !== actor.id && me?.role !== 'co_chair') throw forbidden("only the conflicting revision's author or a co-chair re-applies it");
      const text = (b: { en: string | null; zh: string | null }) => ({ ...(b.en ? { en: b.en } : {}), ...(b.zh ? { zh: b.zh } : {}) });
      const view = await minutes.amend(actor, row.id, { body: text(conflicting.body), decisions: conflicting.decisions.map(text), ...(conflicting.note ? { note: conflicting.note } : {}), version: req.body.version });
      await db
        .update(minutesRevisionConflicts)
        .set({ reappliedAs: view.currentRevision })
        .where(and(eq(minutesRevisionConflicts.minutesId, row.id), eq(minutesRevisionConflicts.hash, conflicting.hash)));
      return view;
    },
  });
}
