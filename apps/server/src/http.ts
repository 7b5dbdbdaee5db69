import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import type { AuthService } from './modules/auth/auth.service.ts';
import type { DatasetService } from './modules/datasets/dataset.service.ts';
import type { CollabServices } from './modules/groups/collab.types.ts';
import type { IndicatorService } from './modules/indicators/indicator.service.ts';
import type { ProjectService } from './modules/projects/project.service.ts';
import type { PartyService } from './modules/parties/party.service.ts';
import type { PartyProposalService } from './modules/parties/party-proposal.service.ts';
import type { CalendarService } from './modules/dialogues/calendar.service.ts';
import type { UserService } from './modules/users/user.service.ts';
import type { JobService } from './modules/jobs/job.service.ts';
import type { NotificationServices } from './modules/notifications/notification.module.ts';
import type { ScreeningService } from './modules/screening/screening.service.ts';
import type { FederationService } from './modules/federation/federation.service.ts';

/** The Fastify instance every route module receives: zod schemas give typed requests and OpenAPI. */
export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export interface Services extends CollabServices, NotificationServices {
  config: Config;
  database: Database;
  auth: AuthService;
  users: UserService;
  parties: PartyService;
  partyProposals: PartyProposalService;
  calendar: CalendarService;
  indicators: IndicatorService;
  datasets: DatasetService;
  jobs: JobService;
  screening: ScreeningService;
  projects: ProjectService;
  /** Null when the node runs alone (no QIAO_NODE_SIDE). */
  federation: FederationService | null;
}
