import { and, asc, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionItems, actionOwners, milestones } from '../actions/action.schema.ts';
import { dialogueRounds, roundParticipants } from '../dialogues/dialogue.schema.ts';
import { workingGroups } from '../groups/group.schema.ts';
import { groupInput } from '../groups/group.fixtures.ts';
import { applyPeerEvent } from './federation.apply.ts';
import { listConcurrentEdits, payloadHash, standsFirst, type ConcurrentEdit, type VersionedObjectType } from './federation.concurrent-edits.ts';
import { canonicalJson } from './federation.events.ts';
import { stateOf } from './federation.replicate.ts';
import { federationEvents, federationPeerEvents } from './federation.schema.ts';
import { cnEngine, pull, rejectedOn, req, startTwoNodes, stopTwoNodes, type Side, type TestNode, type TwoNodes } from './federation.testing.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const other = (s: Side): Side => (s === 'US' ? 'CN' : 'US');

describe('the order of two changes of the same version', () => {
  it('puts the earlier updatedAt first, then the lower hash, whichever side made it', () => {
    const a = { origin: 'US', updatedAt: '2026-05-01T09:00:00.000Z', hash: 'b' };
    expect(standsFirst(a, { origin: 'CN', updatedAt: '2026-05-01T09:00:00.001Z', hash: 'a' })).toBe(true);
    expect(standsFirst(a, { origin: 'CN', updatedAt: '2026-05-01T09:00:00.000Z', hash: 'c' })).toBe(true);
    expect(standsFirst(a, { origin: 'CN', updatedAt: '2026-05-01T09:00:00.000Z', hash: 'a' })).toBe(false);
    // Without updatedAt (rounds, milestones) the hash decides, not the side: each side wins as often.
    expect(standsFirst({ ...a, updatedAt: null }, { origin: 'CN', updatedAt: null, hash: 'c' })).toBe(true);
    expect(standsFirst({ ...a, origin: 'CN', updatedAt: null }, { origin: 'US', updatedAt: null, hash: 'c' })).toBe(true);
    expect(standsFirst({ ...a, updatedAt: null }, { origin: 'CN', updatedAt: null, hash: 'a' })).toBe(false);
  });
});

