import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { buildTestApp, TEST_PASSWORD, type TestApp } from '../../testing/app.ts';
import { dbTargets } from '../../testing/db.ts';

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`auth on ${target.name}`, () => {
    let database: Database;
    let t: TestApp;
    beforeAll(async () => {
      database = await target.open();
      t = await buildTestApp(database, { QIAO_SIGNIN_LIMIT: '3' });
    });
    afterAll(async () => {
      await t.close();
      await database.close();
    });

    it('signs in with an HTTP-only, SameSite session cookie and returns the CSRF token', async () => {
      await t.services.users.create(null, { email: 'ana@test.example', displayName: 'Ana', side: 'CN', roles: [{ role: 'member', side: 'CN' }], password: TEST_PASSWORD });
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: 'ANA@test.example', password: TEST_PASSWORD } });
      expect(res.statusCode).toBe(200);
      const body = res.json<{ user: { email: string; side: string; roles: unknown[] }; csrfToken: string }>();
      expect(body.user).toMatchObject({ email: 'ana@test.example', side: 'CN', roles: [{ role: 'member', side: 'CN' }] });
      expect(body.csrfToken.length).toBeGreaterThan(20);
      const cookie = res.cookies.find((c) => c.name === 'qiao_session');
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `qiao_session=${cookie?.value ?? ''}` } });
      expect(me.json()).toEqual(body);
    });

    it('refuses a wrong password and an unknown email with the same error', async () => {
      const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: 'ana@test.example', password: 'not-the-password' } });
      const unknown = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: 'nobody@test.example', password: 'whatever-it-is' } });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json()).toEqual({ error: { id: 'invalid_credentials', message: 'email or password is wrong' } });
      expect(unknown.json()).toEqual(wrong.json());
      expect(wrong.cookies).toHaveLength(0);
    });

    it('rate-limits sign-in attempts per address and email', async () => {
      const attempt = () => t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: 'limited@test.example', password: 'wrong-password' } });
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await attempt()).statusCode);
      expect(codes).toEqual([401, 401, 401, 429]);
      expect((await attempt()).json()).toMatchObject({ error: { id: 'rate_limited' } });
      // Another email from the same address is not locked out.
      const other = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: 'ana@test.example', password: TEST_PASSWORD } });
      expect(other.statusCode).toBe(200);
    });

    it('needs a session for /me and the CSRF header for writes', async () => {
      expect((await t.app.inject({ method: 'GET', url: '/api/auth/me' })).json()).toMatchObject({ error: { id: 'unauthenticated' } });
      const { headers } = await t.signInAs(['member']);
      const noCsrf = await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: { cookie: headers.cookie ?? '' } });
      expect(noCsrf.statusCode).toBe(403);
      expect(noCsrf.json()).toMatchObject({ error: { id: 'csrf_invalid' } });
      const forged = await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: { cookie: headers.cookie ?? '', 'x-csrf-token': 'forged' } });
      expect(forged.statusCode).toBe(403);
      const out = await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers });
      expect(out.statusCode).toBe(204);
      expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers })).statusCode).toBe(401);
    });

    it('saves the language and audits it', async () => {
      const { headers, session } = await t.signInAs(['member']);
      const res = await t.app.inject({ method: 'PATCH', url: '/api/auth/me', headers, payload: { locale: 'zh' } });
      expect(res.json()).toMatchObject({ user: { locale: 'zh' } });
      const bad = await t.app.inject({ method: 'PATCH', url: '/api/auth/me', headers, payload: { locale: 'fr' } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ error: { id: 'validation_failed' } });
      const audit = await t.services.database.db.query.auditLog.findMany({ where: (a, { eq }) => eq(a.entityId, session.user.id) });
      expect(audit.map((a) => a.action)).toContain('user.locale.set');
    });

    it('changes the password, keeps this session and ends the others', async () => {
      const first = await t.signInAs(['member']);
      const email = first.session.user.email;
      const second = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password: TEST_PASSWORD } });
      const otherCookie = `qiao_session=${second.cookies.find((c) => c.name === 'qiao_session')?.value ?? ''}`;
      const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: first.headers, payload: { currentPassword: 'nope', newPassword: 'a-brand-new-password' } });
      expect(wrong.statusCode).toBe(401);
      const short = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: first.headers, payload: { currentPassword: TEST_PASSWORD, newPassword: 'short' } });
      expect(short.json()).toMatchObject({ error: { id: 'validation_failed', message: expect.stringContaining('newPassword') as string } });
      const ok = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: first.headers, payload: { currentPassword: TEST_PASSWORD, newPassword: 'a-brand-new-password' } });
      expect(ok.statusCode).toBe(200);
      expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: first.headers })).statusCode).toBe(200);
      expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: otherCookie } })).statusCode).toBe(401);
      const again = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password: 'a-brand-new-password' } });
      expect(again.statusCode).toBe(200);
    });

    it('makes the first-start admin change the one-time password before anything else', async () => {
      const { oneTimePassword, user } = await t.services.users.create(null, { email: 'root@test.example', displayName: 'Root', side: 'US', roles: [{ role: 'admin', side: 'US' }] });
      expect(oneTimePassword).toBeTruthy();
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: user.email, password: oneTimePassword } });
      const session = res.json<{ user: { mustChangePassword: boolean }; csrfToken: string }>();
      expect(session.user.mustChangePassword).toBe(true);
      const headers = { cookie: `qiao_session=${res.cookies[0]?.value ?? ''}`, 'x-csrf-token': session.csrfToken };
      const blocked = await t.app.inject({ method: 'GET', url: '/api/users', headers });
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json()).toMatchObject({ error: { id: 'forbidden', message: 'change your one-time password first' } });
      await t.app.inject({ method: 'POST', url: '/api/auth/password', headers, payload: { currentPassword: oneTimePassword, newPassword: 'the-admins-own-password' } });
      expect((await t.app.inject({ method: 'GET', url: '/api/users', headers })).statusCode).toBe(200);
    });
  });
}
