import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { LIMITS } from '@qiao/contracts';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { AppError } from './errors.ts';
import type { App, Services } from './http.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { AuthService } from './modules/auth/auth.service.ts';
import { buildCollabServices, collabRoutes } from './modules/groups/collab.ts';
import { datasetRoutes } from './modules/datasets/dataset.routes.ts';
import { DatasetService } from './modules/datasets/dataset.service.ts';
import { policyTransferEvaluator } from './modules/policy/policy.adapter.ts';
import { openContentStore } from './modules/datasets/dataset.storage.open.ts';
import { policyRoutes } from './modules/policy/policy.routes.ts';
import { projectRoutes } from './modules/projects/project.routes.ts';
import { ProjectService } from './modules/projects/project.service.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { indicatorRoutes } from './modules/indicators/indicator.routes.ts';
import { IndicatorService } from './modules/indicators/indicator.service.ts';
import { partyRoutes } from './modules/parties/party.routes.ts';
import { partyProposalRoutes } from './modules/parties/party-proposal.routes.ts';
import { PartyProposalService } from './modules/parties/party-proposal.service.ts';
import { calendarRoutes } from './modules/dialogues/calendar.routes.ts';
import { CalendarService } from './modules/dialogues/calendar.service.ts';
import { datasetCitationRoutes } from './modules/datasets/dataset.citation.routes.ts';
import { PartyService } from './modules/parties/party.service.ts';
import { sideRoutes } from './modules/sides/side.routes.ts';
import { userRoutes } from './modules/users/user.routes.ts';
import { UserService } from './modules/users/user.service.ts';
import { JobService } from './modules/jobs/job.service.ts';
import { buildNotificationServices, registerNotifications } from './modules/notifications/notification.module.ts';
import { screeningRoutes } from './modules/screening/screening.routes.ts';
import { ScreeningService } from './modules/screening/screening.service.ts';
import { registerMetrics } from './metrics/metrics.ts';
import { federationRoutes } from './modules/federation/federation.routes.ts';
import { federationCheckpointRoutes } from './modules/federation/federation.checkpoints.routes.ts';
import { federationProjectRoutes } from './modules/federation/federation.projects.routes.ts';
import { registerProposalEcho } from './modules/federation/federation.projects.ts';
import { federationConcurrentEditRoutes } from './modules/federation/federation.concurrent-edits.routes.ts';
import { registerFederationNotices } from './modules/federation/federation.notices.ts';
import { FederationService } from './modules/federation/federation.service.ts';
import { registerAccess } from './plugins/access.ts';
import { frameworkError, registerErrorHandler } from './plugins/error-handler.ts';
import { registerLingeringClose } from './plugins/lingering-close.ts';
import { registerSecurity } from './plugins/security.ts';
import type { ServiceDeps } from './services.ts';

export interface BuildAppOptions {
  config: Config;
  database: Database;
  now?: () => Date;
  logger?: FastifyServerOptions['logger'];
}

export function buildServices(config: Config, database: Database, deps: Omit<ServiceDeps, 'db'>): Services {
  const federation = config.federation ? new FederationService(database.db, config.federation, deps.now) : null;
  // The peer's changes reach the inbox of the people they concern, as local changes do.
  if (federation) {
    registerFederationNotices(database.db, federation, deps.log);
    registerProposalEcho(database.db, federation, deps.log);
  }
  const full: ServiceDeps = { ...deps, db: database.db, ...(federation ? { federation } : {}) };
  const jobs = new JobService(full);
  const screening = new ScreeningService(full, jobs, config.screening);
  const projects = new ProjectService(full, screening.parties);
  // A party that lands on a list puts the projects it is part of back under review.
  screening.events.onPartyStatusChange((change) => projects.onPartyStatusChange(change));
  const parties = new PartyService(full, (change) => screening.parties.afterSideCorrection(change));
  return {
    config,
    database,
    ...buildCollabServices(full),
    ...buildNotificationServices(config, database, full, jobs),
    auth: new AuthService(full, config.sessionHours),
    users: new UserService(full),
    // A corrected side means the party is screened again, and its projects re-checked, for the new side.
    parties,
    // An accepted proposal creates the party through the same path and is screened at once.
    partyProposals: new PartyProposalService(full, parties, async (partyId) => (await screening.parties.detail(partyId)).status),
    calendar: new CalendarService(full),
    indicators: new IndicatorService(full),
    datasets: new DatasetService(full, openContentStore(config.storage, deps.log), policyTransferEvaluator, config.uploadMaxBytes),
    jobs,
    screening,
    projects,
    federation,
  };
}

/** Builds the HTTP app over an open, migrated database; `listen` is the caller's business. */
export async function buildApp(options: BuildAppOptions): Promise<{ app: App; services: Services }> {
  const { config, database } = options;
  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel },
    bodyLimit: LIMITS.jsonBodyBytes,
    // Above Node's own header limit, so long addresses reach the URL check (414 in the envelope, with
    // the security headers); what the router still refuses gets the envelope from frameworkError.
    maxParamLength: 16 * 1024,
    frameworkErrors: frameworkError,
    // Behind a reverse proxy, rate limits must see the client's address, not the proxy's.
    trustProxy: config.trustProxy,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const services = buildServices(config, database, { now: options.now ?? (() => new Date()), log: app.log });
  registerErrorHandler(app);
  registerLingeringClose(app);
  await registerSecurity(app, { hsts: config.secureCookies });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Qiao API', description: 'Qiao (桥): US–China science and technology collaboration platform', version: '0.1.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'qiao_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  registerAccess(app, services.auth);
  registerMetrics(app, services);

  app.get('/api/openapi.json', { config: { access: { public: true } }, schema: { hide: true } }, () => app.swagger());
  for (const routes of [healthRoutes, sideRoutes, authRoutes, userRoutes, partyRoutes, auditRoutes, indicatorRoutes, datasetRoutes, screeningRoutes, projectRoutes, policyRoutes, partyProposalRoutes, calendarRoutes, datasetCitationRoutes]) routes(app, services);
  collabRoutes(app, services);
  federationRoutes(app, services);
  federationCheckpointRoutes(app, services);
  federationProjectRoutes(app, services);
  federationConcurrentEditRoutes(app, services);
  await registerNotifications(app, services);

  const webIndex = path.join(config.webDist, 'index.html');
  const hasWeb = existsSync(webIndex);
  if (hasWeb) await app.register(fastifyStatic, { root: config.webDist, wildcard: true });
  app.setNotFoundHandler((req, reply) => {
    if (!req.url.startsWith('/api/') && req.method === 'GET' && hasWeb) return reply.sendFile('index.html');
    throw new AppError(404, 'route_not_found', `no route ${req.method} ${req.url.split('?')[0] ?? ''}`);
  });
  return { app, services };
}
