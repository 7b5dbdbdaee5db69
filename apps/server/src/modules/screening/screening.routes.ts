import {
  AlertQuerySchema,
  AlertSchema,
  AlertSummarySchema,
  AlertUpdateSchema,
  ScreeningDecisionInputSchema,
  ScreeningDecisionQuerySchema,
  ScreeningDecisionSchema,
  listOf,
  PartyScreeningDetailSchema,
  PartyScreeningQuerySchema,
  PartyScreeningSchema,
  SearchRequestSchema,
  SearchResponseSchema,
} from '@qiao/contracts';
import { z } from 'zod';
import type { App, Services } from '../../http.ts';
import { requireAuth } from '../../plugins/access.ts';
import { batchRoutes } from './batch.routes.ts';
import { listRoutes } from './list.routes.ts';

const IdParams = z.object({ id: z.string().uuid() });
const signedIn = { signedIn: true } as const;
const officers = { roles: ['compliance_officer'] } as const;
const tags = ['screening'];

/** Every /api/screening route: lists, search, parties, decisions, alerts and batch jobs. */
export function screeningRoutes(app: App, services: Services): void {
  const { screening } = services;
  listRoutes(app, services);
  batchRoutes(app, services);

  app.post('/api/screening/search', {
    config: { access: signedIn },
    schema: { tags, summary: 'Screen one name (any script) against the lists in force; matches with explanation, highlight ranges, record details and any decision for `partyId`', body: SearchRequestSchema, response: { 200: SearchResponseSchema } },
    handler: (req) => screening.search.search(req.body),
  });

  app.get('/api/screening/parties', {
    config: { access: signedIn },
    schema: { tags, summary: 'Screening status of every organisation and person, filtered by status, side or kind', querystring: PartyScreeningQuerySchema, response: { 200: listOf(PartyScreeningSchema) } },
    handler: async (req) => ({ items: await screening.parties.statuses(req.query) }),
  });

  app.get('/api/screening/parties/:id', {
    config: { access: signedIn },
    schema: { tags, summary: "A party's status with its hits, their explanations and decisions", params: IdParams, response: { 200: PartyScreeningDetailSchema } },
    handler: (req) => screening.parties.detail(req.params.id),
  });

  app.get('/api/screening/decisions', {
    config: { access: officers },
    schema: { tags, summary: 'Decisions on hits, newest first, each with whether it is still in force', querystring: ScreeningDecisionQuerySchema, response: { 200: listOf(ScreeningDecisionSchema) } },
    handler: async (req) => ({ items: await screening.decisions.list(req.query) }),
  });

  app.post('/api/screening/decisions', {
    config: { access: officers },
    schema: { tags, summary: "Mark a hit false positive or true match (compliance officers of the party's side); re-applied until the record changes materially or the decision expires", body: ScreeningDecisionInputSchema, response: { 201: ScreeningDecisionSchema } },
    handler: async (req, reply) => reply.code(201).send(await screening.decisions.decide(requireAuth(req).user, req.body)),
  });

  app.get('/api/screening/alerts', {
    config: { access: officers },
    schema: { tags, summary: "Alerts from re-screening for the sides you are a compliance officer of, newest first", querystring: AlertQuerySchema, response: { 200: listOf(AlertSchema) } },
    handler: async (req) => ({ items: await screening.alerts.list(requireAuth(req).user, req.query) }),
  });

  app.get('/api/screening/alerts/summary', {
    config: { access: officers },
    schema: { tags, summary: 'Counts of open and acknowledged alerts for your sides (the notification badge)', response: { 200: AlertSummarySchema } },
    handler: (req) => screening.alerts.summary(requireAuth(req).user),
  });

  app.post('/api/screening/alerts/:id/acknowledge', {
    config: { access: officers },
    schema: { tags, summary: 'Acknowledge an open alert', params: IdParams, body: AlertUpdateSchema.optional(), response: { 200: AlertSchema } },
    handler: (req) => screening.alerts.acknowledge(requireAuth(req).user, req.params.id, req.body?.note),
  });

  app.post('/api/screening/alerts/:id/resolve', {
    config: { access: officers },
    schema: { tags, summary: 'Resolve an open or acknowledged alert', params: IdParams, body: AlertUpdateSchema.optional(), response: { 200: AlertSchema } },
    handler: (req) => screening.alerts.resolve(requireAuth(req).user, req.params.id, req.body?.note),
  });
}
