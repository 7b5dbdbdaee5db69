import {
  ActionInputSchema,
  ActionItemSchema,
  ActionListQuerySchema,
  ActionUpdateSchema,
  listOf,
  MilestoneDoneSchema,
  MilestoneInputSchema,
  ResultInputSchema,
  ResultSchema,
} from '@qiao/contracts';
import { z } from 'zod';
import type { App, Services } from '../../http.ts';
import { requireAuth } from '../../plugins/access.ts';

const IdParams = z.object({ id: z.string().uuid() });
const signedIn = { signedIn: true } as const;
const tags = ['actions'];

export function actionRoutes(app: App, { actions, results }: Services): void {
  app.get('/api/actions/mine', {
    config: { access: signedIn },
    schema: { tags, summary: 'My actions: every action I own, soonest due first; `overdue=true` for overdue ones only', querystring: ActionListQuerySchema, response: { 200: listOf(ActionItemSchema) } },
    handler: async (req) => ({ items: await actions.mine(requireAuth(req).user, req.query.overdue) }),
  });

  app.get('/api/working-groups/:id/actions', {
    config: { access: signedIn },
    schema: { tags, summary: "A group's action items; `overdue=true` lists the overdue ones (due before today UTC, not done or cancelled)", params: IdParams, querystring: ActionListQuerySchema, response: { 200: listOf(ActionItemSchema) } },
    handler: async (req) => ({ items: await actions.forGroup(req.params.id, req.query.overdue) }),
  });

  app.post('/api/actions', {
    config: { access: signedIn },
    schema: { tags, summary: 'Turn a recorded decision into an action item with one owner per side (admin or co-chair)', body: ActionInputSchema, response: { 201: ActionItemSchema } },
    handler: async (req, reply) => reply.code(201).send(await actions.create(requireAuth(req).user, req.body)),
  });

  app.get('/api/actions/:id', {
    config: { access: signedIn },
    schema: { tags, summary: 'An action item', params: IdParams, response: { 200: ActionItemSchema } },
    handler: (req) => actions.get(req.params.id),
  });

  app.patch('/api/actions/:id', {
    config: { access: signedIn },
    schema: { tags, summary: 'Change an action (co-chairs; owners may change its status only; 409 if changed since `version`)', params: IdParams, body: ActionUpdateSchema, response: { 200: ActionItemSchema } },
    handler: (req) => actions.update(requireAuth(req).user, req.params.id, req.body),
  });

  app.get('/api/working-groups/:id/results', {
    config: { access: signedIn },
    schema: { tags, summary: "A group's results with milestones and progress", params: IdParams, response: { 200: listOf(ResultSchema) } },
    handler: async (req) => ({ items: await results.forGroup(req.params.id) }),
  });

  app.post('/api/actions/results', {
    config: { access: signedIn },
    schema: { tags, summary: 'Define a result that actions roll up into (admin or co-chair)', body: ResultInputSchema, response: { 201: ResultSchema } },
    handler: async (req, reply) => reply.code(201).send(await results.create(requireAuth(req).user, req.body)),
  });

  app.get('/api/actions/results/:id', {
    config: { access: signedIn },
    schema: { tags, summary: 'A result: milestones, linked actions and progress computed from their completion', params: IdParams, response: { 200: ResultSchema } },
    handler: (req) => results.get(req.params.id),
  });

  app.post('/api/actions/results/:id/milestones', {
    config: { access: signedIn },
    schema: { tags, summary: 'Add a milestone to a result (admin or co-chair)', params: IdParams, body: MilestoneInputSchema, response: { 201: ResultSchema } },
    handler: async (req, reply) => reply.code(201).send(await results.addMilestone(requireAuth(req).user, req.params.id, req.body)),
  });

  app.put('/api/actions/milestones/:id/done', {
    config: { access: signedIn },
    schema: { tags, summary: 'Mark a milestone done or not done (admin or co-chair; 409 if changed since `version`)', params: IdParams, body: MilestoneDoneSchema, response: { 200: ResultSchema } },
    handler: (req) => results.setMilestoneDone(requireAuth(req).user, req.params.id, req.body.done, req.body.version),
  });
}
