import { z } from 'zod';
import { forbidden } from '../../errors.ts';
import type { App, Services } from '../../http.ts';
import { requireAuth } from '../../plugins/access.ts';
import { isAdmin, requireReader } from '../groups/group-access.ts';
import { listConcurrentEdits } from './federation.concurrent-edits.ts';
import { notConfigured } from './federation.service.ts';

const Query = z.object({ groupId: z.string().uuid().optional() });

/**
 * Changes of groups, rounds, action items and milestones that lost to a concurrent change of the same
 * version made on the other node: every one for admins; one group's for its members (who made them).
 */
export function federationConcurrentEditRoutes(app: App, { database, federation }: Services): void {
  app.get('/api/federation/conflicts', {
    config: { access: { signedIn: true } },
    schema: { tags: ['federation'], summary: "Changes that lost to a concurrent change of the same version on the other node, on either side, with the losing content, its origin and the winner's hash (admins; with groupId, that group's members too)", querystring: Query },
    handler: async (req) => {
      if (!federation) throw notConfigured();
      const { user } = requireAuth(req);
      const { groupId } = req.query;
      if (groupId === undefined) {
        if (!isAdmin(user)) throw forbidden('only admins list every concurrent edit; members of a group ask with its groupId');
      } else await requireReader(database.db, groupId, user);
      return { items: await listConcurrentEdits(database.db, groupId) };
    },
  });
}
