import type { Session } from '@qiao/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readCacheOf } from '../../cache/read-cache.ts';
import { openDatabase, type Database } from '../../db/client.ts';
import { buildTestApp, TEST_PASSWORD, type TestApp } from '../../testing/app.ts';
import { createPostgresDatabase, dbTargets } from '../../testing/db.ts';

// A signed-in request reads its session, user and roles as they are now: whatever changed them (a
// sign-out, a password change, a row edited in the database, another node), the very next request sees it.
for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`session resolution on ${target.name}`, () => {
    let database: Database;
    let t: TestApp;
    const queries: string[] = [];

    beforeAll(async () => {
      const onQuery = (text: string) => queries.push(text);
      database = target.name === 'pglite' ? await openDatabase({ kind: 'pglite', dataDir: null }, { onQuery }) : await openDatabase({ kind: 'postgres', url: await createPostgresDatabase() }, { onQuery });
      await database.migrate();
      t = await buildTestApp(database);
    });
    afterAll(async () => {
      await t.close();
      await database.close();
    });

    const me = (headers: Record<string, string>) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: headers.cookie ?? '' } });
    const warm = async (headers: Record<string, string>) => {
      for (let i = 0; i < 3; i++) expect((await me(headers)).statusCode).toBe(200);
    };

    it('refuses the session of a user disabled in the database on the next request', async () => {
      const { headers, session } = await t.signInAs(['member']);
      await warm(headers);
      await database.db.execute(sql`update users set disabled_at = now() where id = ${session.user.id}`);
      const res = await me(headers);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ error: { id: 'unauthenticated' } });
      // Enabled again, the same session works again: it was refused, not ended.
      await database.db.execute(sql`update users set disabled_at = null where id = ${session.user.id}`);
      expect((await me(headers)).statusCode).toBe(200);
    });

    it('refuses a session revoked in the database on the next request', async () => {
      const { headers, session } = await t.signInAs(['member']);
      await warm(headers);
      await database.db.execute(sql`delete from sessions where user_id = ${session.user.id}`);
      expect((await me(headers)).statusCode).toBe(401);
    });

    it('refuses a session ended by a statement sent straight to the database client', async () => {
      const { headers, session } = await t.signInAs(['member']);
      await warm(headers);
      const client = (database.db as unknown as { $client: { exec?(text: string): Promise<unknown>; query(text: string): Promise<unknown> } }).$client;
      const text = `delete from sessions where user_id = '${session.user.id}'`;
      await (client.exec ? client.exec(text) : client.query(text));
      expect((await me(headers)).statusCode).toBe(401);
    });

    it('takes a removed role, a new role and a changed side on the next request', async () => {
      const { headers, session } = await t.signInAs(['admin']);
      expect((await t.app.inject({ method: 'GET', url: '/api/users', headers })).statusCode).toBe(200);
      await warm(headers);
      await database.db.execute(sql`delete from role_grants where user_id = ${session.user.id}`);
      const demoted = await t.app.inject({ method: 'GET', url: '/api/users', headers });
      expect(demoted.statusCode).toBe(403);
      expect((await me(headers)).json<Session>().user.roles).toEqual([]);
      await database.db.execute(sql`insert into role_grants (user_id, role, side) values (${session.user.id}, 'member', 'CN'), (${session.user.id}, 'admin', 'CN')`);
      await database.db.execute(sql`update users set side = 'CN' where id = ${session.user.id}`);
      const after = (await me(headers)).json<Session>();
      expect(after.user.side).toBe('CN');
      expect(after.user.roles).toEqual([
        { role: 'admin', side: 'CN' },
        { role: 'member', side: 'CN' },
      ]);
      expect((await t.app.inject({ method: 'GET', url: '/api/users', headers })).statusCode).toBe(200);
    });

    it('ends the session on sign-out and the other sessions on a password change, seen on the next request', async () => {
      const a = await t.signInAs(['member']);
      const second = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: a.session.user.email, password: TEST_PASSWORD } });
      const other = { cookie: `qiao_session=${second.cookies.find((c) => c.name === 'qiao_session')?.value ?? ''}` };
      await warm(a.headers);
      await warm(other);
      const changed = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: a.headers, payload: { currentPassword: TEST_PASSWORD, newPassword: 'another-long-passphrase' } });
      expect(changed.statusCode).toBe(200);
      expect((await me(other)).statusCode).toBe(401);
      await warm(a.headers);
      expect((await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: a.headers })).statusCode).toBe(204);
      expect((await me(a.headers)).statusCode).toBe(401);
    });

    it('never keeps an answer read while the session was being revoked', async () => {
      for (let round = 0; round < 5; round++) {
        const { headers, session } = await t.signInAs(['member']);
        await warm(headers);
        const crowd = Array.from({ length: 20 }, () => me(headers));
        const revoke = database.db.execute(sql`delete from sessions where user_id = ${session.user.id}`);
        await Promise.all([...crowd, revoke]);
        expect((await me(headers)).statusCode).toBe(401);
      }
    });

    it('a signed-in request reads its session in no query while nothing was written', async () => {
      const { headers } = await t.signInAs(['member']);
      // PostgreSQL: once the read cache listens, it hears every commit (any node's) before answering.
      await readCacheOf(database.db).sync();
      await me(headers);
      const before = queries.length;
      await me(headers);
      expect(queries.length - before).toBe(0);
    });

    it('refuses a session, user or role ended by TRUNCATE on the next request', async () => {
      const { headers } = await t.signInAs(['admin']);
      await warm(headers);
      expect((await t.app.inject({ method: 'GET', url: '/api/users', headers })).statusCode).toBe(200);
      await database.db.execute(sql`truncate role_grants`);
      expect((await t.app.inject({ method: 'GET', url: '/api/users', headers })).statusCode).toBe(403);
      await database.db.execute(sql`truncate sessions`);
      expect((await me(headers)).statusCode).toBe(401);
    });
  });
}

