// Weak passwords are refused wherever a password is set, and sign-in, sign-out and failed sign-in
// leave a trace in the audit log.
import type { AuditEntry } from '@qiao/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../apps/server/src/db/client.ts';
import { dbTargets } from '../../apps/server/src/testing/db.ts';
import type { HttpClient } from './client.ts';
import { expectRefused } from './expect.ts';
import { createUser, PASSWORD, signIn, startLive, userClient, type Live } from './live.ts';

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`passwords and sign-in audit on ${target.name}`, () => {
    let database: Database;
    let live: Live;
    let admin: HttpClient;
    beforeAll(async () => {
      database = await target.open();
      live = await startLive(database);
      admin = await userClient(live, ['admin']);
    });
    afterAll(async () => {
      await live.close();
      await database.close();
    });

    const users = async () => (await admin.request('GET', '/api/users')).json<{ items: { email: string }[] }>().items.map((u) => u.email);

    it('refuses twelve "a" and a password equal to the email when an admin creates a user, and stores nobody', async () => {
      const email = 'weakling.person@test.example';
      for (const password of ['aaaaaaaaaaaa', email, email.toUpperCase()]) {
        const res = await admin.request('POST', '/api/users', { json: { email, displayName: 'Weak', side: 'US', roles: [], password } });
        expectRefused(res, 400, ['weak_password'], `password ${password}`);
      }
      expect(await users()).not.toContain(email);
    });

    it('refuses a weak new password on change and keeps the old one', async () => {
      const { email } = await createUser(live.services, ['member']);
      const me = await signIn(live, email);
      for (const newPassword of ['aaaaaaaaaaaa', email]) {
        const res = await me.request('POST', '/api/auth/password', { json: { currentPassword: PASSWORD, newPassword } });
        expectRefused(res, 400, ['weak_password'], `new password ${newPassword}`);
      }
      // The old password still works, the weak ones do not.
      expect((await live.anon.request('POST', '/api/auth/sign-in', { json: { email, password: PASSWORD } })).status).toBe(200);
      expect((await live.anon.request('POST', '/api/auth/sign-in', { json: { email, password: 'aaaaaaaaaaaa' } })).status).toBe(401);
    });

    it('refuses a weak password when an invitation is accepted, and creates no account', async () => {
      const email = 'invited.weakling@test.example';
      const inv = await admin.request('POST', '/api/invitations', { json: { email, side: 'CN', roles: [] } });
      expect(inv.status).toBe(201);
      const { token } = inv.json<{ token: string }>();
      for (const password of ['aaaaaaaaaaaa', email]) {
        const res = await live.anon.request('POST', '/api/invitations/accept', { json: { token, displayName: 'Invited', password } });
        expectRefused(res, 400, ['weak_password'], `password ${password}`);
      }
      expect(await users()).not.toContain(email);
    });

    it('audits sign-in, sign-out and a failed sign-in', async () => {
      const { email, id } = await createUser(live.services, ['member']);
      const failed = await live.anon.request('POST', '/api/auth/sign-in', { json: { email, password: 'not-the-password-at-all' } });
      expectRefused(failed, 401, ['invalid_credentials']);
      const me = await signIn(live, email);
      expect((await me.request('POST', '/api/auth/sign-out')).status).toBe(204);
      const audit = await admin.request('GET', '/api/audit?limit=500');
      expect(audit.status).toBe(200);
      const mine = audit
        .json<{ items: AuditEntry[] }>()
        .items.filter((e) => e.actorId === id || e.entityId === id || e.actorEmail === email || JSON.stringify(e.after ?? e.before ?? '').includes(email));
      const actions = mine.map((e) => e.action);
      expect(actions, `audit actions for ${email}: ${actions.join(', ')}`).toEqual(
        expect.arrayContaining([expect.stringMatching(/sign.?in/i), expect.stringMatching(/sign.?out/i), expect.stringMatching(/fail/i)]),
      );
      // The failed attempt never records the password that was tried.
      expect(JSON.stringify(mine)).not.toContain('not-the-password-at-all');
    });
  });
}
