import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupInput } from '../groups/group.fixtures.ts';
import { FederationCheckpoints } from './federation.checkpoints.ts';
import { cnEngine, req, startTwoNodes, stopTwoNodes, type Side, type TestNode, type TwoNodes } from './federation.testing.ts';

type Node = TestNode & { cps: FederationCheckpoints };

// Minutes approved by each side on its own node, replicated by the nodes' own pulls over HTTP: both
// nodes write the same group record, take and co-sign the same checkpoint, and each proves its copy.
describe(`the record co-signed across two nodes: US on pglite, CN on ${cnEngine}`, () => {
  const nodes = {} as Record<Side, Node>;
  let started = {} as TwoNodes;
  let groupId = '';
  const pull = (side: Side) => nodes[side].t.services.federation!.pullOnce();

  beforeAll(async () => {
    started = await startTwoNodes({ dirPrefix: 'qiao-cs-' });
    for (const n of Object.values(started)) nodes[n.side] = Object.assign(n, { cps: new FederationCheckpoints(n.db.db, n.t.services.federation!) });
  }, 300_000);
  afterAll(async () => {
    await stopTwoNodes(started);
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
