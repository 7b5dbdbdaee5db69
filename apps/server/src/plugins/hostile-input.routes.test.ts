import type { GroupDetail, JoinRequest } from '@qiao/contracts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../db/client.ts';
import { buildGroup, buildRound, call, groupInput, signInCast, type Cast } from '../modules/groups/group.fixtures.ts';
import { buildTestApp, type TestApp } from '../testing/app.ts';
import { dbTargets } from '../testing/db.ts';

const NUL = 'a\u0000b';
const LONE_SURROGATE = 'Wang \uD800 Li';
const INT4_OVERFLOW = 2 ** 31;

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`hostile bytes and numbers on ${target.name}`, () => {
    let database: Database;
    let t: TestApp;
    let c: Cast;
    let groupId: string;
    beforeAll(async () => {
      database = await target.open();
      t = await buildTestApp(database);
      c = await signInCast(t);
      groupId = await buildGroup(t, c);
    });
    afterAll(async () => {
      await t.close();
      await database.close();
    });

    const expect400 = (res: { status: number; body: unknown }, field: RegExp) => {
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: { id: 'validation_failed', message: expect.stringMatching(field) as string } });
    };

    it('refuses a NUL byte in a group name and technology area with 400, and writes nothing', async () => {
      const before = (await call<{ items: unknown[] }>(t, c.admin, 'GET', '/api/working-groups')).body.items.length;
      expect400(await call(t, c.admin, 'POST', '/api/working-groups', { ...groupInput, name: { en: NUL } }), /^name\.en: .*control/);
      expect400(await call(t, c.admin, 'POST', '/api/working-groups', { ...groupInput, technologyArea: NUL }), /^technologyArea: /);
      expect((await call<{ items: unknown[] }>(t, c.admin, 'GET', '/api/working-groups')).body.items).toHaveLength(before);
    });

    it('refuses a version beyond the int4 range in a PATCH body with 400, and leaves the group as it was', async () => {
      const res = await call(t, c.admin, 'PATCH', `/api/working-groups/${groupId}`, { technologyArea: 'quantum', version: INT4_OVERFLOW });
      expect400(res, /^version: /);
      const group = (await call<GroupDetail>(t, c.admin, 'GET', `/api/working-groups/${groupId}`)).body;
      expect(group).toMatchObject({ technologyArea: groupInput.technologyArea, version: 1 });
    });

    it('refuses a NUL byte in a join message, and no request is stored', async () => {
      const other = (await call<{ id: string }>(t, c.admin, 'POST', '/api/working-groups', groupInput)).body;
      expect400(await call(t, c.outsider, 'POST', `/api/working-groups/${other.id}/join-requests`, { message: NUL }), /^message: /);
      const list = await call<{ items: JoinRequest[] }>(t, c.admin, 'GET', `/api/working-groups/${other.id}/join-requests`);
      expect(list.body.items).toEqual([]);
    });

    it('refuses a NUL byte in a position and in a minutes comment', async () => {
      const { roundId, itemId } = await buildRound(t, c, groupId);
      expect400(await call(t, c.usMember, 'PUT', `/api/dialogues/items/${itemId}/positions/US`, { position: { en: NUL } }), /^position\.en: /);
      const round = await call<{ agenda: { positions: unknown[] }[] }>(t, c.usMember, 'GET', `/api/dialogues/rounds/${roundId}`);
      expect(round.body.agenda[0]?.positions).toEqual([]);
      const minutes = await call<{ id: string }>(t, c.usMember, 'POST', `/api/dialogues/rounds/${roundId}/minutes`, { body: { en: 'Met.' } });
      expect(minutes.status).toBe(201);
      expect400(await call(t, c.cnMember, 'POST', `/api/dialogues/minutes/${minutes.body.id}/comments`, { body: NUL }), /^body: /);
      expect((await call<{ items: unknown[] }>(t, c.usChair, 'GET', `/api/dialogues/minutes/${minutes.body.id}/comments`)).body.items).toEqual([]);
    });

    it('refuses a NUL byte or a lone surrogate in a display name, and creates no user', async () => {
      const before = (await t.services.users.list()).length;
      const base = { side: 'US', password: 'correct-horse-battery' };
      expect400(await call(t, c.admin, 'POST', '/api/users', { ...base, email: 'nul@test.example', displayName: NUL }), /^displayName: .*control/);
      expect400(await call(t, c.admin, 'POST', '/api/users', { ...base, email: 'sur@test.example', displayName: LONE_SURROGATE }), /^displayName: .*surrogate/);
      expect((await t.services.users.list()).length).toBe(before);
    });

    it('refuses a NUL byte in an organisation name', async () => {
      const officer = (await t.signInAs(['compliance_officer'], 'CN')).headers;
      const res = await t.app.inject({ method: 'POST', url: '/api/organizations', headers: officer, payload: { names: [{ lang: 'en', value: NUL }], side: 'CN', country: 'CN', kind: 'university' } });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: { id: 'validation_failed' } });
      const list = await t.app.inject({ method: 'GET', url: '/api/organizations', headers: officer });
      expect(list.json<{ items: unknown[] }>().items).toEqual([]);
    });

    it('refuses a batch CSV with a NUL byte with the bad line named', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/screening/batch', headers: { ...c.usMember.headers, 'content-type': 'text/csv' }, payload: `name\nHuawei\nZTE${'\u0000'}Corp\n` });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: { id: 'csv_invalid', lines: [{ line: 3, message: expect.stringMatching(/control/) as string }] } });
    });

    it('answers a JSON body that is not UTF-8 with 400 invalid_json', async () => {
      const payload = Buffer.concat([Buffer.from('{"email":"a@b.cd","password":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', headers: { 'content-type': 'application/json' }, payload });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: { id: 'invalid_json' } });
    });

    it('maps database refusals the schemas did not catch: bad bytes and numbers to 400, duplicates to 409', async () => {
      // Straight through the service, past the HTTP schemas: the one error handler is the last line.
      const spy = vi.spyOn(t.services.users, 'list');
      try {
        for (const [code, status, id] of [
          ['22021', 400, 'validation_failed'],
          ['22P05', 400, 'validation_failed'],
          ['54000', 400, 'validation_failed'],
          ['22003', 400, 'validation_failed'],
          ['22P02', 400, 'validation_failed'],
          ['23505', 409, 'conflict'],
          ['53100', 507, 'insufficient_storage'],
          ['EDQUOT', 507, 'insufficient_storage'],
        ] as const) {
          spy.mockRejectedValueOnce(Object.assign(new Error('Failed query: select ...'), { cause: Object.assign(new Error('driver says no'), { code }) }));
          const res = await call(t, c.admin, 'GET', '/api/users');
          expect(res.status, code).toBe(status);
          expect(res.body, code).toEqual({ error: { id, message: expect.any(String) as string } });
          expect(JSON.stringify(res.body)).not.toContain('select');
        }
      } finally {
        spy.mockRestore();
      }
    });

    it('answers a full disk with 507 insufficient_storage on sign-in, whether the errno is on the error or its cause', async () => {
      const bare = vi.spyOn(t.services.users, 'list').mockRejectedValueOnce(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28 }));
      try {
        const res = await call(t, c.admin, 'GET', '/api/users');
        expect(res).toEqual({ status: 507, body: { error: { id: 'insufficient_storage', message: expect.any(String) as string } } });
      } finally {
        bare.mockRestore();
      }
      const spy = vi.spyOn(t.services.auth, 'signIn').mockRejectedValueOnce(Object.assign(new Error('write failed'), { cause: Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC', errno: -28 }) }));
      try {
        const res = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: c.usMember.user.email, password: 'correct-horse-battery' } });
        expect(res.statusCode).toBe(507);
        expect(res.json()).toEqual({ error: { id: 'insufficient_storage', message: expect.any(String) as string } });
      } finally {
        spy.mockRestore();
      }
    });
  });
}
