import { generateKeyPairSync } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupInput } from '../groups/group.fixtures.ts';
import { users } from '../users/user.schema.ts';
import { applyPeerEvent } from './federation.apply.ts';
import { sealEvent } from './federation.events.ts';
import { federationEvents, federationHead, federationPeerEvents, federationPeerState } from './federation.schema.ts';
import { cnEngine, rejectedOn, req, restartNode, startTwoNodes, stopTwoNodes, pull as pullOn, type TwoNodes } from './federation.testing.ts';

/** A group as each node shows it, without what never leaves a node (e-mail addresses). */
function withoutEmail(g: { members: { email?: string }[] }): unknown {
  return { ...g, members: g.members.map(({ email: _email, ...m }) => m) };
}

// The US node on embedded PGlite, the CN node on PostgreSQL where the run has one (else PGlite too).
describe(`applying the peer's events: US on pglite, CN on ${cnEngine}`, () => {
  let nodes = {} as TwoNodes;
  const ids = { group: '', track: '', round: '', item: '', minutes: '' };

  const pull = (side: 'US' | 'CN') => pullOn(nodes[side]);
  const status = async (side: 'US' | 'CN') => (await nodes[side].t.app.inject({ method: 'GET', url: '/api/federation/status', headers: nodes[side].admin.headers })).json<{ peer: { connected: boolean; lag: number; waiting: string | null; appliedSeq: number } }>();
  const rejected = (side: 'US' | 'CN') => rejectedOn(nodes[side]);

  beforeAll(async () => {
    nodes = await startTwoNodes();
  }, 180_000);
  afterAll(async () => {
    await stopTwoNodes(nodes);
  }, 60_000);

  it('replicates the group, its co-chairs and members, each side admitting its own people on its own node', async () => {
    const { US: us, CN: cn } = nodes;
    ids.group = (await req<{ id: string }>(us, us.admin, 'POST', '/api/working-groups', groupInput)).id;
    await req(us, us.admin, 'POST', `/api/working-groups/${ids.group}/co-chairs`, { userId: us.chair.id });
    const usJoin = await req<{ id: string }>(us, us.member, 'POST', `/api/working-groups/${ids.group}/join-requests`, {});
    await req(us, us.chair, 'POST', `/api/working-groups/${ids.group}/join-requests/${usJoin.id}/decision`, { decision: 'approve' });

    expect(await pull('CN')).toMatchObject({ accepted: 3, rejected: [], applied: 3, refused: [], waiting: null });
    // The CN admin appoints the CN co-chair on the CN node; the CN member is admitted there.
    await req(cn, cn.admin, 'POST', `/api/working-groups/${ids.group}/co-chairs`, { userId: cn.chair.id });
    const cnJoin = await req<{ id: string }>(cn, cn.member, 'POST', `/api/working-groups/${ids.group}/join-requests`, {});
    await req(cn, cn.chair, 'POST', `/api/working-groups/${ids.group}/join-requests/${cnJoin.id}/decision`, { decision: 'approve' });
    expect(await pull('US')).toMatchObject({ accepted: 2, applied: 2, refused: [], waiting: null });
    // With a co-chair on every side here, the US co-chair activates the group on the US node.
    await req(us, us.chair, 'POST', `/api/working-groups/${ids.group}/status`, { status: 'active', version: 1 });
    expect(await pull('CN')).toMatchObject({ accepted: 1, applied: 1 });

    const groups = await Promise.all([us, cn].map((n) => req<{ status: string; members: { email?: string; userId: string }[] }>(n, n.admin, 'GET', `/api/working-groups/${ids.group}`)));
    expect(groups[0]?.status).toBe('active');
    expect(withoutEmail(groups[1]!)).toEqual(withoutEmail(groups[0]!));
    expect(groups[0]?.members).toHaveLength(4);
    // People from the other node are a display name and a side: no e-mail address travels, nobody signs in as them.
    const [cnChairOnUs] = await us.db.db.select().from(users).where(eq(users.id, cn.chair.id));
    const [cnChairAtHome] = await cn.db.db.select().from(users).where(eq(users.id, cn.chair.id));
    expect(cnChairOnUs).toMatchObject({ displayName: cnChairAtHome?.displayName, side: 'CN', email: `${cn.chair.id}@cn.peer.invalid`, passwordHash: '!' });
    expect(JSON.stringify(await us.db.db.select().from(federationPeerEvents))).not.toContain(cnChairAtHome!.email);
  });

  it('replicates the round the US co-chair plans, and the positions each side writes on its own node', async () => {
    const { US: us, CN: cn } = nodes;
    ids.track = (await req<{ id: string }>(us, us.chair, 'POST', `/api/dialogues/groups/${ids.group}/tracks`, { title: { en: 'Data sharing', zh: '数据共享' } })).id;
    ids.round = (
      await req<{ id: string }>(us, us.chair, 'POST', `/api/dialogues/tracks/${ids.track}/rounds`, {
        title: { en: 'Round 1', zh: '第一轮' },
        startsAt: '2026-05-01T09:00:00+08:00',
        place: 'Beijing',
        participantIds: [us.chair.id, cn.chair.id, us.member.id, cn.member.id],
      })
    ).id;
    ids.item = (await req<{ id: string }>(us, us.chair, 'POST', `/api/dialogues/rounds/${ids.round}/items`, { title: { en: 'Climate data exchange', zh: '气候数据交换' } })).id;
    await req(us, us.member, 'PUT', `/api/dialogues/items/${ids.item}/positions/US`, { position: { en: 'Share station metadata.', zh: '共享站点元数据。' } });
    expect(await pull('CN')).toMatchObject({ accepted: 4, applied: 4, refused: [], waiting: null });
    await req(cn, cn.member, 'PUT', `/api/dialogues/items/${ids.item}/positions/CN`, { position: { en: 'Share after review.', zh: '审查后共享。' }, concerns: { en: 'Export rules.', zh: '出口规定。' } });
    expect(await pull('US')).toMatchObject({ accepted: 1, applied: 1 });
    const rounds = await Promise.all([us, cn].map((n) => req(n, n.member, 'GET', `/api/dialogues/rounds/${ids.round}`)));
    expect(rounds[1]).toEqual(rounds[0]);
    expect(rounds[0]).toMatchObject({ agenda: [{ positions: [{ side: 'CN', version: 1 }, { side: 'US', version: 1 }] }] });
  });

  it('keeps writing on the US node while the CN node is down, and both catch up when it is back', async () => {
    const { US: us, CN: cn } = nodes;
    await cn.t.close();
    await req(us, us.member, 'PUT', `/api/dialogues/items/${ids.item}/positions/US`, { position: { en: 'Share station metadata and daily means.', zh: '共享站点元数据和日均值。' }, version: 1 });
    await req(us, us.chair, 'POST', `/api/dialogues/items/${ids.item}/convergence`, { status: 'narrowing', note: 'Close on metadata.' });
    ids.minutes = (await req<{ id: string }>(us, us.member, 'POST', `/api/dialogues/rounds/${ids.round}/minutes`, { body: { en: 'Both sides met.', zh: '双方举行了会谈。' }, decisions: [{ en: 'Exchange station metadata.', zh: '交换站点元数据。' }] })).id;
    await expect(pull('US')).rejects.toThrow();
    expect((await status('US')).peer).toMatchObject({ connected: false });

    // The CN node restarts on its database and port.
    await restartNode(cn);
    expect(await pull('CN')).toMatchObject({ accepted: 3, applied: 3, refused: [], waiting: null });
    expect(await pull('US')).toMatchObject({ accepted: 0, applied: 0 });
    expect((await status('US')).peer).toMatchObject({ connected: true, lag: 0, waiting: null });
    expect((await status('CN')).peer).toMatchObject({ connected: true, lag: 0, waiting: null });
    const rounds = await Promise.all([us, cn].map((n) => req(n, n.member, 'GET', `/api/dialogues/rounds/${ids.round}`)));
    expect(rounds[1]).toEqual(rounds[0]);
    expect(rounds[0]).toMatchObject({ minutesId: ids.minutes, agenda: [{ convergence: 'narrowing', positions: [{ side: 'CN' }, { side: 'US', version: 2 }] }] });
  });

  it('locks the minutes on both nodes when the CN co-chair approves on the CN node, with the same decisions', async () => {
    const { US: us, CN: cn } = nodes;
    await req(us, us.chair, 'POST', `/api/dialogues/minutes/${ids.minutes}/approvals`, { revision: 1 });
    expect(await pull('CN')).toMatchObject({ applied: 1, waiting: null });
    const onCn = await req<{ status: string }>(cn, cn.chair, 'POST', `/api/dialogues/minutes/${ids.minutes}/approvals`, { revision: 1 });
    expect(onCn.status).toBe('locked');
    expect(await pull('US')).toMatchObject({ applied: 1, refused: [], waiting: null });
    const both = await Promise.all([us, cn].map((n) => req<{ status: string; decisionIds: string[]; approvals: unknown[] }>(n, n.chair, 'GET', `/api/dialogues/minutes/${ids.minutes}`)));
    expect(both[1]).toEqual(both[0]);
    expect(both[0]).toMatchObject({ status: 'locked', lockedRevision: 1, approvals: [{ side: 'CN', userId: cn.chair.id }, { side: 'US', userId: us.chair.id }] });
    expect(both[0]?.decisionIds).toHaveLength(1);
    const decisions = await Promise.all([us, cn].map((n) => req(n, n.chair, 'GET', `/api/dialogues/decisions?minutesId=${ids.minutes}`)));
    expect(decisions[1]).toEqual(decisions[0]);

    // Actions, results and milestones follow the decision to the other node.
    const result = await req<{ id: string }>(cn, cn.chair, 'POST', '/api/actions/results', { groupId: ids.group, title: { en: 'Shared catalogue', zh: '共享目录' } });
    const withMilestone = await req<{ milestones: { id: string }[] }>(cn, cn.chair, 'POST', `/api/actions/results/${result.id}/milestones`, { title: { en: 'First exchange', zh: '首次交换' }, dueDate: '2026-09-01' });
    await req(cn, cn.chair, 'POST', '/api/actions', { decisionId: both[0]!.decisionIds[0], title: { en: 'Draft the metadata schema', zh: '起草元数据模式' }, dueDate: '2026-08-01', resultId: result.id, owners: [ { side: 'US', userId: us.member.id }, { side: 'CN', userId: cn.member.id } ] });
    await req(cn, cn.chair, 'PUT', `/api/actions/milestones/${withMilestone.milestones[0]!.id}/done`, { done: true });
    expect(await pull('US')).toMatchObject({ applied: 4, refused: [], waiting: null });
    const actions = await Promise.all([us, cn].map((n) => req(n, n.chair, 'GET', `/api/working-groups/${ids.group}/actions`)));
    expect(actions[1]).toEqual(actions[0]);
    const results = await Promise.all([us, cn].map((n) => req(n, n.chair, 'GET', `/api/working-groups/${ids.group}/results`)));
    expect(results[1]).toEqual(results[0]);
    expect(results[0]).toMatchObject({ items: [{ progress: 50, milestones: [{ doneAt: expect.any(String) as string }] }] });
  });

  it('treats a re-delivered event as a no-op', async () => {
    const { US: us } = nodes;
    const snapshot = async () => JSON.stringify(await us.db.db.execute(sql`select (select json_agg(t order by t.id) from working_groups t) g, (select json_agg(t order by t.item_id, t.side) from agenda_item_positions t) p, (select json_agg(t order by t.minutes_id, t.revision, t.side) from minutes_approvals t) a, (select json_agg(t order by t.id) from decisions t) d, (select json_agg(t order by t.id) from action_items t) ai, (select count(*) from users) u`));
    const before = await snapshot();
    // Each of the CN node's events again, straight into the apply: already so, nothing changes.
    const events = await us.db.db.select().from(federationPeerEvents).orderBy(asc(federationPeerEvents.seq));
    expect(events).toHaveLength(8);
    for (const e of events) {
      const out = await us.db.db.transaction((tx) => applyPeerEvent(tx, { ...e, origin: 'CN' }, new Date()));
      expect([e.seq, out.kind]).toEqual([e.seq, 'noop']);
    }
    // The whole log pulled again from the start: verified again, applied again, nothing changes.
    await us.db.db.update(federationPeerState).set({ lastSeq: 0, lastHash: '0'.repeat(64), appliedSeq: 0 });
    expect(await pull('US')).toMatchObject({ accepted: events.length, rejected: [], refused: [], waiting: null });
    expect(await snapshot()).toBe(before);
  });

  it('settles two amendments of the same revision on the earlier one on both nodes, and shows the refused one to admins', async () => {
    const { US: us, CN: cn } = nodes;
    // Both nodes amend revision 1 before either sees the other's amendment: each writes its own revision 2.
    const current = await req<{ version: number }>(us, us.chair, 'GET', `/api/dialogues/minutes/${ids.minutes}`);
    await req(us, us.chair, 'PUT', `/api/dialogues/minutes/${ids.minutes}`, { body: { en: 'US wording.', zh: '美方措辞。' }, decisions: [], version: current.version });
    await req(cn, cn.chair, 'PUT', `/api/dialogues/minutes/${ids.minutes}`, { body: { en: 'CN wording.', zh: '中方措辞。' }, decisions: [], version: current.version });
    const onUs = await pull('US');
    expect(onUs.refused).toEqual([{ seq: expect.any(Number) as number, reason: expect.stringMatching(/^concurrent revision: revision 2 written on the CN node .* lost to revision 2 written on the US node/) as string }]);
    expect(await rejected('US')).toEqual(expect.arrayContaining([expect.objectContaining({ origin: 'CN', reason: onUs.refused[0]?.reason })]));
    // The US amendment, written first, stands on the CN node too: both show the same minutes.
    expect(await pull('CN')).toMatchObject({ applied: 1, refused: [], waiting: null });
    const both = await Promise.all([us, cn].map((n) => req<{ revision: { body: { en: string } } }>(n, n.chair, 'GET', `/api/dialogues/minutes/${ids.minutes}`)));
    expect(both[1]).toEqual(both[0]);
    expect(both[0]).toMatchObject({ currentRevision: 2, revision: { body: { en: 'US wording.' } } });
    // Refused, not stuck: the link goes on.
    expect((await status('US')).peer).toMatchObject({ lag: 0, waiting: null });
  });

  it('rejects a US-side position sent by the CN node, and an event forged with another key', async () => {
    const { US: us, CN: cn } = nodes;
    // The CN node's log carries a position claiming the US side, correctly signed by the CN node.
    await cn.db.db.transaction((tx) => cn.t.services.federation!.emit(tx, { objectType: 'position', objectId: `${ids.item}:US`, op: 'put', payload: { itemId: ids.item, roundId: ids.round, groupId: ids.group, side: 'US', position: { en: 'Said for the US.', zh: '替美方说的。', enEditedAt: null, zhEditedAt: null }, concerns: null, updatedBy: cn.member.id, updatedAt: new Date().toISOString(), version: 9 } }));
    const onUs = await pull('US');
    expect(onUs.rejected).toEqual([{ seq: expect.any(Number) as number, reason: 'a US-side position can only come from the US node, not the CN node' }]);
    expect(await rejected('US')).toEqual(expect.arrayContaining([expect.objectContaining({ origin: 'CN', reason: 'a US-side position can only come from the US node, not the CN node' })]));
    const round = await req<{ agenda: { positions: { side: string; version: number }[] }[] }>(us, us.member, 'GET', `/api/dialogues/rounds/${ids.round}`);
    expect(round.agenda[0]?.positions.find((p) => p.side === 'US')?.version).toBe(2);

    // Someone with the US node's database appends an event signed with another key.
    const [head] = await us.db.db.select().from(federationHead);
    const forged = sealEvent({ origin: 'US', seq: head!.seq + 1, objectType: 'position', objectId: `${ids.item}:US`, op: 'put', payload: { itemId: ids.item, side: 'US', version: 10 }, prevHash: head!.hash }, generateKeyPairSync('ed25519').privateKey);
    await us.db.db.insert(federationEvents).values({ seq: forged.seq, objectType: forged.objectType, objectId: forged.objectId, op: forged.op, payload: forged.payload, prevHash: forged.prevHash, hash: forged.hash, signature: forged.signature });
    await us.db.db.update(federationHead).set({ seq: forged.seq, hash: forged.hash });
    expect(await pull('CN')).toMatchObject({ accepted: 0, rejected: [{ seq: forged.seq, reason: "signature does not verify with the peer's key" }] });
    expect(await rejected('CN')).toEqual(expect.arrayContaining([expect.objectContaining({ origin: 'US', seq: forged.seq, reason: "signature does not verify with the peer's key" })]));
    const onCn = await req<{ agenda: { positions: { side: string; version: number }[] }[] }>(cn, cn.member, 'GET', `/api/dialogues/rounds/${ids.round}`);
    expect(onCn.agenda[0]?.positions.find((p) => p.side === 'US')?.version).toBe(2);
  });

  it('hands the CN co-chair over on both nodes: the step-down travels before the new co-chair', async () => {
    const { US: us, CN: cn } = nodes;
    await req(cn, cn.admin, 'PUT', `/api/working-groups/${ids.group}/co-chairs/CN`, { userId: cn.member.id });
    expect(await pull('US')).toMatchObject({ applied: 2, refused: [], waiting: null });
    const groups = await Promise.all([us, cn].map((n) => req<{ coChairs: Record<string, string>; members: { email?: string }[] }>(n, n.admin, 'GET', `/api/working-groups/${ids.group}`)));
    expect(groups[0]?.coChairs).toEqual({ US: us.chair.id, CN: cn.member.id });
    expect(withoutEmail(groups[0]!)).toEqual(withoutEmail(groups[1]!));
  });
});

