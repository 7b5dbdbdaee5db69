import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { dbTargets } from '../../testing/db.ts';
import { freePort } from '../../testing/net.ts';
import { groupInput } from '../groups/group.fixtures.ts';
import { groupMembers } from '../groups/group.schema.ts';
import { notifications } from '../notifications/notification.schema.ts';
import { users } from '../users/user.schema.ts';
import { sealEvent } from './federation.events.ts';
import { loadOrCreateNodeKey } from './federation.keys.ts';
import { replicate, replicateRemoval } from './federation.replicate.ts';
import { resyncNode } from './federation.resync.ts';
import { federationEvents, federationHead, federationPeerEvents, federationPeerState } from './federation.schema.ts';
import * as two from './federation.testing.ts';

type Side = 'US' | 'CN';
interface Person {
  id: string;
  name: string;
  headers: Record<string, string>;
}
interface Node {
  side: Side;
  db: Database;
  t: TestApp;
  admin: Person;
  chair: Person;
  member: Person;
}
interface Notice {
  kind: string;
  title: string;
  body: string;
  entityId: string;
  link: string;
  params: Record<string, unknown>;
}

const [pglite, postgres] = dbTargets();
const cnTarget = postgres && !postgres.skip ? postgres : pglite;

// The peer's changes, applied by this node's pull, reach the inbox of the people of this node they
// concern, once per change, in both languages; admins hear of the events this node refused.
describe(`notices of the peer's changes: US on pglite, CN on ${cnTarget?.name ?? 'pglite'}`, () => {
  const nodes = {} as Record<Side, Node>;
  const ids = { group: '', round: '', item: '', minutes: '' };
  const pull = (side: Side) => nodes[side].t.services.federation!.pullOnce();

  async function req<T = unknown>(n: Node, who: Person, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object): Promise<T> {
    const res = await n.t.app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
    if (res.statusCode >= 300) throw new Error(`${method} ${url} on the ${n.side} node: ${res.statusCode} ${res.body}`);
    return res.json<T>();
  }
  /** A person's notices of one kind on a node, as the inbox shows them in `lang`. */
  async function inbox(n: Node, who: Person, kind: string, lang: 'en' | 'zh' = 'en'): Promise<Notice[]> {
    const list = await req<{ items: Notice[] }>(n, who, 'GET', `/api/inbox?lang=${lang}&limit=100`);
    return list.items.filter((i) => i.kind === kind);
  }
  /** Every notice row held on a node for a person (the peer's people included, who cannot sign in there). */
  const rowsFor = async (n: Node, userId: string) => n.db.db.select().from(notifications).where(eq(notifications.userId, userId));
  const countOf = async (n: Node, kind: string) => (await n.db.db.select().from(notifications).where(eq(notifications.kind, kind as never))).length;

  beforeAll(async () => {
    const dirs = { US: mkdtempSync(path.join(tmpdir(), 'qiao-nt-us-')), CN: mkdtempSync(path.join(tmpdir(), 'qiao-nt-cn-')) };
    const keys = { US: loadOrCreateNodeKey(path.join(dirs.US, 'node-key.pem')), CN: loadOrCreateNodeKey(path.join(dirs.CN, 'node-key.pem')) };
    const ports = { US: await freePort(), CN: await freePort() };
    for (const [side, target] of [['US', pglite], ['CN', cnTarget]] as const) {
      const peer = side === 'US' ? 'CN' : 'US';
      const db = await target!.open();
      const t = await buildTestApp(db, { QIAO_DATA_DIR: dirs[side], QIAO_NODE_SIDE: side, QIAO_PEER_URL: `http://127.0.0.1:${ports[peer]}`, QIAO_PEER_PUBLIC_KEY: keys[peer].publicKeyBase64, QIAO_FEDERATION_PULL_MS: '0' });
      await t.app.listen({ port: ports[side], host: '127.0.0.1' });
      const person = async (roles: Parameters<TestApp['signInAs']>[0]): Promise<Person> => {
        const { session, headers } = await t.signInAs(roles, side);
        return { id: session.user.id, name: session.user.displayName, headers };
      };
      nodes[side] = { side, db, t, admin: await person(['admin']), chair: await person(['co_chair']), member: await person(['member']) };
    }
  }, 300_000);
  afterAll(async () => {
    for (const n of Object.values(nodes)) {
      await n.t.close().catch(() => undefined);
      await n.db.close();
    }
  }, 120_000);

  it("tells the group's members on the US node that the CN node appointed its co-chair, in both languages", async () => {
    const { US: us, CN: cn } = nodes;
    ids.group = (await req<{ id: string }>(us, us.admin, 'POST', '/api/working-groups', groupInput)).id;
    await req(us, us.admin, 'POST', `/api/working-groups/${ids.group}/co-chairs`, { userId: us.chair.id });
    const join = await req<{ id: string }>(us, us.member, 'POST', `/api/working-groups/${ids.group}/join-requests`, {});
    await req(us, us.chair, 'POST', `/api/working-groups/${ids.group}/join-requests/${join.id}/decision`, { decision: 'approve' });
    expect(await pull('CN')).toMatchObject({ refused: [], waiting: null });
    // The US co-chair appointed on the US node is not the CN node's news to the US node's people.
    expect(await countOf(us, 'peer_cochair')).toBe(0);

    await req(cn, cn.admin, 'POST', `/api/working-groups/${ids.group}/co-chairs`, { userId: cn.chair.id });
    expect(await pull('US')).toMatchObject({ applied: 1, refused: [], waiting: null });
    for (const who of [us.chair, us.member]) {
      const [notice, ...more] = await inbox(us, who, 'peer_cochair');
      expect(more).toEqual([]);
      expect(notice).toMatchObject({ title: `${cn.chair.name} is now the CN co-chair of ${groupInput.name.en}`, body: 'Appointed on the CN node.', link: `/groups/${ids.group}` });
      expect((await inbox(us, who, 'peer_cochair', 'zh'))[0]?.title).toBe(`${cn.chair.name} 现为 ${groupInput.name.zh} 的CN方联合主席`);
    }
    // Not a member: the US admin hears nothing; nor does the CN co-chair's minimal profile on the US node.
    expect(await inbox(us, us.admin, 'peer_cochair')).toEqual([]);
    expect(await rowsFor(us, cn.chair.id)).toEqual([]);
  });

  it("raises one notice for the CN side's position however many edits one pull applies, and none for a re-delivery", async () => {
    const { US: us, CN: cn } = nodes;
    const track = await req<{ id: string }>(us, us.chair, 'POST', `/api/dialogues/groups/${ids.group}/tracks`, { title: { en: 'Data sharing', zh: '数据共享' } });
    ids.round = (await req<{ id: string }>(us, us.chair, 'POST', `/api/dialogues/tracks/${track.id}/rounds`, { title: { en: 'Round 1', zh: '第一轮' }, startsAt: '2026-05-01T09:00:00+08:00', place: 'Beijing', participantIds: [us.chair.id, cn.chair.id, us.member.id] })).id;
    ids.item = (await req<{ id: string }>(us, us.chair, 'POST', `/api/dialogues/rounds/${ids.round}/items`, { title: { en: 'Climate data exchange', zh: '气候数据交换' } })).id;
    await req(us, us.chair, 'PUT', `/api/dialogues/items/${ids.item}/positions/US`, { position: { en: 'Share station metadata.', zh: '共享站点元数据。' } });
    expect(await pull('CN')).toMatchObject({ refused: [], waiting: null });
    // On the CN node, the CN co-chair (a participant) hears of the US position; nobody else is a local participant there.
    const [usPosition, ...moreOnCn] = await cn.db.db.select().from(notifications).where(eq(notifications.kind, 'peer_position'));
    expect(moreOnCn).toEqual([]);
    expect(usPosition?.userId).toBe(cn.chair.id);
    expect((await inbox(cn, cn.chair, 'peer_position'))[0]?.title).toBe('The US side posted its position on Climate data exchange');
    expect((await inbox(cn, cn.chair, 'peer_position', 'zh'))[0]?.title).toBe('US方提交了对“气候数据交换”的立场');

    await req(cn, cn.chair, 'PUT', `/api/dialogues/items/${ids.item}/positions/CN`, { position: { en: 'Share after review.', zh: '审查后共享。' } });
    await req(cn, cn.chair, 'PUT', `/api/dialogues/items/${ids.item}/positions/CN`, { position: { en: 'Share after a joint review.', zh: '联合审查后共享。' }, version: 1 });
    expect(await pull('US')).toMatchObject({ applied: 2, refused: [], waiting: null });
    for (const who of [us.chair, us.member]) {
      const notices = await inbox(us, who, 'peer_position');
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatchObject({ title: 'The CN side updated its position on Climate data exchange', body: `In Round 1 of ${groupInput.name.en}, written on the CN node.`, entityId: ids.item, link: `/dialogues/rounds/${ids.round}` });
      expect((await inbox(us, who, 'peer_position', 'zh'))[0]?.title).toBe('CN方更新了对“气候数据交换”的立场');
    }
    expect(await inbox(us, us.admin, 'peer_position')).toEqual([]);

    // The whole CN log pulled and applied again from the start: every event a no-op, no notice.
    const before = (await us.db.db.select().from(notifications)).length;
    await us.db.db.update(federationPeerState).set({ lastSeq: 0, lastHash: '0'.repeat(64), appliedSeq: 0 });
    await us.db.db.delete(federationPeerEvents);
    expect(await pull('US')).toMatchObject({ rejected: [], refused: [], waiting: null });
    const outcomes = await us.db.db.select({ outcome: federationPeerEvents.outcome }).from(federationPeerEvents);
    expect(outcomes.every((o) => o.outcome === 'noop')).toBe(true);
    expect((await us.db.db.select().from(notifications)).length).toBe(before);

    // A new edit is a new change: one more notice.
    await req(cn, cn.chair, 'PUT', `/api/dialogues/items/${ids.item}/positions/CN`, { position: { en: 'Share after a joint review in May.', zh: '五月联合审查后共享。' }, version: 2 });
    await pull('US');
    expect(await inbox(us, us.member, 'peer_position')).toHaveLength(2);
  });

  it('tells the CN co-chair of minutes the US side wrote and approved, once per pull, and the US side of the lock', async () => {
    const { US: us, CN: cn } = nodes;
    ids.minutes = (await req<{ id: string }>(us, us.chair, 'POST', `/api/dialogues/rounds/${ids.round}/minutes`, { body: { en: 'Both sides met.', zh: '双方举行了会谈。' }, decisions: [{ en: 'Exchange station metadata.', zh: '交换站点元数据。' }] })).id;
    expect(await pull('CN')).toMatchObject({ applied: 1, refused: [], waiting: null });
    const [revised, ...moreRevised] = await inbox(cn, cn.chair, 'peer_minutes_revised');
    expect(moreRevised).toEqual([]);
    expect(revised).toMatchObject({ title: 'The US side wrote revision 1 of the minutes of Round 1', entityId: ids.minutes });
    expect((await inbox(cn, cn.chair, 'peer_minutes_revised', 'zh'))[0]?.title).toBe('US方撰写了 第一轮 会议纪要第 1 版');
    // The CN member is not a participant of the round: nothing for them.
    expect(await rowsFor(cn, cn.member.id)).toEqual([]);

    // An amendment and its approval arrive in one pull: one notice, where the minutes now stand.
    const current = await req<{ version: number }>(us, us.chair, 'GET', `/api/dialogues/minutes/${ids.minutes}`);
    await req(us, us.chair, 'PUT', `/api/dialogues/minutes/${ids.minutes}`, { body: { en: 'Both sides met in Beijing.', zh: '双方在北京举行了会谈。' }, decisions: [{ en: 'Exchange station metadata.', zh: '交换站点元数据。' }], version: current.version });
    await req(us, us.chair, 'POST', `/api/dialogues/minutes/${ids.minutes}/approvals`, { revision: 2 });
    expect(await pull('CN')).toMatchObject({ applied: 2, refused: [], waiting: null });
    expect(await inbox(cn, cn.chair, 'peer_minutes_revised')).toHaveLength(1);
    const [approved, ...moreApproved] = await inbox(cn, cn.chair, 'peer_minutes_approved');
    expect(moreApproved).toEqual([]);
    expect(approved).toMatchObject({ title: 'The US co-chair approved revision 2 of the minutes of Round 1', body: `${groupInput.name.en}: the minutes are locked once your side's co-chair approves the same revision.` });

    // The CN co-chair approves on the CN node: the US node locks the minutes on apply and tells its members.
    expect((await req<{ status: string }>(cn, cn.chair, 'POST', `/api/dialogues/minutes/${ids.minutes}/approvals`, { revision: 2 })).status).toBe('locked');
    expect(await pull('US')).toMatchObject({ applied: 1, refused: [], waiting: null });
    for (const who of [us.chair, us.member]) {
      const locked = await inbox(us, who, 'minutes_locked');
      expect(locked).toHaveLength(1);
      expect(locked[0]).toMatchObject({ title: `Minutes of ${groupInput.name.en} are locked`, entityId: ids.minutes });
    }
    expect(await inbox(us, us.chair, 'peer_minutes_approved')).toEqual([]);

    // An action the CN co-chair assigns on the CN node to a US member: the member hears of it on the US node.
    const { decisionIds } = await req<{ decisionIds: string[] }>(cn, cn.chair, 'GET', `/api/dialogues/minutes/${ids.minutes}`);
    const action = await req<{ id: string }>(cn, cn.chair, 'POST', '/api/actions', { decisionId: decisionIds[0], title: { en: 'Draft the metadata schema', zh: '起草元数据模式' }, dueDate: '2026-08-01', owners: [{ side: 'US', userId: us.member.id }, { side: 'CN', userId: cn.chair.id }] });
    expect(await pull('US')).toMatchObject({ refused: [], waiting: null });
    expect(await inbox(us, us.member, 'action_assigned')).toEqual([expect.objectContaining({ title: 'Action assigned to you: Draft the metadata schema', entityId: action.id })]);
    expect(await inbox(us, us.chair, 'action_assigned')).toEqual([]);
  });

  it("tells the US node's admins, once each, of a US-side position sent by the CN node and of an event forged with another key", async () => {
    const { US: us, CN: cn } = nodes;
    const refusedNotices = () => inbox(us, us.admin, 'peer_event_refused');
    expect(await refusedNotices()).toEqual([]);
    const claim = { itemId: ids.item, roundId: ids.round, groupId: ids.group, side: 'US', position: { en: 'Said for the US.', zh: '替美方说的。', enEditedAt: null, zhEditedAt: null }, concerns: null, updatedBy: cn.chair.id, updatedAt: new Date().toISOString(), version: 9 };
    const sent = await cn.db.db.transaction((tx) => cn.t.services.federation!.emit(tx, { objectType: 'position', objectId: `${ids.item}:US`, op: 'put', payload: claim }));
    expect((await pull('US')).rejected).toHaveLength(1);
    const [authority, ...others] = await refusedNotices();
    expect(others).toEqual([]);
    expect(authority).toMatchObject({ title: `This node refused event ${sent.seq} from the CN node`, body: 'Reason: a US-side position can only come from the US node, not the CN node. The event is kept, never applied, and listed on the federation page.', link: '/admin/federation' });
    expect((await inbox(us, us.admin, 'peer_event_refused', 'zh'))[0]?.title).toBe(`本节点拒绝了来自CN方节点的事件 ${sent.seq}`);
    // Nobody else hears of it: not the co-chair, not the member.
    expect(await inbox(us, us.chair, 'peer_event_refused')).toEqual([]);

    // Someone with the CN database appends an event signed with another key, and the CN node writes on after it.
    const [head] = await cn.db.db.select().from(federationHead);
    const forged = sealEvent({ origin: 'CN', seq: head!.seq + 1, objectType: 'position', objectId: `${ids.item}:CN`, op: 'put', payload: { itemId: ids.item, side: 'CN', version: 10 }, prevHash: head!.hash }, generateKeyPairSync('ed25519').privateKey);
    await cn.db.db.insert(federationEvents).values({ seq: forged.seq, objectType: forged.objectType, objectId: forged.objectId, op: forged.op, payload: forged.payload, prevHash: forged.prevHash, hash: forged.hash, signature: forged.signature });
    await cn.db.db.update(federationHead).set({ seq: forged.seq, hash: forged.hash });
    const round = await req<{ agenda: { positions: { side: string; version: number }[] }[] }>(cn, cn.chair, 'GET', `/api/dialogues/rounds/${ids.round}`);
    const version = round.agenda[0]?.positions.find((p) => p.side === 'CN')?.version;
    await req(cn, cn.chair, 'PUT', `/api/dialogues/items/${ids.item}/positions/CN`, { position: { en: 'After the forgery.', zh: '伪造之后。' }, version });
    for (let i = 0; i < 2; i++) expect((await pull('US')).rejected.length).toBeGreaterThan(1);
    const notices = await refusedNotices();
    // One for the forged event; none for the events that only follow it, none for pulling it again.
    expect(notices).toHaveLength(2);
    expect(notices.find((n) => n.params.seq === forged.seq)).toMatchObject({ title: `This node refused event ${forged.seq} from the CN node`, body: expect.stringContaining("signature does not verify with the peer's key") as string });
    const rows = await us.db.db.select().from(notifications).where(and(eq(notifications.kind, 'peer_event_refused'), eq(notifications.userId, us.admin.id)));
    expect(rows).toHaveLength(2);
  });
});

