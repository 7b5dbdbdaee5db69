import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, ROLES } from '@qiao/contracts';
import { openDatabase, type Database } from '../db/client.ts';
import { buildTestApp, type TestApp } from '../testing/app.ts';

describe('HTTP edges and route access', () => {
  let database: Database;
  let t: TestApp;
  beforeAll(async () => {
    database = await openDatabase({ kind: 'pglite', dataDir: null });
    await database.migrate();
    t = await buildTestApp(database);
  });
  afterAll(async () => {
    await t.close();
    await database.close();
  });

  it('answers unknown routes, bad JSON, wrong content types and oversized bodies with stable ids', async () => {
    const unknown = await t.app.inject({ method: 'GET', url: '/api/nothing-here?x=1' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ error: { id: 'route_not_found', message: 'no route GET /api/nothing-here' } });
    const badJson = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', headers: { 'content-type': 'application/json' }, payload: '{"email":' });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json()).toMatchObject({ error: { id: 'invalid_json' } });
    const form = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'email=a' });
    expect(form.statusCode).toBe(415);
    expect(form.json()).toMatchObject({ error: { id: 'unsupported_media_type' } });
    const big = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email: 'a@b.cd', password: 'x'.repeat(LIMITS.jsonBodyBytes) }) });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ error: { id: 'payload_too_large' } });
    const missing = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: 'a@b.cd' } });
    expect(missing.json()).toEqual({ error: { id: 'validation_failed', message: expect.stringMatching(/^password: /) as string } });
  });

  it('declares access on every API route, and a caller without the role gets 403 on each guarded one', async () => {
    const routes = t.app.routeAccess;
    expect(routes.length).toBeGreaterThan(10);
    const guarded = routes.filter((r) => 'roles' in r.access);
    expect(guarded.length).toBeGreaterThan(3);
    // One signed-in user per role set: sign-ins cost an scrypt hash each.
    const sessions = new Map<string, Record<string, string>>();
    for (const route of guarded) {
      const needed = 'roles' in route.access ? route.access.roles : [];
      const others = ROLES.filter((r) => !needed.includes(r));
      const key = others.join(',');
      const headers = sessions.get(key) ?? (await t.signInAs(others)).headers;
      sessions.set(key, headers);
      const url = route.url.replace(/:(\w+)/g, '00000000-0000-4000-8000-000000000000');
      const res = await t.app.inject({ method: route.method as 'GET', url, headers, ...(route.method === 'GET' ? {} : { payload: {} }) });
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(403);
      expect(res.json()).toMatchObject({ error: { id: 'forbidden' } });
    }
    for (const route of routes.filter((r) => !('public' in r.access))) {
      const url = route.url.replace(/:(\w+)/g, '00000000-0000-4000-8000-000000000000');
      const res = await t.app.inject({ method: route.method as 'GET', url, ...(route.method === 'GET' ? {} : { payload: {} }) });
      expect(res.statusCode, `${route.method} ${route.url} without a session`).toBe(401);
    }
  }, 120_000);

  it('serves the OpenAPI document, the docs page and health with the migration state', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/auth/sign-in', '/api/organizations', '/api/users']));
    const page = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect([200, 302]).toContain(page.statusCode);
    const health: unknown = (await t.app.inject({ method: 'GET', url: '/api/health' })).json();
    expect(health).toMatchObject({ status: 'ok', database: { kind: 'pglite', migrations: { upToDate: true } } });
  });
});
