import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { buildTestApp, TEST_PASSWORD, type TestApp } from '../../testing/app.ts';
import { dbTargets } from '../../testing/db.ts';
import { groupInput } from '../groups/group.fixtures.ts';
import { joinRequests } from '../groups/group.schema.ts';
import { users } from './user.schema.ts';

const TRIES = 5;

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`uniqueness races on ${target.name}`, () => {
    let database: Database;
    // Two app nodes over one database, as behind a load balancer.
    let nodeA: TestApp;
    let nodeB: TestApp;
    let admin: Record<string, string>;
    beforeAll(async () => {
      database = await target.open();
      nodeA = await buildTestApp(database);
      nodeB = await buildTestApp(database);
      admin = (await nodeA.signInAs(['admin'])).headers;
    });
    afterAll(async () => {
      await nodeA.close();
      await nodeB.close();
      await database.close();
    });

    const node = (i: number) => (i % 2 === 0 ? nodeA : nodeB);

    it('creates a user once when the same email is posted five times at once; the rest get 409 conflict', async () => {
      const email = 'race@test.example';
      const results = await Promise.all(
        Array.from({ length: TRIES }, (_, i) => node(i).app.inject({ method: 'POST', url: '/api/users', headers: admin, payload: { email, displayName: `Racer ${i}`, side: 'US', password: TEST_PASSWORD } })),
      );
      const statuses = results.map((r) => r.statusCode).sort();
      expect(statuses).toEqual([201, 409, 409, 409, 409]);
      for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json()).toMatchObject({ error: { id: 'conflict' } });
      expect(await database.db.$count(users, eq(users.email, email))).toBe(1);
    });

    it('accepts one invitation once when it is accepted five times at once', async () => {
      const inv = (await nodeA.app.inject({ method: 'POST', url: '/api/invitations', headers: admin, payload: { email: 'race-invitee@test.example', side: 'CN' } })).json<{ token: string }>();
      const results = await Promise.all(
        Array.from({ length: TRIES }, (_, i) => node(i).app.inject({ method: 'POST', url: '/api/invitations/accept', payload: { token: inv.token, displayName: `Invitee ${i}`, password: TEST_PASSWORD } })),
      );
      const statuses = results.map((r) => r.statusCode);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      for (const r of results.filter((x) => x.statusCode !== 200)) {
        expect([400, 409]).toContain(r.statusCode);
        expect(['invitation_invalid', 'conflict']).toContain(r.json<{ error: { id: string } }>().error.id);
      }
      expect(await database.db.$count(users, eq(users.email, 'race-invitee@test.example'))).toBe(1);
    });

    it('stores one pending join request when the same request is sent five times at once', async () => {
      const group = (await nodeA.app.inject({ method: 'POST', url: '/api/working-groups', headers: admin, payload: groupInput })).json<{ id: string }>();
      const { headers } = await nodeA.signInAs(['member'], 'CN');
      const results = await Promise.all(
        Array.from({ length: TRIES }, (_, i) => node(i).app.inject({ method: 'POST', url: `/api/working-groups/${group.id}/join-requests`, headers, payload: { message: 'let me in' } })),
      );
      const statuses = results.map((r) => r.statusCode).sort();
      expect(statuses).toEqual([201, 409, 409, 409, 409]);
      for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json()).toMatchObject({ error: { id: 'conflict' } });
      expect(await database.db.$count(joinRequests, eq(joinRequests.groupId, group.id))).toBe(1);
    });
  });
}
