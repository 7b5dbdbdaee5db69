import {
  AgendaItemInputSchema,
  AgendaItemSchema,
  ConvergenceChangeInputSchema,
  listOf,
  PositionInputSchema,
  RoundDetailSchema,
  RoundInputSchema,
  RoundSchema,
  RoundUpdateSchema,
  SideCodeSchema,
  SidePositionSchema,
  TrackInputSchema,
  TrackSchema,
} from '@qiao/contracts';
import { z } from 'zod';
import type { App, Services } from '../../http.ts';
import { requireAuth } from '../../plugins/access.ts';

const IdParams = z.object({ id: z.string().uuid() });
const signedIn = { signedIn: true } as const;
const tags = ['dialogues'];

export function dialogueRoutes(app: App, { dialogues }: Services): void {
  app.get('/api/dialogues/groups/:id/tracks', {
    config: { access: signedIn },
    schema: { tags, summary: "A working group's dialogue tracks", params: IdParams, response: { 200: listOf(TrackSchema) } },
    handler: async (req) => ({ items: await dialogues.listTracks(req.params.id) }),
  });

  app.post('/api/dialogues/groups/:id/tracks', {
    config: { access: signedIn },
    schema: { tags, summary: 'Open a dialogue track in a working group (admin or co-chair)', params: IdParams, body: TrackInputSchema, response: { 201: TrackSchema } },
    handler: async (req, reply) => reply.code(201).send(await dialogues.createTrack(requireAuth(req).user, req.params.id, req.body)),
  });

  app.get('/api/dialogues/tracks/:id/rounds', {
    config: { access: signedIn },
    schema: { tags, summary: 'Rounds of a track, by start date', params: IdParams, response: { 200: listOf(RoundSchema) } },
    handler: async (req) => ({ items: await dialogues.listRounds(req.params.id) }),
  });

  app.post('/api/dialogues/tracks/:id/rounds', {
    config: { access: signedIn },
    schema: { tags, summary: 'Plan a round: dates, place or online link, participants (admin or co-chair); bad dates → 400 naming the field', params: IdParams, body: RoundInputSchema, response: { 201: RoundSchema } },
    handler: async (req, reply) => reply.code(201).send(await dialogues.createRound(requireAuth(req).user, req.params.id, req.body)),
  });

  app.get('/api/dialogues/rounds/:id', {
    config: { access: signedIn },
    schema: { tags, summary: 'A round with its agenda, each side’s positions, convergence history and minutes id (members of the group and admins; others 403 out_of_scope)', params: IdParams, response: { 200: RoundDetailSchema } },
    handler: (req) => dialogues.getRound(requireAuth(req).user, req.params.id),
  });

  app.patch('/api/dialogues/rounds/:id', {
    config: { access: signedIn },
    schema: { tags, summary: 'Change a round or its status planned → held → closed (admin or co-chair; 409 if changed since `version`)', params: IdParams, body: RoundUpdateSchema, response: { 200: RoundSchema } },
    handler: (req) => dialogues.updateRound(requireAuth(req).user, req.params.id, req.body),
  });

  app.post('/api/dialogues/rounds/:id/items', {
    config: { access: signedIn },
    schema: { tags, summary: 'Add an agenda item (admin or co-chair)', params: IdParams, body: AgendaItemInputSchema, response: { 201: AgendaItemSchema } },
    handler: async (req, reply) => reply.code(201).send(await dialogues.addItem(requireAuth(req).user, req.params.id, req.body)),
  });

  app.get('/api/dialogues/items/:id', {
    config: { access: signedIn },
    schema: { tags, summary: 'An agenda item with both sides’ positions and its convergence history (members of the group and admins; others 403 out_of_scope)', params: IdParams, response: { 200: AgendaItemSchema } },
    handler: (req) => dialogues.getItem(requireAuth(req).user, req.params.id),
  });

  app.put('/api/dialogues/items/:id/positions/:side', {
    config: { access: signedIn },
    schema: { tags, summary: "Write a side's position and concerns (only members of that side in the group; 403 otherwise)", params: IdParams.extend({ side: SideCodeSchema }), body: PositionInputSchema, response: { 200: SidePositionSchema } },
    handler: (req) => dialogues.writePosition(requireAuth(req).user, req.params.id, req.params.side, req.body),
  });

  app.post('/api/dialogues/items/:id/convergence', {
    config: { access: signedIn },
    schema: { tags, summary: 'Set convergence (agreed / narrowing / open / parked) with a note; history kept (co-chairs)', params: IdParams, body: ConvergenceChangeInputSchema, response: { 200: AgendaItemSchema } },
    handler: (req) => dialogues.changeConvergence(requireAuth(req).user, req.params.id, req.body),
  });
}
