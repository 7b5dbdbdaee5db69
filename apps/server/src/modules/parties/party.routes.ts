import {
  listOf,
  OrganizationInputSchema,
  OrganizationSchema,
  OrganizationUpdateSchema,
  PartyListQuerySchema,
  PartySideCorrectionSchema,
  PersonInputSchema,
  PersonSchema,
  PersonUpdateSchema,
} from '@qiao/contracts';
import { z } from 'zod';
import type { App, Services } from '../../http.ts';
import { requireAuth } from '../../plugins/access.ts';

const IdParams = z.object({ id: z.string().uuid() });
const signedIn = { signedIn: true } as const;
// Officers edit their own side's parties only: the service checks the side.
const editors = { roles: ['admin', 'compliance_officer'] } as const;
const admins = { roles: ['admin'] } as const;

export function partyRoutes(app: App, { parties }: Services): void {
  app.get('/api/organizations', {
    config: { access: signedIn },
    schema: { tags: ['parties'], summary: 'Organisations, filtered by side or a name in any language', querystring: PartyListQuerySchema, response: { 200: listOf(OrganizationSchema) } },
    handler: async (req) => ({ items: await parties.listOrganizations(req.query) }),
  });

  app.get('/api/organizations/:id', {
    config: { access: signedIn },
    schema: { tags: ['parties'], params: IdParams, response: { 200: OrganizationSchema } },
    handler: (req) => parties.getOrganization(req.params.id),
  });

  app.post('/api/organizations', {
    config: { access: editors },
    schema: { tags: ['parties'], summary: 'Add an organisation', body: OrganizationInputSchema, response: { 201: OrganizationSchema } },
    handler: async (req, reply) => reply.code(201).send(await parties.createOrganization(requireAuth(req).user, req.body)),
  });

  app.patch('/api/organizations/:id', {
    config: { access: editors },
    schema: { tags: ['parties'], summary: 'Edit an organisation of your side (409 conflict if it changed since `version`; its side is fixed)', params: IdParams, body: OrganizationUpdateSchema, response: { 200: OrganizationSchema } },
    handler: (req) => parties.updateOrganization(requireAuth(req).user, req.params.id, req.body),
  });

  app.post('/api/organizations/:id/side', {
    config: { access: admins },
    schema: { tags: ['parties'], summary: "Correct an organisation's side entered by mistake (admins; audited with the reason; the organisation is screened again)", params: IdParams, body: PartySideCorrectionSchema, response: { 200: OrganizationSchema } },
    handler: (req) => parties.correctOrganizationSide(requireAuth(req).user, req.params.id, req.body),
  });

  app.get('/api/people', {
    config: { access: signedIn },
    schema: { tags: ['parties'], summary: 'People, filtered by side or a name in any language', querystring: PartyListQuerySchema, response: { 200: listOf(PersonSchema) } },
    handler: async (req) => ({ items: await parties.listPeople(req.query) }),
  });

  app.get('/api/people/:id', {
    config: { access: signedIn },
    schema: { tags: ['parties'], params: IdParams, response: { 200: PersonSchema } },
    handler: (req) => parties.getPerson(req.params.id),
  });

  app.post('/api/people', {
    config: { access: editors },
    schema: { tags: ['parties'], summary: 'Add a person', body: PersonInputSchema, response: { 201: PersonSchema } },
    handler: async (req, reply) => reply.code(201).send(await parties.createPerson(requireAuth(req).user, req.body)),
  });

  app.patch('/api/people/:id', {
    config: { access: editors },
    schema: { tags: ['parties'], summary: 'Edit a person of your side (409 conflict if it changed since `version`; their side is fixed)', params: IdParams, body: PersonUpdateSchema, response: { 200: PersonSchema } },
    handler: (req) => parties.updatePerson(requireAuth(req).user, req.params.id, req.body),
  });

  app.post('/api/people/:id/side', {
    config: { access: admins },
    schema: { tags: ['parties'], summary: "Correct a person's side entered by mistake (admins; audited with the reason; the person is screened again)", params: IdParams, body: PartySideCorrectionSchema, response: { 200: PersonSchema } },
    handler: (req) => parties.correctPersonSide(requireAuth(req).user, req.params.id, req.body),
  });
}
