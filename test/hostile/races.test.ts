// Uniqueness races: the same write sent several times at once, split across two app nodes on one
// PostgreSQL database (one node on PGlite). Each answers 2xx, 400 or 409, never 500, and exactly one
// row results.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGroup, type Cast } from '../../apps/server/src/modules/groups/group.fixtures.ts';
import { dbTargets } from '../../apps/server/src/testing/db.ts';
import type { HttpClient, RawReply } from './client.ts';
import { as, asTestApp, liveCast } from './cast.ts';
import { startNodes, userClient, type Live } from './live.ts';
import { HttpClient as Client } from './client.ts';

const TIMES = 5;

/** Answers of a race: only success, refusal or conflict, each refusal in the envelope, exactly one success. */
function expectOneWinner(answers: RawReply[], what: string): void {
  const statuses = answers.map((a) => a.status);
  for (const a of answers) {
    expect([200, 201, 400, 409], `${what}: ${a.status} ${a.text.slice(0, 200)}`).toContain(a.status);
    if (a.status >= 400) expect(a.envelope(), `${what}: ${a.text.slice(0, 200)}`).not.toBeNull();
  }
  expect(statuses.filter((s) => s < 300), `${what}: ${statuses.join(',')}`).toHaveLength(1);
}

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`uniqueness races on ${target.name}`, () => {
    let nodes: [Live, Live];
    let pair: Awaited<ReturnType<typeof startNodes>>;
    let admin: HttpClient;
    let c: Cast;
    /** The same client's session on both nodes, alternating. */
    const onNodes = (client: HttpClient) => [client, new Client(nodes[1].url, client.defaults)];
    const race = (clients: HttpClient[], send: (client: HttpClient) => Promise<RawReply>) => Promise.all(Array.from({ length: TIMES }, (_, i) => send(clients[i % clients.length]!)));

    beforeAll(async () => {
      pair = await startNodes(target);
      nodes = pair.nodes;
      admin = await userClient(nodes[0], ['admin']);
      c = await liveCast(nodes[0]);
    });
    afterAll(async () => {
      await pair.close();
    });

    it(`creates one user when the same email is created ${TIMES} times at once`, async () => {
      const email = `race-${Date.now()}@test.example`;
      const answers = await race(onNodes(admin), (cl) => cl.request('POST', '/api/users', { json: { email, displayName: 'Race', side: 'US', roles: [] } }));
      expectOneWinner(answers, 'duplicate user');
      for (const a of answers.filter((x) => x.status >= 400)) expect(a.envelope()?.error.id).toBe('conflict');
      const users = (await admin.request('GET', '/api/users')).json<{ items: { email: string }[] }>().items;
      expect(users.filter((u) => u.email === email)).toHaveLength(1);
    });

    it('accepts one invitation once when it is accepted twice at once', async () => {
      const email = `invite-race-${Date.now()}@test.example`;
      const token = (await admin.request('POST', '/api/invitations', { json: { email, side: 'CN', roles: [] } })).json<{ token: string }>().token;
      const anon = [nodes[0].anon, nodes[1].anon];
      const answers = await race(anon, (cl) => cl.request('POST', '/api/invitations/accept', { json: { token, displayName: 'Racer', password: 'a-long-unusual-passphrase-41' } }));
      expectOneWinner(answers, 'invitation accepted twice');
      const users = (await admin.request('GET', '/api/users')).json<{ items: { email: string }[] }>().items;
      expect(users.filter((u) => u.email === email)).toHaveLength(1);
    });

    it('records one join request when the same member asks several times at once', async () => {
      const groupId = await buildGroup(asTestApp(nodes[0]), c);
      const asker = as(nodes[0], c.outsider);
      const answers = await race(onNodes(asker), (cl) => cl.request('POST', `/api/working-groups/${groupId}/join-requests`, { json: { message: 'Please add me.' } }));
      expectOneWinner(answers, 'duplicate join request');
      const requests = (await as(nodes[0], c.usChair).request('GET', `/api/working-groups/${groupId}/join-requests`)).json<{ items: { userId: string }[] }>().items;
      expect(requests.filter((r) => r.userId === c.outsider.id)).toHaveLength(1);
    });

    it('records one access request when the same user asks twice at once', async () => {
      const steward = await userClient(nodes[0], ['data_steward'], 'CN');
      const ds = await steward.request('POST', '/api/datasets', {
        json: {
          title: { en: 'Seismic catalogue', zh: '地震目录' },
          description: { en: 'Located events.', zh: '已定位地震事件。' },
          creators: [{ name: 'Zhang Haoran', affiliation: 'Institute of Geophysics', side: 'CN' }],
          subjects: ['seismology'],
          licence: 'CC-BY-4.0',
          accessLevel: 'on_request',
          side: 'CN',
          dataDeclaration: { kinds: ['seismic'] },
        },
      });
      expect(ds.status, ds.text).toBe(201);
      const id = ds.json<{ id: string }>().id;
      const requester = await userClient(nodes[0], ['member'], 'CN');
      const answers = await race(onNodes(requester), (cl) => cl.request('POST', `/api/datasets/${id}/access-requests`, { json: { purpose: 'Calibrating our regional forecast model.' } }));
      expectOneWinner(answers, 'double access request');
      const requests = (await steward.request('GET', `/api/datasets/${id}/access-requests`)).json<{ items: { requester: { id: string } }[] }>().items;
      expect(requests.filter((r) => r.requester.id === requester.session.user.id)).toHaveLength(1);
    });
  });
}
