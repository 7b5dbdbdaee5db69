// Scope: co-chairs act only in the groups they co-chair; working-group content (positions, convergence,
// draft minutes, revisions, comments) is read only by the group's members and admins, while locked
// minutes and recorded decisions are read by every signed-in user. Each case acts as an outsider and
// then re-reads the state to show that nothing changed.
import type { AgendaItem, GroupDetail, JoinRequest, Minutes, RoundDetail } from '@qiao/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { dbTargets } from '../../testing/db.ts';
import { buildGroup, buildRound, call, lockMinutes, signInCast, type Cast, type Signed } from './group.fixtures.ts';

const SECRET_POSITION = 'US position: share station data only after a 24-month embargo.';
const SECRET_DRAFT = 'Draft: the CN side raised concerns about export of raw seismic data.';
const SECRET_COMMENT = 'Internal note: please soften paragraph two.';
const RECORDED = { en: 'Exchange station metadata by June.', zh: '六月前交换站点元数据。' };

type Res = { status: number; body: { error?: { id: string } } };
const refusal = (res: Res) => ({ status: res.status, id: res.body.error?.id });

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`working-group scope on ${target.name}`, () => {
    let database: Database;
    let t: TestApp;
    /** The group under test and its people. */
    let c: Cast;
    /** Another group's people: its co-chairs and members have no tie to `groupId`. */
    let o: Cast;
    let usOfficer: Signed;
    let cnOfficer: Signed;
    let groupId: string;
    let round: { trackId: string; roundId: string; itemId: string };
    let draft: Minutes;
    let locked: Minutes;

    beforeAll(async () => {
      database = await target.open();
      t = await buildTestApp(database);
      c = await signInCast(t);
      o = await signInCast(t);
      groupId = await buildGroup(t, c, { activate: true });
      await buildGroup(t, o, { activate: true });
      for (const side of ['US', 'CN'] as const) {
        const { session, headers } = await t.signInAs(['compliance_officer'], side);
        const s = { id: session.user.id, user: session.user, headers };
        if (side === 'US') usOfficer = s;
        else cnOfficer = s;
      }
      round = await buildRound(t, c, groupId);
      expect((await call(t, c.usMember, 'PUT', `/api/dialogues/items/${round.itemId}/positions/US`, { position: { en: SECRET_POSITION } })).status).toBe(200);
      expect((await call(t, c.usChair, 'POST', `/api/dialogues/items/${round.itemId}/convergence`, { status: 'narrowing', note: 'Embargo length still open' })).status).toBe(200);
      draft = (await call<Minutes>(t, c.cnMember, 'POST', `/api/dialogues/rounds/${round.roundId}/minutes`, { body: { en: SECRET_DRAFT }, decisions: [] })).body;
      expect((await call(t, c.usMember, 'POST', `/api/dialogues/minutes/${draft.id}/comments`, { body: SECRET_COMMENT })).status).toBe(201);
      const second = await buildRound(t, c, groupId);
      locked = await lockMinutes(t, c, second.roundId, [RECORDED]);
      expect(locked.status).toBe('locked');
    });
    afterAll(async () => {
      await t.close();
      await database.close();
    });

    const outsiders = () =>
      [
        ['a co-chair of another group', o.usChair],
        ['a member of another group', o.cnMember],
        ['a signed-in user in no group', c.outsider],
        ['a US compliance officer with no tie', usOfficer],
        ['a CN compliance officer with no tie', cnOfficer],
      ] as const;

    it('keeps positions, convergence, draft minutes, revisions and comments to members and admins', async () => {
      const contentUrls = [
        `/api/dialogues/rounds/${round.roundId}`,
        `/api/dialogues/items/${round.itemId}`,
        `/api/dialogues/minutes/${draft.id}`,
        `/api/dialogues/minutes/${draft.id}/revisions`,
        `/api/dialogues/minutes/${draft.id}/comments`,
        `/api/dialogues/minutes/${locked.id}/revisions`,
        `/api/dialogues/minutes/${locked.id}/comments`,
      ];
      for (const [who, user] of outsiders()) {
        for (const url of contentUrls) expect({ who, url, ...refusal(await call(t, user, 'GET', url)) }).toEqual({ who, url, status: 403, id: 'out_of_scope' });
      }
      for (const user of [c.usMember, c.cnMember, c.cnChair, c.admin]) {
        const detail = await call<RoundDetail>(t, user, 'GET', `/api/dialogues/rounds/${round.roundId}`);
        expect(detail.body.agenda[0]?.positions.map((p) => p.position.en)).toEqual([SECRET_POSITION]);
        expect(detail.body.minutesId).toBe(draft.id);
        const item = await call<AgendaItem>(t, user, 'GET', `/api/dialogues/items/${round.itemId}`);
        expect(item.body.history.map((h) => h.to)).toEqual(['narrowing']);
        expect((await call<Minutes>(t, user, 'GET', `/api/dialogues/minutes/${draft.id}`)).body.revision.body.en).toBe(SECRET_DRAFT);
        expect((await call<{ items: { body: string }[] }>(t, user, 'GET', `/api/dialogues/minutes/${draft.id}/comments`)).body.items.map((x) => x.body)).toEqual([SECRET_COMMENT]);
      }
    });

    it('lets every signed-in user read locked minutes and recorded decisions, and no list leaks group content', async () => {
      for (const [who, user] of outsiders()) {
        const m = await call<Minutes>(t, user, 'GET', `/api/dialogues/minutes/${locked.id}`);
        expect({ who, status: m.status, minutes: m.body.status, body: m.body.revision.body.en }).toEqual({ who, status: 200, minutes: 'locked', body: 'Both sides met.' });
        const decisions = await call<{ items: { text: { en: string } }[] }>(t, user, 'GET', `/api/dialogues/decisions?groupId=${groupId}`);
        expect(decisions.body.items.map((d) => d.text.en)).toEqual([RECORDED.en]);
        const lists = [
          '/api/working-groups',
          `/api/working-groups/${groupId}`,
          `/api/dialogues/groups/${groupId}/tracks`,
          `/api/dialogues/tracks/${round.trackId}/rounds`,
          `/api/working-groups/${groupId}/actions`,
          `/api/working-groups/${groupId}/results`,
          `/api/working-groups/${groupId}/join-requests`,
          '/api/notifications',
          `/api/record?groupId=${groupId}`,
        ];
        for (const url of lists) {
          const res = await call(t, user, 'GET', url);
          expect({ who, url, status: res.status }).toEqual({ who, url, status: 200 });
          const text = JSON.stringify(res.body);
          for (const secret of [SECRET_POSITION, SECRET_DRAFT, SECRET_COMMENT, 'Embargo length still open']) expect({ who, url, leaks: text.includes(secret) }).toEqual({ who, url, leaks: false });
        }
      }
    });

    it('refuses every co-chair action to a co-chair of another group and changes nothing', async () => {
      const stranger = o.usChair;
      const pending = (await call<JoinRequest>(t, c.outsider, 'POST', `/api/working-groups/${groupId}/join-requests`, { message: 'please' })).body;
      const before = await stateOf(draft.id);
      const attempts: [string, 'POST' | 'PATCH' | 'PUT' | 'DELETE', string, object?][] = [
        ['edit the group', 'PATCH', `/api/working-groups/${groupId}`, { charter: { en: 'Hijacked charter.' }, version: before.group.version }],
        ['change its status', 'POST', `/api/working-groups/${groupId}/status`, { status: 'paused', version: before.group.version }],
        ['decide a join request', 'POST', `/api/working-groups/${groupId}/join-requests/${pending.id}/decision`, { decision: 'approve' }],
        ['remove a member', 'DELETE', `/api/working-groups/${groupId}/members/${c.usMember.id}`],
        ['open a track', 'POST', `/api/dialogues/groups/${groupId}/tracks`, { title: { en: 'Hijack' } }],
        ['plan a round', 'POST', `/api/dialogues/tracks/${round.trackId}/rounds`, { title: { en: 'Hijack' }, startsAt: '2026-07-01', onlineLink: 'https://meet.example.org/x' }],
        ['change a round', 'PATCH', `/api/dialogues/rounds/${round.roundId}`, { status: 'held', version: before.round.version }],
        ['set the agenda', 'POST', `/api/dialogues/rounds/${round.roundId}/items`, { title: { en: 'Hijack' } }],
        ['set convergence', 'POST', `/api/dialogues/items/${round.itemId}/convergence`, { status: 'agreed' }],
        ['write the US position', 'PUT', `/api/dialogues/items/${round.itemId}/positions/US`, { position: { en: 'hijacked' } }],
        ['approve the minutes', 'POST', `/api/dialogues/minutes/${draft.id}/approvals`, { revision: 1 }],
        ['amend the minutes', 'PUT', `/api/dialogues/minutes/${draft.id}`, { body: { en: 'hijacked' }, decisions: [], version: before.minutes.version }],
        ['comment on the minutes', 'POST', `/api/dialogues/minutes/${draft.id}/comments`, { body: 'hijacked' }],
        ['assign an action', 'POST', '/api/actions', { decisionId: locked.decisionIds[0], title: { en: 'Hijack' }, dueDate: '2026-09-01', owners: [{ side: 'US', userId: c.usMember.id }, { side: 'CN', userId: c.cnMember.id }] }],
        ['define a result', 'POST', '/api/actions/results', { groupId, title: { en: 'Hijack' } }],
      ];
      for (const [what, method, url, body] of attempts) {
        expect({ what, ...refusal(await call(t, stranger, method, url, body)) }).toEqual({ what, status: 403, id: 'out_of_scope' });
      }
      expect(await stateOf(draft.id)).toEqual(before);
      const request = (await call<{ items: JoinRequest[] }>(t, c.usChair, 'GET', `/api/working-groups/${groupId}/join-requests`)).body.items.find((r) => r.id === pending.id);
      expect(request?.status).toBe('pending');
    });

    it('answers in-group refusals by role or side, not by scope', async () => {
      // A member of the group who lacks the co-chair role, and the co-chair of the other side.
      expect(refusal(await call(t, c.usMember, 'POST', `/api/dialogues/items/${round.itemId}/convergence`, { status: 'agreed' }))).toEqual({ status: 403, id: 'forbidden' });
      expect(refusal(await call(t, c.cnMember, 'PUT', `/api/dialogues/items/${round.itemId}/positions/US`, { position: { en: 'hijacked' } }))).toEqual({ status: 403, id: 'wrong_side' });
      const req = (await call<JoinRequest>(t, o.cnMember, 'POST', `/api/working-groups/${groupId}/join-requests`, {})).body;
      expect(refusal(await call(t, c.usChair, 'POST', `/api/working-groups/${groupId}/join-requests/${req.id}/decision`, { decision: 'approve' }))).toEqual({ status: 403, id: 'wrong_side' });
      expect(refusal(await call(t, c.usChair, 'DELETE', `/api/working-groups/${groupId}/members/${c.cnMember.id}`))).toEqual({ status: 403, id: 'wrong_side' });
      const members = (await call<GroupDetail>(t, c.admin, 'GET', `/api/working-groups/${groupId}`)).body.members.map((m) => m.userId);
      expect(members).toContain(c.cnMember.id);
      expect(members).not.toContain(o.cnMember.id);
    });

    /** Everything the refused writes could have touched, read back as an admin. */
    async function stateOf(minutesId: string) {
      const group = (await call<GroupDetail>(t, c.admin, 'GET', `/api/working-groups/${groupId}`)).body;
      const tracks = (await call<{ items: unknown[] }>(t, c.admin, 'GET', `/api/dialogues/groups/${groupId}/tracks`)).body.items;
      const rounds = (await call<{ items: unknown[] }>(t, c.admin, 'GET', `/api/dialogues/tracks/${round.trackId}/rounds`)).body.items;
      const roundDetail = (await call<RoundDetail>(t, c.admin, 'GET', `/api/dialogues/rounds/${round.roundId}`)).body;
      const minutes = (await call<Minutes>(t, c.admin, 'GET', `/api/dialogues/minutes/${minutesId}`)).body;
      const comments = (await call<{ items: unknown[] }>(t, c.admin, 'GET', `/api/dialogues/minutes/${minutesId}/comments`)).body.items;
      const actions = (await call<{ items: unknown[] }>(t, c.admin, 'GET', `/api/working-groups/${groupId}/actions`)).body.items;
      const results = (await call<{ items: unknown[] }>(t, c.admin, 'GET', `/api/working-groups/${groupId}/results`)).body.items;
      return { group, tracks, rounds, round: roundDetail, minutes, comments, actions, results };
    }
  });
}
