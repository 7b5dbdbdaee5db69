import {
  ApproveMinutesSchema,
  CommentInputSchema,
  DecisionSchema,
  listOf,
  MinutesAmendSchema,
  MinutesCommentSchema,
  MinutesDraftSchema,
  MinutesRevisionSchema,
  MinutesSchema,
} from '@qiao/contracts';
import { z } from 'zod';
import type { App, Services } from '../../http.ts';
import { requireAuth } from '../../plugins/access.ts';

const IdParams = z.object({ id: z.string().uuid() });
const signedIn = { signedIn: true } as const;
const tags = ['minutes'];

export function minutesRoutes(app: App, { minutes }: Services): void {
  app.post('/api/dialogues/rounds/:id/minutes', {
    config: { access: signedIn },
    schema: { tags, summary: "Draft a round's minutes, revision 1 (participants and co-chairs); co-chairs are asked to approve", params: IdParams, body: MinutesDraftSchema, response: { 201: MinutesSchema } },
    handler: async (req, reply) => reply.code(201).send(await minutes.create(requireAuth(req).user, req.params.id, req.body)),
  });

  app.get('/api/dialogues/minutes/:id', {
    config: { access: signedIn },
    schema: { tags, summary: 'Minutes: current revision, its approvals, sides still to approve, locked revision (members and admins; others see only the locked revision, or 403 out_of_scope before the first lock)', params: IdParams, response: { 200: MinutesSchema } },
    handler: (req) => minutes.get(requireAuth(req).user, req.params.id),
  });

  app.put('/api/dialogues/minutes/:id', {
    config: { access: signedIn },
    schema: { tags, summary: 'Amend: a new revision that resets approvals (409 if changed since `version`)', params: IdParams, body: MinutesAmendSchema, response: { 200: MinutesSchema } },
    handler: (req) => minutes.amend(requireAuth(req).user, req.params.id, req.body),
  });

  app.get('/api/dialogues/minutes/:id/revisions', {
    config: { access: signedIn },
    schema: { tags, summary: 'Every revision of the minutes, oldest first (members of the group and admins)', params: IdParams, response: { 200: listOf(MinutesRevisionSchema) } },
    handler: async (req) => ({ items: await minutes.revisions(requireAuth(req).user, req.params.id) }),
  });

  app.post('/api/dialogues/minutes/:id/approvals', {
    config: { access: signedIn },
    schema: { tags, summary: "Approve a revision as your side's co-chair; when every side has approved it, the minutes lock and enter the record", params: IdParams, body: ApproveMinutesSchema, response: { 200: MinutesSchema } },
    handler: (req) => minutes.approve(requireAuth(req).user, req.params.id, req.body),
  });

  app.get('/api/dialogues/minutes/:id/comments', {
    config: { access: signedIn },
    schema: { tags, summary: 'Comments on the minutes, oldest first (members of the group and admins)', params: IdParams, response: { 200: listOf(MinutesCommentSchema) } },
    handler: async (req) => ({ items: await minutes.comments(requireAuth(req).user, req.params.id) }),
  });

  app.post('/api/dialogues/minutes/:id/comments', {
    config: { access: signedIn },
    schema: { tags, summary: 'Comment on a revision (participants and co-chairs)', params: IdParams, body: CommentInputSchema, response: { 201: MinutesCommentSchema } },
    handler: async (req, reply) => reply.code(201).send(await minutes.comment(requireAuth(req).user, req.params.id, req.body)),
  });

  app.get('/api/dialogues/decisions', {
    config: { access: signedIn },
    schema: { tags, summary: 'Decisions from locked minutes, by group or minutes', querystring: z.object({ groupId: z.string().uuid().optional(), minutesId: z.string().uuid().optional() }), response: { 200: listOf(DecisionSchema) } },
    handler: async (req) => ({ items: await minutes.decisions(req.query) }),
  });
}
