import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/client.ts';
import { buildApp } from './app.ts';
import { seedDemo } from './demo/seed.ts';
import type { App } from './http.ts';
import { JobWorker } from './modules/jobs/job.worker.ts';

export function openConfiguredDatabase(config: Config): Promise<Database> {
  return openDatabase(config.database);
}

/**
 * Opens the database, applies migrations, creates the first admin and the demo when the database is
 * empty, and listens. `print` receives the lines a person must see once (the one-time password).
 */
export async function startServer(config: Config, print: (line: string) => void): Promise<{ app: App; url: string; close(): Promise<void> }> {
  const database = await openConfiguredDatabase(config);
  await database.migrate();
  const { app, services } = await buildApp({ config, database });
  const admin = await services.users.ensureAdmin();
  if (admin) {
    print(`First start: created the admin account ${admin.email}`);
    print(`One-time password (shown once; you will be asked to change it): ${admin.oneTimePassword}`);
  }
  const seeded = await services.indicators.ensureSeed();
  if (seeded > 0) print(`Added ${seeded} curated indicator series with their sources.`);
  if (config.seedDemo && (await seedDemo(services))) print('Seeded the demo data (organisations, people and demo users flagged as demo).');
  // Build the screening index now rather than on the first search; jobs left by a stopped node resume.
  await services.screening.index.current();
  const worker = config.screening.runWorker ? new JobWorker({ db: database.db, now: () => new Date(), log: app.log }, services.jobs, { leaseMs: config.screening.jobLeaseMs, pollMs: config.screening.jobPollMs }) : undefined;
  worker?.start();
  const url = await app.listen({ port: config.port, host: config.host });
  print(`Qiao is serving ${url} on ${database.kind === 'pglite' ? `embedded PGlite (${config.database.kind === 'pglite' ? config.database.dataDir : ''})` : 'PostgreSQL'}`);
  return {
    app,
    url,
    async close() {
      // Finish the chunk in hand and hand the job back, so another node (or the next start) resumes it.
      await worker?.stop();
      await app.close();
      await database.close();
    },
  };
}
