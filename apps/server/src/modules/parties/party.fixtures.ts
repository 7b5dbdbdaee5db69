// Test set-up shared by the parties suites: an app on a fresh database with a clock, the test lists
// imported and screened, a request helper and the audit trail of one entity.
import type { Database } from '../../db/client.ts';
import type { TestApp } from '../../testing/app.ts';
import type { DbTarget } from '../../testing/db.ts';
import { buildClockedApp, drainJobs, fixtureFiles, openTestDatabase } from '../screening/fixtures/fixtures.ts';

export type Failure = { error?: { id: string; message: string } };
export type Headers = Record<string, string>;

export const names = (en: string, zh: string) => [{ lang: 'en' as const, value: en }, { lang: 'zh-Hans' as const, value: zh }];

export interface PartyApp {
  database: Database;
  t: TestApp;
  clock: { now: Date };
  /** Signs in a user with these roles on this side (each sign-in costs an scrypt hash: reuse them across a file). */
  signIn(roles: Parameters<TestApp['signInAs']>[0], side: string): Promise<Headers>;
  send<T>(headers: Headers | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object): Promise<{ status: number; body: T & Failure }>;
  audits(entityId: string): ReturnType<Database['db']['query']['auditLog']['findMany']>;
  close(): Promise<void>;
}

/** Opens the app on `target` at 2026-10-01 08:00 UTC with the v1 test lists imported and their jobs drained. */
export async function openPartyApp(target: DbTarget): Promise<PartyApp> {
  const clock = { now: new Date('2026-10-01T08:00:00Z') };
  const database = await openTestDatabase(target);
  const t = await buildClockedApp(database, clock);
  await t.services.screening.lists.importFiles(null, fixtureFiles('v1'));
  await drainJobs(t.services, () => clock.now);
  return {
    database,
    t,
    clock,
    signIn: async (roles, side) => (await t.signInAs(roles, side)).headers,
    send: async <T>(headers: Headers | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => {
      const res = await t.app.inject({ method, url, ...(headers ? { headers } : {}), ...(payload ? { payload } : {}) });
      return { status: res.statusCode, body: res.json<T & Failure>() };
    },
    audits: (entityId) => t.services.database.db.query.auditLog.findMany({ where: (l, { eq }) => eq(l.entityId, entityId), orderBy: (l, { asc }) => [asc(l.id)] }),
    close: async () => {
      await t.close();
      await database.close();
    },
  };
}
