import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { dbTargets } from '../../testing/db.ts';

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`users and invitations on ${target.name}`, () => {
    let database: Database;
    let t: TestApp;
    let admin: Record<string, string>;
    beforeAll(async () => {
      database = await target.open();
      t = await buildTestApp(database);
      admin = (await t.signInAs(['admin'])).headers;
    });
    afterAll(async () => {
      await t.close();
      await database.close();
    });

    it('lets an admin create a user with roles for a side, audited without the password hash', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: admin,
        payload: { email: 'wang@test.example', displayName: '王立', side: 'CN', roles: [{ role: 'compliance_officer', side: 'CN' }] },
      });
      expect(res.statusCode).toBe(201);
      const created = res.json<{ id: string; oneTimePassword: string; mustChangePassword: boolean }>();
      expect(created.oneTimePassword.length).toBeGreaterThanOrEqual(12);
      expect(created.mustChangePassword).toBe(true);
      const audit = await t.services.database.db.query.auditLog.findFirst({ where: (a, { eq }) => eq(a.entityId, created.id) });
      expect(audit).toMatchObject({ action: 'user.create', entity: 'user', after: { email: 'wang@test.example', side: 'CN' } });
      expect(JSON.stringify(audit)).not.toContain('scrypt');
    });

    it('refuses a duplicate email with conflict and writes nothing', async () => {
      const before = (await t.services.users.list()).length;
      const res = await t.app.inject({ method: 'POST', url: '/api/users', headers: admin, payload: { email: 'WANG@test.example', displayName: 'Again', side: 'CN' } });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ error: { id: 'conflict' } });
      expect((await t.services.users.list()).length).toBe(before);
    });

    it('rejects an unknown role or malformed side with the field named', async () => {
      const role = await t.app.inject({ method: 'POST', url: '/api/users', headers: admin, payload: { email: 'x@test.example', displayName: 'X', side: 'US', roles: [{ role: 'king', side: 'US' }] } });
      expect(role.json()).toMatchObject({ error: { id: 'validation_failed', message: expect.stringMatching(/^roles\.0\.role: /) as string } });
      const side = await t.app.inject({ method: 'POST', url: '/api/users', headers: admin, payload: { email: 'x@test.example', displayName: 'X', side: 'usa' } });
      expect(side.json()).toMatchObject({ error: { id: 'validation_failed', message: expect.stringMatching(/^side: /) as string } });
    });

    it('turns an invitation into an account once, and never after it expires', async () => {
      const inv = await t.app.inject({ method: 'POST', url: '/api/invitations', headers: admin, payload: { email: 'invitee@test.example', side: 'CN', roles: [{ role: 'member', side: 'CN' }] } });
      expect(inv.statusCode).toBe(201);
      const { token } = inv.json<{ token: string }>();
      const accept = await t.app.inject({ method: 'POST', url: '/api/invitations/accept', payload: { token, displayName: 'Invitee', password: 'river-lantern-orbit-7' } });
      expect(accept.statusCode).toBe(200);
      expect(accept.json()).toMatchObject({ user: { email: 'invitee@test.example', side: 'CN', roles: [{ role: 'member', side: 'CN' }] } });
      expect(accept.cookies.find((c) => c.name === 'qiao_session')?.httpOnly).toBe(true);
      const again = await t.app.inject({ method: 'POST', url: '/api/invitations/accept', payload: { token, displayName: 'Again', password: 'river-lantern-orbit-8' } });
      expect(again.json()).toMatchObject({ error: { id: 'invitation_invalid' } });
      const bogus = await t.app.inject({ method: 'POST', url: '/api/invitations/accept', payload: { token: 'x'.repeat(40), displayName: 'B', password: 'river-lantern-orbit-9' } });
      expect(bogus.statusCode).toBe(400);

      const late = await buildTestApp(database);
      const lateInv = await t.services.users.invite(null, { email: 'late@test.example', side: 'US', roles: [] });
      const future = new Date(Date.now() + 15 * 86_400_000);
      const { UserService } = await import('./user.service.ts');
      const inTwoWeeks = new UserService({ db: database.db, now: () => future, log: { info: () => {}, warn: () => {} } });
      await expect(inTwoWeeks.acceptInvitation({ token: lateInv.token, displayName: 'Late', password: 'quiet-harbour-lamp-42' })).rejects.toMatchObject({ id: 'invitation_invalid' });
      await late.close();
    });

    it('does not let a non-admin list users, create users or invite', async () => {
      const { headers } = await t.signInAs(['co_chair', 'compliance_officer', 'data_steward', 'member'], 'CN');
      for (const [method, url, payload] of [
        ['GET', '/api/users', undefined],
        ['POST', '/api/users', { email: 'y@test.example', displayName: 'Y', side: 'CN' }],
        ['POST', '/api/invitations', { email: 'z@test.example', side: 'CN' }],
        ['GET', '/api/audit', undefined],
      ] as const) {
        const res = await t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
        expect(res.statusCode, `${method} ${url}`).toBe(403);
        expect(res.json()).toMatchObject({ error: { id: 'forbidden' } });
      }
    });
  });
}