// The US node on PGlite, the CN node on PostgreSQL where the run has one (else PGlite too).
describe(`concurrent edits of versioned objects across two nodes: US on pglite, CN on ${cnEngine}`, () => {
  let nodes = {} as TwoNodes;
  const ids = { group: '', round: '', minutes: '', action: '', result: '', milestone: '' };

  /** The object's rows on a node, as stored (its own table and the rows that belong to it). */
  async function rowsOf(n: TestNode, type: VersionedObjectType): Promise<unknown> {
    const db = n.db.db;
    switch (type) {
      case 'group':
        return db.select().from(workingGroups).where(eq(workingGroups.id, ids.group));
      case 'round':
        return [await db.select().from(dialogueRounds).where(eq(dialogueRounds.id, ids.round)), await db.select().from(roundParticipants).where(eq(roundParticipants.roundId, ids.round)).orderBy(asc(roundParticipants.userId))];
      case 'action':
        return [await db.select().from(actionItems).where(eq(actionItems.id, ids.action)), await db.select().from(actionOwners).where(eq(actionOwners.actionId, ids.action)).orderBy(asc(actionOwners.side))];
      case 'milestone':
        return db.select().from(milestones).where(eq(milestones.id, ids.milestone));
    }
  }
  const idOf = (type: VersionedObjectType) => ({ group: ids.group, round: ids.round, action: ids.action, milestone: ids.milestone })[type];
  const versionOn = async (n: TestNode, type: VersionedObjectType) => Number((await stateOf(n.db.db, type, idOf(type)))?.version);
  const keptOn = async (n: TestNode) => (await listConcurrentEdits(n.db.db)).map(({ recordedAt: _recordedAt, ...c }) => c);

  /** One change of the object on a node, made on `version`, each call with other content. */
  let serial = 0;
  async function edit(n: TestNode, type: VersionedObjectType, version: number, done = true): Promise<void> {
    const tag = `${n.side} ${++serial}`;
    if (type === 'group') await req(n, n.admin, 'PATCH', `/api/working-groups/${ids.group}`, { charter: { en: `Charter (${tag}).`, zh: `章程（${tag}）。` }, version });
    if (type === 'round') await req(n, n.chair, 'PATCH', `/api/dialogues/rounds/${ids.round}`, { place: `Room ${tag}`, version });
    if (type === 'action') await req(n, n.chair, 'PATCH', `/api/actions/${ids.action}`, { title: { en: `Draft the schema (${tag})`, zh: `起草模式（${tag}）` }, version });
    if (type === 'milestone') await req(n, n.chair, 'PUT', `/api/actions/milestones/${ids.milestone}/done`, { done, version });
  }

  /** This node's own latest outbound event of the object, as the peer received it. */
  async function lastOwnEvent(n: TestNode, type: VersionedObjectType) {
    const [row] = await n.db.db
      .select()
      .from(federationEvents)
      .where(and(eq(federationEvents.objectType, type), eq(federationEvents.objectId, idOf(type))))
      .orderBy(desc(federationEvents.seq))
      .limit(1);
    return row!;
  }
  async function peerEventOf(n: TestNode, hash: string) {
    const rows = await n.db.db.select().from(federationPeerEvents).where(eq(federationPeerEvents.hash, hash));
    return rows[0]!;
  }
  const applyAgain = (n: TestNode, e: { seq: number; objectType: string; objectId: string; op: string; payload: string }) => n.db.db.transaction((tx) => applyPeerEvent(tx, { origin: other(n.side), seq: e.seq, objectType: e.objectType, objectId: e.objectId, op: e.op, payload: e.payload }, new Date()));

  beforeAll(async () => {
    nodes = await startTwoNodes({ dirPrefix: 'qiao-ce-' });
    const { US: us, CN: cn } = nodes;
    ids.group = (await req<{ id: string }>(us, us.admin, 'POST', '/api/working-groups', groupInput)).id;
    await req(us, us.admin, 'POST', `/api/working-groups/${ids.group}/co-chairs`, { userId: us.chair.id });
    expect(await pull(cn)).toMatchObject({ rejected: [], refused: [], waiting: null });
    await req(cn, cn.admin, 'POST', `/api/working-groups/${ids.group}/co-chairs`, { userId: cn.chair.id });
    expect(await pull(us)).toMatchObject({ rejected: [], refused: [], waiting: null });
    const track = await req<{ id: string }>(us, us.chair, 'POST', `/api/dialogues/groups/${ids.group}/tracks`, { title: { en: 'Ocean data', zh: '海洋数据' } });
    ids.round = (await req<{ id: string }>(us, us.chair, 'POST', `/api/dialogues/tracks/${track.id}/rounds`, { title: { en: 'Round 1', zh: '第一轮' }, startsAt: '2026-05-01T09:00:00+08:00', place: 'Qingdao', participantIds: [us.chair.id, cn.chair.id] })).id;
    ids.minutes = (await req<{ id: string }>(us, us.chair, 'POST', `/api/dialogues/rounds/${ids.round}/minutes`, { body: { en: 'Both sides met.', zh: '双方举行了会谈。' }, decisions: [{ en: 'Exchange buoy data.', zh: '交换浮标数据。' }] })).id;
    await req(us, us.chair, 'POST', `/api/dialogues/minutes/${ids.minutes}/approvals`, { revision: 1 });
    expect(await pull(cn)).toMatchObject({ rejected: [], refused: [], waiting: null });
    const locked = await req<{ status: string; decisionIds: string[] }>(cn, cn.chair, 'POST', `/api/dialogues/minutes/${ids.minutes}/approvals`, { revision: 1 });
    expect(locked.status).toBe('locked');
    ids.result = (await req<{ id: string }>(cn, cn.chair, 'POST', '/api/actions/results', { groupId: ids.group, title: { en: 'Shared buoy catalogue', zh: '共享浮标目录' } })).id;
    ids.milestone = (await req<{ milestones: { id: string }[] }>(cn, cn.chair, 'POST', `/api/actions/results/${ids.result}/milestones`, { title: { en: 'First exchange', zh: '首次交换' }, dueDate: '2026-09-01' })).milestones[0]!.id;
    ids.action = (await req<{ id: string }>(cn, cn.chair, 'POST', '/api/actions', { decisionId: locked.decisionIds[0], title: { en: 'Draft the schema', zh: '起草模式' }, dueDate: '2026-08-01', resultId: ids.result, owners: [ { side: 'US', userId: us.chair.id }, { side: 'CN', userId: cn.chair.id } ] })).id;
    expect(await pull(us)).toMatchObject({ rejected: [], refused: [], waiting: null });
    expect(await pull(cn)).toMatchObject({ rejected: [], refused: [], waiting: null });
  }, 300_000);
  afterAll(async () => {
    await stopTwoNodes(nodes);
  }, 120_000);

  // Groups and action items carry updatedAt: the earlier change stands (here the first one made).
  // Rounds and milestones carry none: the change with the lower payload hash stands, whichever side made it.
  const cases: { type: VersionedObjectType; what: string; first: Side; winner: Side | 'lower hash' }[] = [
    { type: 'group', what: 'working group', first: 'US', winner: 'US' },
    { type: 'action', what: 'action item', first: 'CN', winner: 'CN' },
    { type: 'round', what: 'dialogue round', first: 'US', winner: 'lower hash' },
    { type: 'milestone', what: 'milestone', first: 'CN', winner: 'lower hash' },
  ];

  for (const { type, what, first, winner: expected } of cases) {
    it(`settles ${/^[aeiou]/.test(what) ? 'an' : 'a'} ${what} changed on both nodes from the same version on the same change on both, and keeps the other`, async () => {
      const v = await versionOn(nodes.US, type);
      expect(await versionOn(nodes.CN, type)).toBe(v);
      // Both nodes keep the same losing changes, so either counts them.
      const keptBefore = (await keptOn(nodes.US)).length;

      // Both change version v before either pulls.
      await edit(nodes[first], type, v);
      await sleep(5);
      await edit(nodes[other(first)], type, v);
      const own = { US: await lastOwnEvent(nodes.US, type), CN: await lastOwnEvent(nodes.CN, type) };
      const byHash: Side = payloadHash(own.US.payload) < payloadHash(own.CN.payload) ? 'US' : 'CN';
      const winner: Side = expected === 'lower hash' ? byHash : expected;
      const w = nodes[winner];
      const l = nodes[other(winner)];
      const won = own[winner];
      const lost = own[other(winner)];

      // The winner's node refuses the other change, naming the concurrent edit; the loser's node applies the winner's over its own.
      const onWinner = await pull(w);
      const reason = `concurrent edit: version ${v + 1} of the ${what} changed on the ${l.side} node (${payloadHash(lost.payload).slice(0, 12)}) lost to version ${v + 1} changed on the ${w.side} node at the same time (${payloadHash(won.payload).slice(0, 12)}); the earlier change stands on both nodes, the other is kept as a concurrent edit`;
      expect(onWinner).toMatchObject({ applied: 0, refused: [{ seq: lost.seq, reason }], waiting: null });
      expect(await rejectedOn(w)).toEqual(expect.arrayContaining([expect.objectContaining({ origin: l.side, seq: lost.seq, reason })]));
      expect(await pull(l)).toMatchObject({ applied: 1, refused: [], waiting: null });

      // Both nodes hold the same rows, at version v + 1, with the winner's content.
      expect(await rowsOf(l, type)).toEqual(await rowsOf(w, type));
      expect(await versionOn(w, type)).toBe(v + 1);
      expect(canonicalJson(await stateOf(l.db.db, type, idOf(type)))).toBe(won.payload);

      // The losing change is kept on both nodes alike, with what it said and what it lost to.
      const kept = await keptOn(w);
      expect(await keptOn(l)).toEqual(kept);
      expect(kept).toHaveLength(keptBefore + 1);
      expect(kept.find((c) => c.hash === payloadHash(lost.payload))).toEqual({ objectType: type, objectId: idOf(type), groupId: ids.group, version: v + 1, hash: payloadHash(lost.payload), origin: l.side, payload: JSON.parse(lost.payload) as Record<string, unknown>, lostTo: payloadHash(won.payload), winnerOrigin: w.side, reason } satisfies Omit<ConcurrentEdit, 'recordedAt'>);
      const listed = await req<{ items: ConcurrentEdit[] }>(w, w.admin, 'GET', '/api/federation/conflicts');
      expect(listed.items.map(({ recordedAt: _r, ...c }) => c)).toEqual(kept);
      expect((await req<{ items: ConcurrentEdit[] }>(l, l.chair, 'GET', `/api/federation/conflicts?groupId=${ids.group}`)).items).toHaveLength(kept.length);
      expect((await l.t.app.inject({ method: 'GET', url: '/api/federation/conflicts', headers: l.member.headers })).statusCode).toBe(403);

      // Re-delivery of either change changes nothing.
      const rows = [await rowsOf(w, type), await rowsOf(l, type)];
      expect(await applyAgain(w, await peerEventOf(w, lost.hash))).toEqual({ kind: 'noop' });
      expect(await applyAgain(l, await peerEventOf(l, won.hash))).toEqual({ kind: 'noop' });
      expect([await rowsOf(w, type), await rowsOf(l, type)]).toEqual(rows);
      expect(await keptOn(w)).toEqual(kept);

      // A change made after on the losing node (on version v + 1, the winner's) is applied on both.
      await edit(l, type, v + 1, false);
      expect(await pull(w)).toMatchObject({ applied: 1, refused: [], waiting: null });
      expect(await pull(l)).toMatchObject({ applied: 0, refused: [], waiting: null });
      expect(await rowsOf(w, type)).toEqual(await rowsOf(l, type));
      expect(await versionOn(w, type)).toBe(v + 2);

      // A change of a lower version stays stale, refused as before, and changes nothing.
      const older = JSON.parse(lost.payload) as Record<string, unknown>;
      const [head] = await w.db.db.select({ seq: federationPeerEvents.seq }).from(federationPeerEvents).orderBy(desc(federationPeerEvents.seq)).limit(1);
      const stale = await applyAgain(w, { seq: head!.seq + 100, objectType: type, objectId: idOf(type), op: 'put', payload: JSON.stringify({ ...older, version: v + 1 }) });
      expect(stale).toEqual({ kind: 'refused', reason: `stale version: this node already has version ${v + 2} of the ${what}; the event carries version ${v + 1}` });
      expect(await rowsOf(w, type)).toEqual(await rowsOf(l, type));
    });
  }

  it('keeps both nodes alike when the losing node changes the object again before the winning change reaches it', async () => {
    const { US: us, CN: cn } = nodes;
    const v = await versionOn(us, 'group');
    await edit(us, 'group', v);
    await sleep(5);
    await edit(cn, 'group', v);
    // The CN node changes its own (losing) version v + 1 again before it pulls: version v + 2.
    await edit(cn, 'group', v + 1);
    const lost = await lastOwnEvent(cn, 'group');
    // The US node refuses the CN version v + 1 (a concurrent edit that lost) and applies version v + 2 on top of its own.
    const onUs = await pull(us);
    expect(onUs).toMatchObject({ applied: 1, refused: [{ reason: expect.stringMatching(/^concurrent edit: version \d+ of the working group changed on the CN node/) as string }] });
    // The CN node has passed version v + 1: the US one is stale there, as before.
    expect(await pull(cn)).toMatchObject({ applied: 0, refused: [{ reason: `stale version: this node already has version ${v + 2} of the working group; the event carries version ${v + 1}` }] });
    expect(await rowsOf(us, 'group')).toEqual(await rowsOf(cn, 'group'));
    expect(canonicalJson(await stateOf(us.db.db, 'group', ids.group))).toBe(lost.payload);
  });

  it('refuses a change backdated to before the version it was made on, so a node cannot win every race by its dates', async () => {
    const { US: us } = nodes;
    const v = await versionOn(us, 'group');
    await edit(us, 'group', v);
    const mine = await lastOwnEvent(us, 'group');
    const before = await rowsOf(us, 'group');
    // A CN change of the same version dated years before version v existed.
    const forged = { ...(JSON.parse(mine.payload) as Record<string, unknown>), charter: { en: 'Backdated charter.', zh: '倒签的章程。' }, updatedAt: '2020-01-01T00:00:00.000Z' };
    const [head] = await us.db.db.select({ seq: federationPeerEvents.seq }).from(federationPeerEvents).orderBy(desc(federationPeerEvents.seq)).limit(1);
    const outcome = await applyAgain(us, { seq: head!.seq + 100, objectType: 'group', objectId: ids.group, op: 'put', payload: canonicalJson(forged) });
    expect(outcome).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/^concurrent edit: version \d+ of the working group from the CN node is dated 2020-01-01T00:00:00.000Z, more than 300 s before version \d+ it was made on/) as string });
    expect(await rowsOf(us, 'group')).toEqual(before);
    expect((await keptOn(us)).some((c) => c.hash === payloadHash(canonicalJson(forged)))).toBe(true);
    // A change dated within the clock drift allowed of the version it was made on still takes part in the ordinary order.
    expect(await pull(nodes.CN)).toMatchObject({ refused: [], waiting: null });
  });
});
