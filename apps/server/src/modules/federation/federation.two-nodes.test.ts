import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, groupInput } from '../groups/group.fixtures.ts';
import { workingGroups } from '../groups/group.schema.ts';
import { cnEngine, startTwoNodes, stopTwoNodes, type TwoNodes } from './federation.testing.ts';

// The US node on embedded PGlite, the CN node on PostgreSQL where the run has one (else PGlite too),
// each on its own port; each pulls the other's log over HTTP with signed requests.
describe(`two nodes: US on pglite, CN on ${cnEngine}`, () => {
  let nodes = {} as TwoNodes;
  const us = () => nodes.US;
  const cn = () => nodes.CN;

  beforeAll(async () => {
    nodes = await startTwoNodes({ pullMs: { US: '300' }, people: false });
  }, 180_000);
  afterAll(async () => {
    await stopTwoNodes(nodes);
  });

  it('the US node pulls on its own, applies what the CN node writes and refuses what the CN node may not say', async () => {
    const cnAdmin = await cn().t.signInAs(['admin'], 'CN');
    const usAdmin = await us().t.signInAs(['admin'], 'US');
    const group = await call<{ id: string }>(cn().t, { id: '', user: cnAdmin.session.user, headers: cnAdmin.headers }, 'POST', '/api/working-groups', groupInput);
    expect([200, 201]).toContain(group.status);
    // The US node pulls every 300 ms: the group arrives without being asked for.
    await expect.poll(async () => (await us().t.app.inject({ method: 'GET', url: `/api/working-groups/${group.body.id}`, headers: usAdmin.headers })).statusCode, { timeout: 15_000, interval: 200 }).toBe(200);
    expect(await us().t.services.federation!.pullOnce()).toMatchObject({ accepted: 0, applied: 0, waiting: null });

    // A US person who has an account on the CN node is made the US co-chair there: only the US node speaks for US people.
    const usOnCn = await cn().t.signInAs(['co_chair'], 'US');
    expect((await call(cn().t, { id: '', user: cnAdmin.session.user, headers: cnAdmin.headers }, 'POST', `/api/working-groups/${group.body.id}/co-chairs`, { userId: usOnCn.session.user.id })).status).toBe(200);
    const reason = 'a US-side member can only be admitted or removed by the US node, not the CN node';
    await expect
      .poll(async () => (await us().t.app.inject({ method: 'GET', url: '/api/federation/rejected', headers: usAdmin.headers })).json<{ items: { origin: string; reason: string }[] }>().items, { timeout: 15_000, interval: 200 })
      .toEqual([expect.objectContaining({ origin: 'CN', seq: 2, reason })]);
    const detail = (await us().t.app.inject({ method: 'GET', url: `/api/working-groups/${group.body.id}`, headers: usAdmin.headers })).json<{ members: unknown[]; coChairs: Record<string, string> }>();
    expect(detail).toMatchObject({ members: [], coChairs: {} });
    // Refused, not stuck: the link goes on.
    const status = (await us().t.app.inject({ method: 'GET', url: '/api/federation/status', headers: usAdmin.headers })).json<unknown>();
    expect(status).toMatchObject({ side: 'US', peer: { side: 'CN', url: cn().url, connected: true, lastSyncAt: expect.any(String) as string, lag: 0, appliedSeq: 2, waiting: null } });
  });

  it('lets an event whose group is not here wait, goes on with the others, and applies it once its group arrives', async () => {
    const cnAdmin = await cn().t.signInAs(['admin'], 'CN');
    const usAdmin = await us().t.signInAs(['admin'], 'US');
    const asCn = { id: '', user: cnAdmin.session.user, headers: cnAdmin.headers };
    const text = (en: string, zh: string) => ({ en, zh, enEditedAt: '2026-01-05T00:00:00.000Z', zhEditedAt: '2026-01-05T00:00:00.000Z' });
    // A group the CN node had before it joined the federation: it was never sent.
    const [old] = await cn().db.db.insert(workingGroups).values({ name: text('Earlier group', '早先的工作组'), charter: text('Kept from before.', '此前保留。'), technologyArea: 'ai_for_science', sides: ['US', 'CN'] }).returning();
    expect((await call(cn().t, asCn, 'POST', `/api/dialogues/groups/${old!.id}/tracks`, { title: { en: 'Older track', zh: '较早的议题' } })).status).toBe(201);
    const later = await call<{ id: string }>(cn().t, asCn, 'POST', '/api/working-groups', groupInput);
    const status = async () => (await us().t.app.inject({ method: 'GET', url: '/api/federation/status', headers: usAdmin.headers })).json<{ peer: { waiting: string | null; lag: number } }>().peer;
    // The track waits for its group; the group written after it is applied all the same.
    await expect.poll(async () => (await us().t.app.inject({ method: 'GET', url: `/api/working-groups/${later.body.id}`, headers: usAdmin.headers })).statusCode, { timeout: 15_000, interval: 200 }).toBe(200);
    expect(await status()).toMatchObject({ waiting: expect.stringContaining(`working group ${old!.id} is not on this node yet`) as string, lag: expect.any(Number) as number });
    expect((await status()).lag).toBeGreaterThan(0);
    // The CN admin edits the earlier group: now it is sent, and the track that waited for it follows.
    expect((await call(cn().t, asCn, 'PATCH', `/api/working-groups/${old!.id}`, { charter: { en: 'Kept from before, now shared.', zh: '此前保留，现已共享。' }, version: 1 })).status).toBe(200);
    await expect.poll(async () => (await us().t.app.inject({ method: 'GET', url: `/api/dialogues/groups/${old!.id}/tracks`, headers: usAdmin.headers })).json<{ items: unknown[] }>().items, { timeout: 15_000, interval: 200 }).toMatchObject([{ title: { en: 'Older track' } }]);
    expect(await status()).toMatchObject({ waiting: null, lag: 0 });
  });
});
