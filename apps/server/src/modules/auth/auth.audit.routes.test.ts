import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { buildTestApp, TEST_PASSWORD, type TestApp } from '../../testing/app.ts';
import { dbTargets } from '../../testing/db.ts';

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`sign-in audit and password strength on ${target.name}`, () => {
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

    const auditOf = (action: string) => t.services.database.db.query.auditLog.findMany({ where: (a, { eq }) => eq(a.action, action), orderBy: (a, { asc }) => asc(a.id) });

    it('audits a sign-in and a sign-out with the user as actor', async () => {
      const { session, headers } = await t.signInAs(['member'], 'CN');
      const signIns = (await auditOf('auth.sign_in')).filter((a) => a.actorId === session.user.id);
      expect(signIns).toHaveLength(1);
      expect(signIns[0]).toMatchObject({ actorEmail: session.user.email, entity: 'user', entityId: session.user.id });
      expect((await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers })).statusCode).toBe(204);
      const signOuts = (await auditOf('auth.sign_out')).filter((a) => a.actorId === session.user.id);
      expect(signOuts).toHaveLength(1);
    });

    it('audits a failed sign-in with the email and address hashed, never the password', async () => {
      const before = (await auditOf('auth.sign_in_failed')).length;
      const password = 'guessed-Pa55word-xyz';
      for (const email of ['victim@test.example', 'victim@test.example', 'other@test.example']) {
        const res = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password } });
        expect(res.statusCode).toBe(401);
        expect(res.json()).toMatchObject({ error: { id: 'invalid_credentials' } });
      }
      const failed = (await auditOf('auth.sign_in_failed')).slice(before);
      expect(failed).toHaveLength(3);
      const [a, b, c] = failed.map((f) => f.after as { emailHash: string; addressHash: string });
      expect(a?.emailHash).toMatch(/^[0-9a-f]{64}$/);
      expect(a?.addressHash).toMatch(/^[0-9a-f]{64}$/);
      // The same email hashes the same way, so repeated guesses at one account can be seen together.
      expect(a?.emailHash).toBe(b?.emailHash);
      expect(c?.emailHash).not.toBe(a?.emailHash);
      for (const f of failed) {
        expect(f.actorId).toBeNull();
        const text = JSON.stringify(f);
        expect(text).not.toContain(password);
        expect(text).not.toContain('victim@test.example');
        expect(text).not.toContain('127.0.0.1');
      }
    });

    it('refuses weak passwords with 400 weak_password and the reason, on creation, change and invitation', async () => {
      const before = (await t.services.users.list()).length;
      const email = 'strong.person@test.example';
      for (const [password, reason] of [
        ['aaaaaaaaaaaa', /repeat/i],
        [email, /email/i],
        ['strong.person-2024', /email/i],
        ['password1234', /common/i],
      ] as const) {
        const res = await t.app.inject({ method: 'POST', url: '/api/users', headers: admin, payload: { email, displayName: 'Strong Person', side: 'US', password } });
        expect(res.statusCode, password).toBe(400);
        expect(res.json(), password).toEqual({ error: { id: 'weak_password', message: expect.stringMatching(reason) as string } });
      }
      expect((await t.services.users.list()).length).toBe(before);

      const { session, headers } = await t.signInAs(['member']);
      const change = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers, payload: { currentPassword: TEST_PASSWORD, newPassword: 'aaaaaaaaaaaa' } });
      expect(change.statusCode).toBe(400);
      expect(change.json()).toMatchObject({ error: { id: 'weak_password' } });
      const still = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: session.user.email, password: TEST_PASSWORD } });
      expect(still.statusCode).toBe(200);

      const inv = (await t.app.inject({ method: 'POST', url: '/api/invitations', headers: admin, payload: { email: 'weak.invitee@test.example', side: 'CN' } })).json<{ token: string }>();
      const weak = await t.app.inject({ method: 'POST', url: '/api/invitations/accept', payload: { token: inv.token, displayName: 'Weak Invitee', password: 'weak.invitee@test.example' } });
      expect(weak.statusCode).toBe(400);
      expect(weak.json()).toMatchObject({ error: { id: 'weak_password' } });
      // The invitation is still good for a strong password.
      const strong = await t.app.inject({ method: 'POST', url: '/api/invitations/accept', payload: { token: inv.token, displayName: 'Weak Invitee', password: TEST_PASSWORD } });
      expect(strong.statusCode).toBe(200);
    });
  });
}
