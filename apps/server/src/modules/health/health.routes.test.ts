import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { dbTargets } from '../../testing/db.ts';

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`health on ${target.name}`, () => {
    let database: Database;
    let t: TestApp;
    beforeAll(async () => {
      database = await target.open();
      t = await buildTestApp(database);
    });
    afterAll(async () => {
      await t.close();
    });

    it('answers from memory, and ?deep=1 reaches the database', async () => {
      const plain = await t.app.inject({ method: 'GET', url: '/api/health' });
      expect(plain.statusCode).toBe(200);
      const state = plain.json<{ status: string; database: { kind: string; migrations: { applied: number; expected: number } } }>();
      expect(state).toMatchObject({ status: 'ok', database: { kind: target.name } });
      expect(state.database.migrations.applied).toBe(state.database.migrations.expected);
      const deep = await t.app.inject({ method: 'GET', url: '/api/health?deep=1' });
      expect(deep.statusCode).toBe(200);
      expect(deep.json()).toEqual(state);
      const bad = await t.app.inject({ method: 'GET', url: '/api/health?deep=yes' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ error: { id: 'validation_failed' } });
    });

    it('with the database gone, the cheap check still answers and the deep one says 503 degraded', async () => {
      // A pool that is ending refuses new queries at once; its end waits for clients other modules hold.
      const closing = database.close().catch(() => undefined);
      const plain = await t.app.inject({ method: 'GET', url: '/api/health' });
      expect(plain.statusCode).toBe(200);
      expect(plain.json()).toMatchObject({ status: 'ok' });
      const deep = await t.app.inject({ method: 'GET', url: '/api/health?deep=1' });
      expect(deep.statusCode).toBe(503);
      expect(deep.json()).toMatchObject({ status: 'degraded', database: { kind: target.name } });
      await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, 2000))]);
    });
  });
}
