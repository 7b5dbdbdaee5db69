import { listOf, PageQuerySchema, ProjectHistoryEntrySchema, ProjectInputSchema, ProjectListQuerySchema, ProjectReviewInputSchema, ProjectSchema, ProjectTransitionSchema, ProjectUpdateSchema } from '@qiao/contracts';
import { z } from 'zod';
import { pageHeaders } from '../../db/keyset-page.ts';
import type { App, Services } from '../../http.ts';
import { requireAuth } from '../../plugins/access.ts';

const Id = z.object({ id: z.string().uuid() });
const signedIn = { signedIn: true } as const;

export function projectRoutes(app: App, { projects }: Services): void {
  app.get('/api/projects', {
    config: { access: signedIn },
    schema: {
      tags: ['projects'],
      summary: 'Joint projects, filtered by status, group, text or flags; newest change first, a page at a time (`Link` rel="next", `X-Total-Count`)',
      querystring: ProjectListQuerySchema.extend(PageQuerySchema.shape),
      response: { 200: listOf(ProjectSchema) },
    },
    handler: async (req, reply) => {
      const page = await projects.page(requireAuth(req).user, req.query);
      reply.headers(pageHeaders(req.url, page));
      return { items: page.items };
    },
  });

  app.get('/api/projects/:id', {
    config: { access: signedIn },
    schema: { tags: ['projects'], summary: 'A project with its pre-checks, reviews, sign-offs and the actions open to the caller', params: Id, response: { 200: ProjectSchema } },
    handler: (req) => projects.get(requireAuth(req).user, req.params.id),
  });

  app.post('/api/projects', {
    config: { access: signedIn },
    schema: { tags: ['projects'], summary: 'Propose a joint project in a working group you belong to (starts as a draft)', body: ProjectInputSchema, response: { 201: ProjectSchema } },
    handler: async (req, reply) => reply.code(201).send(await projects.create(requireAuth(req).user, req.body)),
  });

  app.patch('/api/projects/:id', {
    config: { access: signedIn },
    schema: { tags: ['projects'], summary: 'Edit a draft or a project sent back for changes (409 if it changed since `version`)', params: Id, body: ProjectUpdateSchema, response: { 200: ProjectSchema } },
    handler: (req) => projects.update(requireAuth(req).user, req.params.id, req.body),
  });

  app.post('/api/projects/:id/transitions', {
    config: { access: signedIn },
    schema: {
      tags: ['projects'],
      summary: 'submit (runs the pre-checks) / start_review / request_changes / approve (a co-chair’s sign-off; both sides approve) / reject / withdraw / reopen',
      params: Id,
      body: ProjectTransitionSchema,
      response: { 200: ProjectSchema },
    },
    handler: (req) => projects.transition(requireAuth(req).user, req.params.id, req.body),
  });

  app.post('/api/projects/:id/reviews', {
    config: { access: { roles: ['compliance_officer'] } },
    schema: { tags: ['projects'], summary: "A compliance officer's reasoned decision on their side's flags", params: Id, body: ProjectReviewInputSchema, response: { 200: ProjectSchema } },
    handler: (req) => projects.review(requireAuth(req).user, req.params.id, req.body),
  });

  app.get('/api/projects/:id/history', {
    config: { access: signedIn },
    schema: { tags: ['projects'], summary: 'Every transition, review and sign-off', params: Id, response: { 200: listOf(ProjectHistoryEntrySchema) } },
    handler: async (req) => ({ items: await projects.history(req.params.id) }),
  });
}
