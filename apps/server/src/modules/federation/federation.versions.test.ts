import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupInput } from '../groups/group.fixtures.ts';
import { revisionChain, revisionHash, type ConflictingRevision } from './federation.minutes-conflict.ts';
import { cnEngine, pull, rejectedOn, req, rows, startTwoNodes, stopTwoNodes, type Person, type TestNode, type TwoNodes } from './federation.testing.ts';

interface MinutesView {
  currentRevision: number;
  status: string;
  version: number;
  lockedRevision: number | null;
  revision: { number: number; body: { en: string | null } };
  approvals: { side: string; userId: string }[];
  decisionIds: string[];
}

// Versions and concurrent edits across two nodes: the US node on PGlite, the CN node on PostgreSQL
// where the run has one (else PGlite too).
describe(`versions and concurrent edits across two nodes: US on pglite, CN on ${cnEngine}`, () => {
  let nodes = {} as TwoNodes;
  const ids = { group: '', round: '', minutes: '', result: '', milestone: '' };

  async function answer(n: TestNode, who: Person, method: 'PUT' | 'POST', url: string, payload: object) {
    const res = await n.t.app.inject({ method, url, headers: who.headers, payload });
    return { status: res.statusCode, body: res.json<{ error?: { id: string; message: string } }>() };
  }
  const minutesOn = (n: TestNode) => req<MinutesView>(n, n.chair, 'GET', `/api/dialogues/minutes/${ids.minutes}`);
  const conflictsOn = async (n: TestNode) => (await req<{ items: ConflictingRevision[] }>(n, n.member, 'GET', `/api/dialogues/minutes/${ids.minutes}/conflicts`)).items;
  const hashesOn = async (n: TestNode) => [...(await revisionChain(n.db.db, ids.minutes)).values()].map((r) => r.hash);
  const bothAlike = async () => {
    const { US: us, CN: cn } = nodes;
    const [a, b] = [await minutesOn(us), await minutesOn(cn)];
    expect(b).toEqual(a);
    expect(await req(cn, cn.member, 'GET', `/api/dialogues/minutes/${ids.minutes}/revisions`)).toEqual(await req(us, us.member, 'GET', `/api/dialogues/minutes/${ids.minutes}/revisions`));
    expect(await hashesOn(cn)).toEqual(await hashesOn(us));
    return a;
  };

  beforeAll(async () => {
    nodes = await startTwoNodes({ dirPrefix: 'qiao-v-' });
    const { US: us, CN: cn } = nodes;
    ids.group = (await req<{ id: string }>(us, us.admin, 'POST', '/api/working-groups', groupInput)).id;
    await req(us, us.admin, 'POST', `/api/working-groups/${ids.group}/co-chairs`, { userId: us.chair.id });
    const usJoin = await req<{ id: string }>(us, us.member, 'POST', `/api/working-groups/${ids.group}/join-requests`, {});
    await req(us, us.chair, 'POST', `/api/working-groups/${ids.group}/join-requests/${usJoin.id}/decision`, { decision: 'approve' });
    expect(await pull(cn)).toMatchObject({ rejected: [], refused: [], waiting: null });
    await req(cn, cn.admin, 'POST', `/api/working-groups/${ids.group}/co-chairs`, { userId: cn.chair.id });
    const cnJoin = await req<{ id: string }>(cn, cn.member, 'POST', `/api/working-groups/${ids.group}/join-requests`, {});
    await req(cn, cn.chair, 'POST', `/api/working-groups/${ids.group}/join-requests/${cnJoin.id}/decision`, { decision: 'approve' });
    expect(await pull(us)).toMatchObject({ rejected: [], refused: [], waiting: null });
    const track = await req<{ id: string }>(us, us.chair, 'POST', `/api/dialogues/groups/${ids.group}/tracks`, { title: { en: 'Ocean data', zh: '海洋数据' } });
    ids.round = (await req<{ id: string }>(us, us.chair, 'POST', `/api/dialogues/tracks/${track.id}/rounds`, { title: { en: 'Round 1', zh: '第一轮' }, startsAt: '2026-05-01T09:00:00+08:00', place: 'Qingdao', participantIds: [us.chair.id, cn.chair.id, us.member.id, cn.member.id] })).id;
    ids.minutes = (await req<{ id: string }>(us, us.chair, 'POST', `/api/dialogues/rounds/${ids.round}/minutes`, { body: { en: 'Both sides met.', zh: '双方举行了会谈。' }, decisions: [{ en: 'Exchange buoy data.', zh: '交换浮标数据。' }] })).id;
    expect(await pull(cn)).toMatchObject({ rejected: [], refused: [], waiting: null });
  }, 300_000);
  afterAll(async () => {
    await stopTwoNodes(nodes);
  }, 120_000);

  it('refuses a milestone change made on an older version, on the node where it is made and on the peer node', async () => {
    const { US: us, CN: cn } = nodes;
    ids.result = (await req<{ id: string }>(cn, cn.chair, 'POST', '/api/actions/results', { groupId: ids.group, title: { en: 'Shared buoy catalogue', zh: '共享浮标目录' } })).id;
    ids.milestone = (await req<{ milestones: { id: string }[] }>(cn, cn.chair, 'POST', `/api/actions/results/${ids.result}/milestones`, { title: { en: 'First exchange', zh: '首次交换' }, dueDate: '2026-09-01' })).milestones[0]!.id;
    expect(await pull(us)).toMatchObject({ applied: 2, refused: [], waiting: null });
    const url = `/api/actions/milestones/${ids.milestone}/done`;

    // Locally: a change on version 1 after version 2 is refused with the stale-edit error, nothing changes.
    expect((await answer(us, us.chair, 'PUT', url, { done: true, version: 1 })).status).toBe(200);
    const stale = await answer(us, us.chair, 'PUT', url, { done: false, version: 1 });
    expect(stale).toMatchObject({ status: 409, body: { error: { id: 'conflict', message: expect.stringContaining('now version 2') as string } } });
    const milestone = async (n: TestNode) => (await req<{ milestones: { id: string; doneAt: string | null; version: number }[] }>(n, n.chair, 'GET', `/api/actions/results/${ids.result}`)).milestones[0];
    expect(await milestone(us)).toMatchObject({ version: 2, doneAt: expect.any(String) as string });

    // On apply: the CN co-chair marks it done on version 1 on the CN node at the same time. Both nodes
    // settle the two versions 2 alike (a milestone carries no updatedAt: the change with the lower payload
    // hash stands, whichever side made it); the other is refused as a concurrent edit, with the reason
    // shown to that node's admins.
    expect((await answer(cn, cn.chair, 'PUT', url, { done: true, version: 1 })).status).toBe(200);
    const own = async (n: TestNode) => (await rows<{ payload: string }>(n.db, sql`select payload from federation_events where object_type = 'milestone' and object_id = ${ids.milestone} order by seq desc limit 1`))[0]!.payload;
    const hashOf = (payload: string) => createHash('sha256').update(payload, 'utf8').digest('hex');
    const [usHash, cnHash] = [hashOf(await own(us)), hashOf(await own(cn))];
    const [winner, loser] = usHash < cnHash ? [us, cn] : [cn, us];
    expect(await pull(loser)).toMatchObject({ applied: 1, refused: [] });
    const onWinner = await pull(winner);
    expect(onWinner.refused).toEqual([{ seq: expect.any(Number) as number, reason: expect.stringMatching(new RegExp(`^concurrent edit: version 2 of the milestone changed on the ${loser.side} node .* lost to version 2 changed on the ${winner.side} node`)) as string }]);
    expect(await rejectedOn(winner)).toEqual(expect.arrayContaining([expect.objectContaining({ origin: loser.side, reason: onWinner.refused[0]?.reason })]));
    expect(await milestone(us)).toEqual(await milestone(cn));
    const doneOnUs = (await milestone(us))?.doneAt;

    // The next change, made on version 2, is applied on the other node: both end alike.
    expect((await answer(us, us.chair, 'PUT', url, { done: false, version: 2 })).status).toBe(200);
    expect(await pull(cn)).toMatchObject({ applied: 1, refused: [] });
    expect(await milestone(cn)).toEqual(await milestone(us));
    expect(await milestone(cn)).toMatchObject({ version: 3, doneAt: null });
    expect(doneOnUs).not.toBeNull();
    // An older event again changes nothing: the CN node stays at version 3.
    expect(await pull(cn)).toMatchObject({ applied: 0, refused: [] });
  });

  it('converges when both nodes amend the same revision at once: the earlier write stands on both, the other text is kept', async () => {
    const { US: us, CN: cn } = nodes;
    const { version } = await minutesOn(us);
    expect(await minutesOn(cn)).toMatchObject({ version, currentRevision: 1 });
    // Both amend revision 1 before either pulls: the US amendment is written first.
    await req(us, us.member, 'PUT', `/api/dialogues/minutes/${ids.minutes}`, { body: { en: 'US wording.', zh: '美方措辞。' }, decisions: [{ en: 'Exchange buoy data monthly.', zh: '每月交换浮标数据。' }], version });
    await req(cn, cn.member, 'PUT', `/api/dialogues/minutes/${ids.minutes}`, { body: { en: 'CN wording.', zh: '中方措辞。' }, decisions: [{ en: 'Exchange buoy data after review.', zh: '审查后交换浮标数据。' }], version });
    // The CN co-chair approves the CN text on the CN node before the US amendment arrives there.
    expect((await req<MinutesView>(cn, cn.chair, 'POST', `/api/dialogues/minutes/${ids.minutes}/approvals`, { revision: 2 })).approvals).toEqual([expect.objectContaining({ side: 'CN' })]);

    const onUs = await pull(us);
    expect(onUs.refused).toEqual([
      { seq: expect.any(Number) as number, reason: expect.stringMatching(/^concurrent revision: revision 2 written on the CN node at .* lost to revision 2 written on the US node at .*; the earlier write stands/) as string },
      { seq: expect.any(Number) as number, reason: expect.stringMatching(/^concurrent revision: the CN co-chair's approval is of revision 2 written on the CN node .* does not count$/) as string },
    ]);
    expect(await rejectedOn(us)).toEqual(expect.arrayContaining(onUs.refused.map((r): unknown => expect.objectContaining({ origin: 'CN', reason: r.reason }))));
    expect(await pull(cn)).toMatchObject({ applied: 1, refused: [], waiting: null });
    expect(await pull(us)).toMatchObject({ accepted: 0, refused: [] });

    // Both nodes: the same revision, text, hashes and version; the CN approval of the CN text is gone.
    const m = await bothAlike();
    expect(m).toMatchObject({ currentRevision: 2, status: 'draft', revision: { body: { en: 'US wording.' } }, approvals: [], version: version + 2 });
    // The CN text is kept on both, with the approval it had, which does not count.
    const conflicts = await conflictsOn(us);
    expect(await conflictsOn(cn)).toEqual(conflicts);
    expect(conflicts).toEqual([
      expect.objectContaining({ number: 2, origin: 'CN', authorId: cn.member.id, body: expect.objectContaining({ en: 'CN wording.' }) as object, lostTo: (await hashesOn(us))[1], approvals: [expect.objectContaining({ side: 'CN', userId: cn.chair.id })], reappliedAs: null }),
    ]);
    // Its author, on the CN node, is told in the inbox.
    const inbox = await req<{ items: { kind: string; title: string; link: string }[] }>(cn, cn.member, 'GET', '/api/inbox?module=dialogues');
    expect(inbox.items.filter((n) => n.kind === 'minutes_revision_conflict')).toEqual([expect.objectContaining({ title: expect.stringMatching(/^Your revision 2 of the minutes of .* was not kept$/) as string, link: `/dialogues/rounds/${ids.round}` })]);
    // Someone outside the group does not read them.
    const outsider = await nodes.US.t.signInAs(['member'], 'US');
    expect((await us.t.app.inject({ method: 'GET', url: `/api/dialogues/minutes/${ids.minutes}/conflicts`, headers: outsider.headers })).statusCode).toBe(403);
  });

  it('lets the author re-apply the losing text on top, and still locks the minutes identically on both nodes', async () => {
    const { US: us, CN: cn } = nodes;
    const [conflict] = await conflictsOn(cn);
    const { version } = await minutesOn(cn);
    // Only its author or a co-chair re-applies it.
    expect((await answer(us, us.member, 'POST', `/api/dialogues/minutes/${ids.minutes}/conflicts/${conflict!.hash}/reapply`, { version })).status).toBe(403);
    // On a stale version it is refused like any amendment.
    expect((await answer(cn, cn.member, 'POST', `/api/dialogues/minutes/${ids.minutes}/conflicts/${conflict!.hash}/reapply`, { version: version - 1 })).body).toMatchObject({ error: { id: 'conflict' } });
    const reapplied = await req<MinutesView>(cn, cn.member, 'POST', `/api/dialogues/minutes/${ids.minutes}/conflicts/${conflict!.hash}/reapply`, { version });
    expect(reapplied).toMatchObject({ currentRevision: 3, revision: { body: { en: 'CN wording.' } } });
    expect(await conflictsOn(cn)).toMatchObject([{ reappliedAs: 3 }]);
    expect(await pull(us)).toMatchObject({ applied: 1, refused: [], waiting: null });
    await bothAlike();

    await req(us, us.chair, 'POST', `/api/dialogues/minutes/${ids.minutes}/approvals`, { revision: 3 });
    expect(await pull(cn)).toMatchObject({ applied: 1, refused: [], waiting: null });
    expect((await req<MinutesView>(cn, cn.chair, 'POST', `/api/dialogues/minutes/${ids.minutes}/approvals`, { revision: 3 })).status).toBe('locked');
    expect(await pull(us)).toMatchObject({ applied: 1, refused: [], waiting: null });
    const m = await bothAlike();
    expect(m).toMatchObject({ status: 'locked', lockedRevision: 3, approvals: [{ side: 'CN', userId: cn.chair.id }, { side: 'US', userId: us.chair.id }] });
    expect(m.decisionIds).toHaveLength(1);
    expect(await req(cn, cn.chair, 'GET', `/api/dialogues/decisions?minutesId=${ids.minutes}`)).toEqual(await req(us, us.chair, 'GET', `/api/dialogues/decisions?minutesId=${ids.minutes}`));
  });

  it('keeps a revision written on top of one that lost as conflicting too, and refuses a revision whose hash does not match its text', async () => {
    const { US: us, CN: cn } = nodes;
    const { version } = await minutesOn(us);
    // The CN node amends twice (revisions 4 and 5) while the US node's revision 4, written first, has not arrived.
    await req(us, us.chair, 'PUT', `/api/dialogues/minutes/${ids.minutes}`, { body: { en: 'US fourth.', zh: '美方第四版。' }, decisions: [], version });
    const cn4 = await req<MinutesView>(cn, cn.chair, 'PUT', `/api/dialogues/minutes/${ids.minutes}`, { body: { en: 'CN fourth.', zh: '中方第四版。' }, decisions: [], version });
    await req(cn, cn.chair, 'PUT', `/api/dialogues/minutes/${ids.minutes}`, { body: { en: 'CN fifth.', zh: '中方第五版。' }, decisions: [], version: cn4.version });
    const onUs = await pull(us);
    expect(onUs.refused.map((r) => r.reason)).toEqual([expect.stringMatching(/^concurrent revision: revision 4 written on the CN node .* lost to revision 4 written on the US node/), expect.stringMatching(/^concurrent revision: revision 5 was written on revision 4 .*, which lost to a concurrent revision/)]);
    expect(await pull(cn)).toMatchObject({ applied: 1, refused: [], waiting: null });
    const m = await bothAlike();
    expect(m).toMatchObject({ currentRevision: 4, status: 'draft', lockedRevision: 3, revision: { body: { en: 'US fourth.' } } });
    expect((await conflictsOn(cn)).map((c) => [c.number, c.body.en])).toEqual([
      [2, 'CN wording.'],
      [4, 'CN fourth.'],
      [5, 'CN fifth.'],
    ]);
    expect((await conflictsOn(us)).map((c) => [c.number, c.body.en, c.lostTo === null])).toEqual([
      [2, 'CN wording.', false],
      [4, 'CN fourth.', false],
      [5, 'CN fifth.', true],
    ]);

    // A hostile CN node sends revision 5 with a hash that does not match its text: refused, nothing changes.
    const before = await minutesOn(us);
    const last = (await revisionChain(us.db.db, ids.minutes)).get(4);
    await cn.db.db.transaction((tx) =>
      cn.t.services.federation!.emit(tx, {
        objectType: 'minutes_revision',
        objectId: `${ids.minutes}:5`,
        op: 'add',
        payload: { minutesId: ids.minutes, roundId: ids.round, groupId: ids.group, number: 5, body: { en: 'Forged.', zh: '伪造。', enEditedAt: null, zhEditedAt: null }, decisions: [], note: null, authorId: cn.chair.id, createdAt: new Date().toISOString(), baseHash: last!.hash, hash: last!.hash },
      }),
    );
    expect((await pull(us)).refused).toEqual([{ seq: expect.any(Number) as number, reason: `revision 5 of minutes ${ids.minutes}: its hash does not match its content` }]);
    expect(await minutesOn(us)).toEqual(before);
    // Nor does it win by backdating a correctly hashed revision to before the revision it was written on.
    const backdated = { minutesId: ids.minutes, number: 5, baseHash: last!.hash, body: { en: 'Backdated.', zh: '倒签。', enEditedAt: null, zhEditedAt: null }, decisions: [], note: null, authorId: cn.chair.id, createdAt: '2020-01-01T00:00:00.000Z' };
    await cn.db.db.transaction((tx) => cn.t.services.federation!.emit(tx, { objectType: 'minutes_revision', objectId: `${ids.minutes}:5`, op: 'add', payload: { ...backdated, roundId: ids.round, groupId: ids.group, hash: revisionHash(backdated) } }));
    expect((await pull(us)).refused).toEqual([{ seq: expect.any(Number) as number, reason: expect.stringMatching(/^revision 5 of minutes .* is dated 2020-01-01T00:00:00.000Z, more than 300 s before revision 4 it was written on/) as string }]);
    expect(await minutesOn(us)).toEqual(before);
  });
});
