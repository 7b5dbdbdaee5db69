import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/client.ts';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { createPostgresDatabase, dbTargets } from '../../testing/db.ts';
import { buildGroup, buildRound, call, signInCast, type Cast, type Signed } from '../groups/group.fixtures.ts';

interface Stream {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Everything received so far, raw. */
  text: () => string;
  /** Resolves when the received text matches, or rejects after `ms`. */
  waitFor: (pattern: RegExp, ms?: number) => Promise<void>;
  close: () => void;
}

/** Opens `/api/live` on a real port as a browser's EventSource would, with the given session. */
function openStream(baseUrl: string, who: Signed | null, query = '', accept = 'text/event-stream'): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${baseUrl}/api/live${query}`, { headers: { accept, ...(who ? { cookie: who.headers.cookie } : {}) } }, (res) => {
      let text = '';
      const waiters: (() => void)[] = [];
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        for (const w of waiters.splice(0)) w();
      });
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        text: () => text,
        waitFor: async (pattern, ms = 5000) => {
          const deadline = Date.now() + ms;
          while (!pattern.test(text)) {
            const left = deadline - Date.now();
            if (left <= 0) throw new Error(`no ${String(pattern)} in the stream; got:\n${text}`);
            await new Promise<void>((done) => {
              const timer = setTimeout(done, left);
              waiters.push(() => {
                clearTimeout(timer);
                done();
              });
            });
          }
        },
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
  });
}

async function listen(t: TestApp): Promise<string> {
  return t.app.listen({ port: 0, host: '127.0.0.1' });
}

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`live updates over server-sent events on ${target.name}`, () => {
    let database: Database;
    let t: TestApp;
    let c: Cast;
    let baseUrl: string;
    let groupId: string;
    let roundId: string;
    let itemId: string;

    beforeAll(async () => {
      database = await target.open();
      t = await buildTestApp(database, { QIAO_LIVE_HEARTBEAT_MS: '1000' });
      baseUrl = await listen(t);
      c = await signInCast(t);
      groupId = await buildGroup(t, c, { activate: true });
      ({ roundId, itemId } = await buildRound(t, c, groupId));
    });
    afterAll(async () => {
      await t.close();
      await database.close();
    });

    it('streams the reader’s own notices and the changes of the objects asked for, with the security headers and heartbeats', async () => {
      const stream = await openStream(baseUrl, c.cnChair, `?objects=round:${roundId}`);
      expect(stream.status).toBe(200);
      expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8');
      expect(stream.headers['content-security-policy']).toContain("default-src 'self'");
      expect(stream.headers['x-content-type-options']).toBe('nosniff');
      expect(stream.headers['cache-control']).toBe('no-store');
      await stream.waitFor(/: connected/);
      // A position saved by the other side's member: the round's channel hears it.
      expect((await call(t, c.usMember, 'PUT', `/api/dialogues/items/${itemId}/positions/US`, { position: { en: 'We propose a shared archive.' } })).status).toBe(200);
      await stream.waitFor(new RegExp(`event: object\\ndata: \\{"channel":"round:${roundId}","type":"position"\\}`));
      // A join request for the CN co-chair: the user channel hears it.
      const newcomer = await t.signInAs(['member'], 'CN');
      expect((await t.app.inject({ method: 'POST', url: `/api/working-groups/${groupId}/join-requests`, headers: newcomer.headers, payload: {} })).statusCode).toBe(201);
      await stream.waitFor(new RegExp(`event: user\\ndata: \\{"channel":"user:${c.cnChair.id}","type":"notice"\\}`));
      await stream.waitFor(/: ping/, 2500);
      stream.close();
    });

    it('sends nothing of other people’s notices, and nothing of a write that was rolled back', async () => {
      const stream = await openStream(baseUrl, c.usChair);
      await stream.waitFor(/: connected/);
      const newcomer = await t.signInAs(['member'], 'CN');
      await t.app.inject({ method: 'POST', url: `/api/working-groups/${groupId}/join-requests`, headers: newcomer.headers, payload: {} });
      // A refused write (the US member may not write the CN position) publishes nothing.
      expect((await call(t, c.usMember, 'PUT', `/api/dialogues/items/${itemId}/positions/CN`, { position: { en: 'Not ours' } })).status).toBe(403);
      await stream.waitFor(/: ping/, 2500);
      expect(stream.text()).not.toContain('event: user');
      expect(stream.text()).not.toContain('event: object');
      stream.close();
    });

    it('refuses a caller without a session and a malformed channel list, in the error envelope', async () => {
      const anonymous = await openStream(baseUrl, null);
      expect(anonymous.status).toBe(401);
      await anonymous.waitFor(/"unauthenticated"/);
      const bad = await openStream(baseUrl, c.cnChair, '?objects=user:someone-else');
      expect(bad.status).toBe(400);
      await bad.waitFor(/"validation_failed"/);
      // A client that does not ask for a stream (not an EventSource) is answered at once, not held open.
      const json = await openStream(baseUrl, c.cnChair, '', 'application/json');
      expect(json.status).toBe(400);
      await json.waitFor(/"validation_failed".*text\/event-stream/);
    });

    it('ends open streams when the server closes', async () => {
      const other = await buildTestApp(database);
      const url = await listen(other);
      const { headers } = await other.signInAs(['member'], 'US');
      const stream = await openStream(url, { id: '', user: {} as Signed['user'], headers });
      await stream.waitFor(/: connected/);
      await other.close();
      expect(stream.text()).toContain(': connected');
    });

    it.skipIf(target.name !== 'postgres')('carries events between two app nodes on one PostgreSQL database', async () => {
      const url = await createPostgresDatabase();
      const dbA = await openDatabase({ kind: 'postgres', url });
      await dbA.migrate();
      const dbB = await openDatabase({ kind: 'postgres', url });
      const nodeA = await buildTestApp(dbA);
      const nodeB = await buildTestApp(dbB);
      try {
        const baseB = await listen(nodeB);
        const cast = await signInCast(nodeA);
        const group = await buildGroup(nodeA, cast, { activate: true });
        const round = await buildRound(nodeA, cast, group);
        // The CN co-chair's session works on node B too: sessions live in the database.
        const stream = await openStream(baseB, cast.cnChair, `?objects=round:${round.roundId}`);
        await stream.waitFor(/: connected/);
        expect((await call(nodeA, cast.cnMember, 'PUT', `/api/dialogues/items/${round.itemId}/positions/CN`, { position: { en: 'Written on node A' } })).status).toBe(200);
        await stream.waitFor(new RegExp(`"channel":"round:${round.roundId}","type":"position"`));
        stream.close();
      } finally {
        await nodeA.close();
        await nodeB.close();
        await dbA.close();
        await dbB.close();
      }
    });
  });
}