// On PostgreSQL several nodes share the sessions: what one node changes, the other applies on its next request.
const pgTarget = dbTargets().find((d) => d.name === 'postgres');
describe.skipIf(!pgTarget || pgTarget.skip)('sessions across two nodes on one PostgreSQL database', () => {
  let a: { database: Database; t: TestApp };
  let b: { database: Database; t: TestApp };
  const queriesOnA: string[] = [];

  beforeAll(async () => {
    const url = await createPostgresDatabase();
    let firstNode = true;
    const node = async () => {
      const onQuery = firstNode ? (text: string) => queriesOnA.push(text) : () => {};
      firstNode = false;
      const database = await openDatabase({ kind: 'postgres', url }, { onQuery });
      return { database, t: await buildTestApp(database) };
    };
    const first = await node();
    await first.database.migrate();
    a = first;
    b = await node();
  });
  afterAll(async () => {
    for (const n of [a, b]) {
      await n.t.close();
      await n.database.close();
    }
  });

  const meOn = (n: { t: TestApp }, headers: Record<string, string>) => n.t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: headers.cookie ?? '' } });

  it('a sign-out, a password change and a disabled user on one node are refused by the other on its next request', async () => {
    const { headers, session } = await a.t.signInAs(['member']);
    for (let i = 0; i < 3; i++) expect((await meOn(a, headers)).statusCode).toBe(200);
    expect((await meOn(b, headers)).statusCode).toBe(200);
    await b.database.db.execute(sql`update users set disabled_at = now() where id = ${session.user.id}`);
    expect((await meOn(a, headers)).statusCode).toBe(401);
    await b.database.db.execute(sql`update users set disabled_at = null where id = ${session.user.id}`);
    expect((await meOn(a, headers)).statusCode).toBe(200);

    const second = await a.t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: session.user.email, password: TEST_PASSWORD } });
    const other = { cookie: `qiao_session=${second.cookies.find((c) => c.name === 'qiao_session')?.value ?? ''}` };
    expect((await meOn(a, other)).statusCode).toBe(200);
    const changed = await b.t.app.inject({ method: 'POST', url: '/api/auth/password', headers, payload: { currentPassword: TEST_PASSWORD, newPassword: 'another-long-passphrase' } });
    expect(changed.statusCode).toBe(200);
    expect((await meOn(a, other)).statusCode).toBe(401);
    expect((await meOn(a, headers)).statusCode).toBe(200);
    expect((await b.t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers })).statusCode).toBe(204);
    expect((await meOn(a, headers)).statusCode).toBe(401);
  });

  const warmOn = async (n: { t: TestApp }, headers: Record<string, string>) => {
    for (let i = 0; i < 3; i++) expect((await meOn(n, headers)).statusCode).toBe(200);
  };
  const listenerPids = async () => {
    const res = await b.database.db.execute(sql`select pid from pg_stat_activity where application_name = 'qiao read cache' and datname = current_database()`);
    return (res as { rows: { pid: number }[] }).rows.map((r) => r.pid);
  };

  it('keeps a session on a node while nothing is written, in no query', async () => {
    const { headers } = await a.t.signInAs(['member']);
    await readCacheOf(a.database.db).sync();
    await warmOn(a, headers);
    const before = queriesOnA.length;
    await warmOn(a, headers);
    expect(queriesOnA.length - before).toBe(0);
  });

  it('a role removed, a side changed or a session ended by another node is refused by this node on its next request, every time', async () => {
    await readCacheOf(a.database.db).sync();
    for (let round = 0; round < 10; round++) {
      const { headers, session } = await a.t.signInAs(['admin']);
      await warmOn(a, headers);
      expect((await a.t.app.inject({ method: 'GET', url: '/api/users', headers })).statusCode).toBe(200);
      await b.database.db.execute(sql`delete from role_grants where user_id = ${session.user.id} and role = 'admin'`);
      expect((await a.t.app.inject({ method: 'GET', url: '/api/users', headers })).statusCode).toBe(403);
      const side = session.user.side === 'CN' ? 'US' : 'CN';
      await b.database.db.execute(sql`update users set side = ${side} where id = ${session.user.id}`);
      expect((await meOn(a, headers)).json<Session>().user.side).toBe(side);
      await b.database.db.execute(sql`delete from sessions where user_id = ${session.user.id}`);
      expect((await meOn(a, headers)).statusCode).toBe(401);
    }
  });

  it('never serves a stale session while its listening connection is killed, nor after it listens again', async () => {
    const cache = readCacheOf(a.database.db);
    await cache.sync();
    for (let round = 0; round < 3; round++) {
      const { headers, session } = await a.t.signInAs(['member']);
      await warmOn(a, headers);
      const killed = await listenerPids();
      expect(killed.length).toBeGreaterThan(0);
      // Killed and revoked before this node has noticed either.
      await b.database.db.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'qiao read cache' and datname = current_database()`);
      await b.database.db.execute(sql`update users set disabled_at = now() where id = ${session.user.id}`);
      expect((await meOn(a, headers)).statusCode).toBe(401);
      await b.database.db.execute(sql`update users set disabled_at = null where id = ${session.user.id}`);
      expect((await meOn(a, headers)).statusCode).toBe(200);
      // While nothing listens, and once it listens again, each revocation is refused at once.
      await b.database.db.execute(sql`delete from sessions where user_id = ${session.user.id}`);
      expect((await meOn(a, headers)).statusCode).toBe(401);
      await vi.waitFor(async () => expect((await listenerPids()).filter((p) => !killed.includes(p)).length).toBeGreaterThanOrEqual(2), { timeout: 20_000, interval: 100 });
      await cache.sync();
      const again = await a.t.signInAs(['member']);
      await warmOn(a, again.headers);
      await b.database.db.execute(sql`delete from sessions where user_id = ${again.session.user.id}`);
      expect((await meOn(a, again.headers)).statusCode).toBe(401);
    }
  });
});
