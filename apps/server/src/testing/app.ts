import type { Role, Session } from '@qiao/contracts';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import type { Database } from '../db/client.ts';
import type { App, Services } from '../http.ts';

export const TEST_PASSWORD = 'correct-horse-battery';

export interface TestApp {
  app: App;
  services: Services;
  /** Creates a user with these roles on `side` and signs them in; returns headers for app.inject. */
  signInAs(roles: Role[], side?: string): Promise<{ session: Session; headers: Record<string, string> }>;
  close(): Promise<void>;
}

let counter = 0;

export async function buildTestApp(database: Database, env: Record<string, string> = {}): Promise<TestApp> {
  const config = loadConfig({ QIAO_DATA_DIR: '/nonexistent/qiao-test', QIAO_WEB_DIST: '/nonexistent/web', QIAO_LOG_LEVEL: 'silent', ...env });
  const { app, services } = await buildApp({ config, database, logger: false });
  await app.ready();
  return {
    app,
    services,
    async signInAs(roles, side = 'US') {
      const email = `user${++counter}-${Date.now()}@test.example`;
      await services.users.create(null, { email, displayName: `Test ${counter}`, side, roles: roles.map((role) => ({ role, side })), password: TEST_PASSWORD });
      const res = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password: TEST_PASSWORD } });
      if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.body}`);
      const session = res.json<Session>();
      const cookie = res.cookies.find((c) => c.name === 'qiao_session');
      if (!cookie) throw new Error('no session cookie');
      return { session, headers: { cookie: `qiao_session=${cookie.value}`, 'x-csrf-token': session.csrfToken } };
    },
    close: () => app.close(),
  };
}
