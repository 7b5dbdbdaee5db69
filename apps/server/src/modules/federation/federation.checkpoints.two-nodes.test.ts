import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { dbTargets } from '../../testing/db.ts';
import { freePort } from '../../testing/net.ts';
import { groupInput } from '../groups/group.fixtures.ts';
import { FederationCheckpoints } from './federation.checkpoints.ts';
import { loadOrCreateNodeKey } from './federation.keys.ts';

type Side = 'US' | 'CN';
interface Person {
  id: string;
  headers: Record<string, string>;
}
interface Node {
  side: Side;
  db: Database;
  t: TestApp;
  cps: FederationCheckpoints;
  admin: Person;
  chair: Person;
}

const [pglite, postgres] = dbTargets();
const cnTarget = postgres && !postgres.skip ? postgres : pglite;

// Minutes approved by each side on its own node, replicated by the nodes' own pulls over HTTP: both
// nodes write the same group record, take and co-sign the same checkpoint, and each proves its copy.
describe(`the record co-signed across two nodes: US on pglite, CN on ${cnTarget?.name ?? 'pglite'}`, () => {
  const nodes = {} as Record<Side, Node>;
  let groupId = '';
  const pull = (side: Side) => nodes[side].t.services.federation!.pullOnce();
  async function req<T = unknown>(n: Node, who: Person, method: 'GET' | 'POST', url: string, payload?: object): Promise<T> {
    const res = await n.t.app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
    if (res.statusCode >= 300) throw new Error(`${method} ${url} on the ${n.side} node: ${res.statusCode} ${res.body}`);
    return res.json<T>();
  }

  beforeAll(async () => {
    const dirs = { US: mkdtempSync(path.join(tmpdir(), 'qiao-cs-us-')), CN: mkdtempSync(path.join(tmpdir(), 'qiao-cs-cn-')) };
    const keys = { US: loadOrCreateNodeKey(path.join(dirs.US, 'node-key.pem')), CN: loadOrCreateNodeKey(path.join(dirs.CN, 'node-key.pem')) };
    const ports = { US: await freePort(), CN: await freePort() };
    for (const [side, target] of [['US', pglite], ['CN', cnTarget]] as const) {
      const peer = side === 'US' ? 'CN' : 'US';
      const db = await target!.open();
      const t = await buildTestApp(db, { QIAO_DATA_DIR: dirs[side], QIAO_NODE_SIDE: side, QIAO_PEER_URL: `http://127.0.0.1:${ports[peer]}`, QIAO_PEER_PUBLIC_KEY: keys[peer].publicKeyBase64, QIAO_FEDERATION_PULL_MS: '0' });
      await t.app.listen({ port: ports[side], host: '127.0.0.1' });
      const person = async (roles: Parameters<TestApp['signInAs']>[0]): Promise<Person> => {
        const { session, headers } = await t.signInAs(roles, side);
        return { id: session.user.id, headers };
      };
      nodes[side] = { side, db, t, cps: new FederationCheckpoints(db.db, t.services.federation!), admin: await person(['admin']), chair: await person(['co_chair']) };
    }
  }, 300_000);
  afterAll(async () => {
    for (const n of Object.values(nodes)) {
      await n.t.close();
      await n.db.close();
    }
  }, 120_000);

  it('locks the minutes on both nodes, and both nodes sign the same checkpoint of the group’s record', { timeout: 300_000 }, async () => {
    const { US: us, CN: cn } = nodes;
    groupId = (await req<{ id: string }>(us, us.admin, 'POST', '/api/working-groups', groupInput)).id;
    await req(us, us.admin, 'POST', `/api/working-groups/${groupId}/co-chairs`, { userId: us.chair.id });
    expect(await pull('CN')).toMatchObject({ rejected: [], refused: [], waiting: null });
    await req(cn, cn.admin, 'POST', `/api/working-groups/${groupId}/co-chairs`, { userId: cn.chair.id });
    expect(await pull('US')).toMatchObject({ rejected: [], refused: [], waiting: null });
    const track = await req<{ id: string }>(us, us.chair, 'POST', `/api/dialogues/groups/${groupId}/tracks`, { title: { en: 'Seismic data', zh: '地震数据' } });
    const round = await req<{ id: string }>(us, us.chair, 'POST', `/api/dialogues/tracks/${track.id}/rounds`, { title: { en: 'Round 1', zh: '第一轮' }, startsAt: '2026-05-01T09:00:00+08:00', place: 'Beijing', participantIds: [us.chair.id, cn.chair.id] });
    const minutes = await req<{ id: string }>(us, us.chair, 'POST', `/api/dialogues/rounds/${round.id}/minutes`, { body: { en: 'Both sides met.', zh: '双方举行了会谈。' }, decisions: [{ en: 'Exchange station catalogues.', zh: '交换台站目录。' }] });
    await req(us, us.chair, 'POST', `/api/dialogues/minutes/${minutes.id}/approvals`, { revision: 1 });
    expect(await pull('CN')).toMatchObject({ rejected: [], refused: [], waiting: null });
    expect((await req<{ status: string }>(cn, cn.chair, 'POST', `/api/dialogues/minutes/${minutes.id}/approvals`, { revision: 1 })).status).toBe('locked');
    expect(await pull('US')).toMatchObject({ rejected: [], refused: [], waiting: null });

    // Each node exchanges with the other over HTTP, with signed requests.
    expect(await us.cps.sync()).toMatchObject({ taken: 1, refused: [] });
    expect(await cn.cps.sync()).toMatchObject({ taken: 0, cosigned: 1, refused: [] });
    expect(await us.cps.sync()).toMatchObject({ taken: 0, completed: 1, refused: [] });
    const final = async (n: Node) => (await n.cps.list()).filter((c) => c.statement.includes(groupId) && c.signatures.US && c.signatures.CN);
    const [onUs, onCn] = [await final(us), await final(cn)];
    expect(onUs).toHaveLength(1);
    expect(onCn).toEqual(onUs);
    expect(JSON.parse(onUs[0]?.statement ?? '{}')).toMatchObject({ format: 'qiao-federated-checkpoint/v1', origin: 'US', groupId, length: 2 });
    for (const n of [us, cn]) expect(await n.cps.verifyFederated({ askPeer: true })).toMatchObject({ ok: true, checked: 1, peerAsked: true, failures: [] });
  });

  it('finds the record row a CN database administrator edits, while the US node still verifies', async () => {
    const { US: us, CN: cn } = nodes;
    await cn.db.db.execute(sql`update record_entries set content = jsonb_set(content, '{text,en}', '"Exchange nothing."') where group_id = ${groupId} and kind = 'decision'`);
    const report = await cn.cps.verifyFederated();
    expect(report.ok).toBe(false);
    expect(report.failures).toEqual([expect.stringMatching(/content_hash_mismatch/), expect.stringMatching(new RegExp(`^checkpoint of group ${groupId} at length 2 .*: the group's record was edited or rewritten$`))]);
    expect((await us.cps.verifyFederated({ askPeer: true })).ok).toBe(true);
  });
});
