import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/client.ts';
import { announceNode, nodeApplicationName, type NodePresence } from './db/node-presence.ts';
import { buildApp } from './app.ts';
import { seedDemo } from './demo/seed.ts';
import type { App, Services } from './http.ts';
import { syncOnSettingsChange } from './modules/federation/federation.settings.ts';
import { JobWorker } from './modules/jobs/job.worker.ts';

/**
 * Opens the configured database. The embedded one is locked for this process until close: a second
 * process on the same data directory gets DataDirInUseError. `log` hears about a stale lock taken over.
 */
export function openConfiguredDatabase(config: Config, log?: (line: string) => void): Promise<Database> {
  return openDatabase(config.database, { log });
}

export interface RunningServer {
  app: App;
  services: Services;
  url: string;
  close(): Promise<void>;
}

/**
 * Opens the database, applies migrations, creates the first admin and the demo when the database is
 * empty, and listens. `print` receives the lines a person must see once (the one-time password).
 */
export async function startServer(config: Config, print: (line: string) => void): Promise<RunningServer> {
  const database = await openConfiguredDatabase(config, print);
  // On PostgreSQL the node holds one named connection from here until it has closed: `qiao db restore`
  // refuses while any is there (db/node-presence.ts).
  let presence: NodePresence | null = null;
  try {
    if (config.database.kind === 'postgres') {
      presence = await announceNode(config.database.url, nodeApplicationName(config.screening.nodeId), (line) => process.stderr.write(`qiao: ${line}\n`));
    }
    const running = await serve(config, database, print);
    const node = presence;
    return node ? { ...running, close: () => running.close().finally(() => node.stop()) } : running;
  } catch (err: unknown) {
    await presence?.stop();
    await database.close().catch(() => {});
    throw err;
  }
}

async function serve(config: Config, database: Database, print: (line: string) => void): Promise<RunningServer> {
  await database.migrate();
  const { app, services } = await buildApp({ config, database });
  const admin = await services.users.ensureAdmin();
  if (admin) {
    print(`First start: created the admin account ${admin.email}`);
    print(`One-time password (shown once; you will be asked to change it): ${admin.oneTimePassword}`);
  }
  // An intact record written under the legacy hash version is re-chained before anyone reads it.
  await services.record.upgradeLegacyChain();
  const seeded = await services.indicators.ensureSeed();
  if (seeded > 0) print(`Added ${seeded} curated indicator series with their sources.`);
  if (config.seedDemo && (await seedDemo(services))) print('Seeded the demo data (organisations, people and demo users flagged as demo).');
  // Build the screening index now rather than on the first search.
  await services.screening.index.current();
  // Federation settings that changed since the last start (a new peer, other transfer facts): send
  // what they now allow, once. A failure is logged and the node starts anyway.
  if (services.federation) await syncOnSettingsChange(database.db, services.federation, { now: new Date(), log: app.log });
  // Jobs left running by this node's previous run (on the embedded database: by any run) resume now.
  const nodeId = config.screening.nodeId;
  const resumed = await services.jobs.resumeOrphaned({ embedded: database.kind === 'pglite', nodeId });
  if (resumed.length > 0) app.log.info(`resuming ${resumed.length} job(s) left running by a stopped node: ${resumed.map((j) => `${j.kind} ${j.id}`).join(', ')}`);
  const worker = config.screening.runWorker
    ? new JobWorker({ db: database.db, now: () => new Date(), log: app.log }, services.jobs, { leaseMs: config.screening.jobLeaseMs, pollMs: config.screening.jobPollMs, nodeId })
    : undefined;
  worker?.start();
  // Reminders, mail and the digest are scheduled by the nodes that run jobs.
  const schedule = worker ? services.notificationSchedule : undefined;
  schedule?.start();
  let url: string;
  try {
    url = await app.listen({ port: config.port, host: config.host });
  } catch (err: unknown) {
    await schedule?.stop();
    await worker?.stop();
    await app.close();
    throw err;
  }
  print(`Qiao is serving ${url} on ${database.kind === 'pglite' ? `embedded PGlite (${config.database.kind === 'pglite' ? config.database.dataDir : ''})` : 'PostgreSQL'}`);
  return {
    app,
    services,
    url,
    async close() {
      // Finish the chunk in hand and hand the job back, so another node (or the next start) resumes it.
      await schedule?.stop();
      await worker?.stop();
      await app.close();
      await database.close();
    },
  };
}
