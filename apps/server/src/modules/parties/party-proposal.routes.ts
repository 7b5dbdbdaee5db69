import { listOf, PartyProposalDecisionSchema, PartyProposalInputSchema, PartyProposalListQuerySchema, PartyProposalSchema } from '@qiao/contracts';
import { z } from 'zod';
import type { App, Services } from '../../http.ts';
import { requireAuth } from '../../plugins/access.ts';

const IdParams = z.object({ id: z.string().uuid() });
const tags = ['parties'];

export function partyProposalRoutes(app: App, { partyProposals }: Services): void {
  app.get('/api/party-proposals', {
    config: { access: { signedIn: true } },
    schema: { tags, summary: 'Proposals for the directory with their state, newest first', querystring: PartyProposalListQuerySchema, response: { 200: listOf(PartyProposalSchema) } },
    handler: async (req) => ({ items: await partyProposals.list(req.query) }),
  });

  app.get('/api/party-proposals/:id', {
    config: { access: { signedIn: true } },
    schema: { tags, params: IdParams, response: { 200: PartyProposalSchema } },
    handler: (req) => partyProposals.get(req.params.id),
  });

  app.post('/api/party-proposals', {
    config: { access: { signedIn: true } },
    schema: { tags, summary: 'Propose an organisation or a person for the directory (any member)', body: PartyProposalInputSchema, response: { 201: PartyProposalSchema } },
    handler: async (req, reply) => reply.code(201).send(await partyProposals.propose(requireAuth(req).user, req.body)),
  });

  app.post('/api/party-proposals/:id/decision', {
    // The service checks the side: the other side's officers get 403 wrong_side.
    config: { access: { roles: ['admin', 'compliance_officer'] } },
    schema: {
      tags,
      summary: "Accept (the party is created on the proposed side and screened at once) or reject a proposal (admins and the proposed side's compliance officers; 409 if already decided or changed since `version`)",
      params: IdParams,
      body: PartyProposalDecisionSchema,
      response: { 200: PartyProposalSchema },
    },
    handler: (req) => partyProposals.decide(requireAuth(req).user, req.params.id, req.body),
  });
}