// The CN co-chair taken out of the role on the CN node (a hand-over, a step-down without a successor, a
// removal from the group): the US node's members of the group hear of it once, in both languages.
describe(`notices of the peer's co-chair stepping down: US on pglite, CN on ${two.cnEngine}`, () => {
  let nodes: two.TwoNodes | undefined;
  let us: two.TestNode;
  let cn: two.TestNode;
  let successor: two.Person;
  let group = '';
  const kind = 'peer_cochair_stepped_down';
  const nameOf = async (n: two.TestNode, id: string) => (await n.db.db.select({ name: users.displayName }).from(users).where(eq(users.id, id)))[0]?.name ?? '';
  /** Newest first, as the inbox lists them. */
  const inbox = async (who: two.Person, lang: 'en' | 'zh' = 'en') => (await two.req<{ items: Notice[] }>(us, who, 'GET', `/api/inbox?lang=${lang}&limit=100`)).items.filter((i) => i.kind === kind);
  const allRows = async () => us.db.db.select().from(notifications).where(eq(notifications.kind, kind as never));
  /** The CN node takes its co-chair out of the role as its own node would, without naming another. */
  const demoteOnCn = (userId: string) =>
    cn.db.db.transaction(async (tx) => {
      await tx.update(groupMembers).set({ role: 'member' }).where(and(eq(groupMembers.groupId, group), eq(groupMembers.userId, userId)));
      await replicate(cn.t.services.federation!, tx, 'group_member', `${group}:${userId}`);
    });
  const removeOnCn = (userId: string) =>
    cn.db.db.transaction(async (tx) => {
      await tx.delete(groupMembers).where(and(eq(groupMembers.groupId, group), eq(groupMembers.userId, userId)));
      await replicateRemoval(cn.t.services.federation!, tx, { groupId: group, userId, side: 'CN' });
    });

  beforeAll(async () => {
    nodes = await two.startTwoNodes({ dirPrefix: 'qiao-ntc-' });
    ({ US: us, CN: cn } = nodes);
    successor = await two.signIn(cn.t, ['co_chair'], 'CN');
    group = (await two.req<{ id: string }>(us, us.admin, 'POST', '/api/working-groups', groupInput)).id;
    await two.req(us, us.admin, 'POST', `/api/working-groups/${group}/co-chairs`, { userId: us.chair.id });
    const join = await two.req<{ id: string }>(us, us.member, 'POST', `/api/working-groups/${group}/join-requests`, {});
    await two.req(us, us.chair, 'POST', `/api/working-groups/${group}/join-requests/${join.id}/decision`, { decision: 'approve' });
    expect(await two.pull(cn)).toMatchObject({ refused: [], waiting: null });
    await two.req(cn, cn.admin, 'POST', `/api/working-groups/${group}/co-chairs`, { userId: cn.chair.id });
    expect(await two.pull(us)).toMatchObject({ applied: 1, refused: [], waiting: null });
  }, 300_000);
  afterAll(async () => {
    if (nodes) await two.stopTwoNodes(nodes);
  }, 120_000);

  it('tells the US members that the CN co-chair handed over, naming the successor, beside the appointment', async () => {
    const [before, after] = [await nameOf(us, cn.chair.id), await nameOf(cn, successor.id)];
    await two.req(cn, cn.admin, 'PUT', `/api/working-groups/${group}/co-chairs/CN`, { userId: successor.id });
    expect(await two.pull(us)).toMatchObject({ applied: 2, refused: [], waiting: null });
    for (const who of [us.chair, us.member]) {
      const [notice, ...more] = await inbox(who);
      expect(more).toEqual([]);
      expect(notice).toMatchObject({ title: `${before} is no longer the CN co-chair of ${groupInput.name.en}`, body: `Changed on the CN node. ${after} is now the CN co-chair.`, link: `/groups/${group}`, entityId: group });
      expect((await inbox(who, 'zh'))[0]).toMatchObject({ title: `${before} 不再担任 ${groupInput.name.zh} 的CN方联合主席`, body: `在CN方节点上变更。${after} 现为CN方联合主席。` });
      // The successor's appointment is told as before.
      const appointed = (await two.req<{ items: Notice[] }>(us, who, 'GET', '/api/inbox?lang=en&limit=100')).items.filter((i) => i.kind === 'peer_cochair');
      expect(appointed.map((n) => n.title)).toContain(`${after} is now the CN co-chair of ${groupInput.name.en}`);
    }
    // Not a member of the group: the US admin hears nothing.
    expect(await inbox(us.admin)).toEqual([]);
  });

  it('says the group has no CN co-chair when the CN node names no successor', async () => {
    const name = await nameOf(us, successor.id);
    await demoteOnCn(successor.id);
    expect(await two.pull(us)).toMatchObject({ applied: 1, refused: [], waiting: null });
    const group$ = await two.req<{ coChairs: Record<string, string> }>(us, us.member, 'GET', `/api/working-groups/${group}`);
    expect(group$.coChairs.CN).toBeUndefined();
    for (const who of [us.chair, us.member]) {
      const [notice, ...older] = await inbox(who);
      expect(older).toHaveLength(1);
      expect(notice).toMatchObject({ title: `${name} is no longer the CN co-chair of ${groupInput.name.en}`, body: 'Changed on the CN node. Until the CN node names a new co-chair, the group has no CN co-chair.' });
      expect((await inbox(who, 'zh'))[0]?.body).toBe('在CN方节点上变更。在CN方节点任命新的联合主席之前，该工作组没有CN方联合主席。');
    }
  });

  it("tells of the CN co-chair's removal from the group, not of an ordinary member leaving, and once only", async () => {
    await two.req(cn, cn.admin, 'POST', `/api/working-groups/${group}/co-chairs`, { userId: cn.chair.id });
    expect(await two.pull(us)).toMatchObject({ applied: 1, refused: [], waiting: null });
    expect(await allRows()).toHaveLength(4);

    // The former co-chair, now a member, leaves; then the CN node removes its co-chair from the group.
    const left = await cn.t.app.inject({ method: 'DELETE', url: `/api/working-groups/${group}/members/${successor.id}`, headers: successor.headers });
    expect(left.statusCode).toBe(204);
    await removeOnCn(cn.chair.id);
    expect(await two.pull(us)).toMatchObject({ applied: 2, refused: [], waiting: null });
    const name = await nameOf(us, cn.chair.id);
    for (const who of [us.chair, us.member]) {
      const notices = await inbox(who);
      expect(notices).toHaveLength(3);
      expect(notices[0]).toMatchObject({ title: `${name} is no longer the CN co-chair of ${groupInput.name.en}`, body: 'Changed on the CN node. Until the CN node names a new co-chair, the group has no CN co-chair.' });
    }

    // Demoted and removed in one pull: one notice, about the step-down.
    await two.req(cn, cn.admin, 'POST', `/api/working-groups/${group}/co-chairs`, { userId: successor.id });
    expect(await two.pull(us)).toMatchObject({ applied: 1, refused: [], waiting: null });
    await demoteOnCn(successor.id);
    await removeOnCn(successor.id);
    expect(await two.pull(us)).toMatchObject({ applied: 2, refused: [], waiting: null });
    expect(await inbox(us.member)).toHaveLength(4);
    const rows = await allRows();
    expect(rows).toHaveLength(8);

    // The whole CN log pulled and applied again, then a resync of the CN node: nothing is told twice.
    await us.db.db.update(federationPeerState).set({ lastSeq: 0, lastHash: '0'.repeat(64), appliedSeq: 0 });
    await us.db.db.delete(federationPeerEvents);
    expect(await two.pull(us)).toMatchObject({ rejected: [], refused: [], waiting: null });
    await resyncNode(cn.db.db, cn.t.services.federation!.config);
    expect(await two.pull(us)).toMatchObject({ rejected: [], refused: [], waiting: null });
    expect(await allRows()).toHaveLength(rows.length);
  });

  it("tells the CN co-chair on the CN node of the US co-chair's hand-over, once", async () => {
    await two.req(cn, cn.admin, 'POST', `/api/working-groups/${group}/co-chairs`, { userId: cn.chair.id });
    const next = await two.signIn(us.t, ['co_chair'], 'US');
    await two.req(us, us.admin, 'PUT', `/api/working-groups/${group}/co-chairs/US`, { userId: next.id });
    expect(await two.pull(cn)).toMatchObject({ refused: [], waiting: null });
    const onCn = async () => (await two.req<{ items: Notice[] }>(cn, cn.chair, 'GET', '/api/inbox?lang=zh&limit=100')).items.filter((i) => i.kind === kind);
    const [notice, ...more] = await onCn();
    expect(more).toEqual([]);
    expect(notice).toMatchObject({ title: `${await nameOf(cn, us.chair.id)} 不再担任 ${groupInput.name.zh} 的US方联合主席`, body: `在US方节点上变更。${await nameOf(cn, next.id)} 现为US方联合主席。` });
    await cn.db.db.update(federationPeerState).set({ lastSeq: 0, lastHash: '0'.repeat(64), appliedSeq: 0 });
    await cn.db.db.delete(federationPeerEvents);
    expect(await two.pull(cn)).toMatchObject({ rejected: [], refused: [], waiting: null });
    expect(await onCn()).toHaveLength(1);
  });
});
