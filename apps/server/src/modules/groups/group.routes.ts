import {
  AppointCoChairSchema,
  GroupDetailSchema,
  GroupInputSchema,
  GroupListQuerySchema,
  GroupSchema,
  GroupStatusChangeSchema,
  GroupUpdateSchema,
  JoinDecisionSchema,
  JoinRequestInputSchema,
  JoinRequestListItemSchema,
  JoinRequestSchema,
  listOf,
  SideCodeSchema,
} from '@qiao/contracts';
import { z } from 'zod';
import type { App, Services } from '../../http.ts';
import { requireAuth } from '../../plugins/access.ts';

const IdParams = z.object({ id: z.string().uuid() });
const signedIn = { signedIn: true } as const;
const admins = { roles: ['admin'] } as const;
const tags = ['working groups'];

export function groupRoutes(app: App, { groups, joinRequests }: Services): void {
  app.get('/api/working-groups', {
    config: { access: signedIn },
    schema: { tags, summary: 'Working groups, optionally by status or only mine (`mine=true`)', querystring: GroupListQuerySchema, response: { 200: listOf(GroupSchema) } },
    handler: async (req) => ({ items: await groups.list(requireAuth(req).user, req.query) }),
  });

  app.get('/api/working-groups/:id', {
    config: { access: signedIn },
    schema: { tags, summary: 'A working group with its co-chairs and members', params: IdParams, response: { 200: GroupDetailSchema } },
    handler: (req) => groups.get(req.params.id),
  });

  app.post('/api/working-groups', {
    config: { access: admins },
    schema: { tags, summary: 'Create a working group (admin); it starts as proposed', body: GroupInputSchema, response: { 201: GroupSchema } },
    handler: async (req, reply) => reply.code(201).send(await groups.create(requireAuth(req).user, req.body)),
  });

  app.patch('/api/working-groups/:id', {
    config: { access: signedIn },
    schema: { tags, summary: 'Edit name, charter or area (admin or co-chair; 409 if changed since `version`)', params: IdParams, body: GroupUpdateSchema, response: { 200: GroupSchema } },
    handler: (req) => groups.update(requireAuth(req).user, req.params.id, req.body),
  });

  app.post('/api/working-groups/:id/status', {
    config: { access: signedIn },
    schema: { tags, summary: 'Change status (admin or co-chair); active needs a co-chair on every side', params: IdParams, body: GroupStatusChangeSchema, response: { 200: GroupSchema } },
    handler: (req) => groups.changeStatus(requireAuth(req).user, req.params.id, req.body),
  });

  app.post('/api/working-groups/:id/co-chairs', {
    config: { access: admins },
    schema: { tags, summary: "Appoint the co-chair for the user's side (admin); 409 parity_violation if that side has one", params: IdParams, body: AppointCoChairSchema, response: { 200: GroupDetailSchema } },
    handler: (req) => groups.appointCoChair(requireAuth(req).user, req.params.id, req.body.userId),
  });

  app.put('/api/working-groups/:id/co-chairs/:side', {
    config: { access: admins },
    schema: { tags, summary: 'Hand the co-chair role of a side to another user of that side (admin)', params: IdParams.extend({ side: SideCodeSchema }), body: AppointCoChairSchema, response: { 200: GroupDetailSchema } },
    handler: (req) => groups.appointCoChair(requireAuth(req).user, req.params.id, req.body.userId, req.params.side),
  });

  app.delete('/api/working-groups/:id/members/:userId', {
    config: { access: signedIn },
    schema: { tags, summary: "Remove a member (that side's co-chair, an admin, or the member leaving)", params: IdParams.extend({ userId: z.string().uuid() }), response: { 204: z.null() } },
    handler: async (req, reply) => {
      await groups.removeMember(requireAuth(req).user, req.params.id, req.params.userId);
      return reply.code(204).send(null);
    },
  });

  app.post('/api/working-groups/:id/join-requests', {
    config: { access: signedIn },
    schema: { tags, summary: 'Ask to join; the co-chair of your side is notified', params: IdParams, body: JoinRequestInputSchema, response: { 201: JoinRequestSchema } },
    handler: async (req, reply) => reply.code(201).send(await joinRequests.request(requireAuth(req).user, req.params.id, req.body)),
  });

  app.get('/api/working-groups/:id/join-requests', {
    config: { access: signedIn },
    schema: { tags, summary: 'Join requests (co-chairs and admins see all, others their own)', params: IdParams, response: { 200: listOf(JoinRequestListItemSchema) } },
    handler: async (req) => ({ items: await joinRequests.list(requireAuth(req).user, req.params.id) }),
  });

  app.post('/api/working-groups/:id/join-requests/:requestId/decision', {
    config: { access: signedIn },
    schema: { tags, summary: "Approve or decline a join request (only the co-chair of the requester's side)", params: IdParams.extend({ requestId: z.string().uuid() }), body: JoinDecisionSchema, response: { 200: JoinRequestSchema } },
    handler: (req) => joinRequests.decide(requireAuth(req).user, req.params.id, req.params.requestId, req.body),
  });
}
