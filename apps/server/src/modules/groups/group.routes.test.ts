import type { GroupDetail, JoinRequest, JoinRequestListItem } from '@qiao/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { dbTargets } from '../../testing/db.ts';
import { buildGroup, call, groupInput, signInCast, type Cast } from './group.fixtures.ts';

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`working groups on ${target.name}`, () => {
    let database: Database;
    let t: TestApp;
    let c: Cast;
    beforeAll(async () => {
      database = await target.open();
      t = await buildTestApp(database);
      c = await signInCast(t);
    });
    afterAll(async () => {
      await t.close();
      await database.close();
    });

    it('documents every route in OpenAPI with a summary', async () => {
      const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, Record<string, { summary?: string }>> }>();
      const ours = Object.entries(doc.paths).filter(([p]) => /^\/api\/(working-groups|dialogues|actions|record|notifications)/.test(p));
      expect(ours.length).toBeGreaterThan(25);
      for (const [p, ops] of ours) for (const [method, op] of Object.entries(ops)) expect(op.summary, `${method} ${p}`).toBeTruthy();
    });

    it('lets only admins create groups, flags a missing language and audits the write', async () => {
      const refused = await call(t, c.usChair, 'POST', '/api/working-groups', groupInput);
      expect(refused.status).toBe(403);
      expect((await call(t, null, 'GET', '/api/working-groups')).status).toBe(401);
      const res = await call<{ id: string; status: string; name: { flag: string }; charter: { flag: string } }>(t, c.admin, 'POST', '/api/working-groups', { ...groupInput, charter: { en: 'English only for now.' } });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'proposed', name: { flag: 'ok' }, charter: { flag: 'missing_zh' } });
      const audit = await t.services.database.db.query.auditLog.findMany({ where: (l, { eq }) => eq(l.entityId, res.body.id) });
      expect(audit.map((a) => a.action)).toEqual(['working_group.create']);
    });

    it('flags the language left behind when only the other one is edited', async () => {
      const id = await buildGroup(t, c);
      const res = await call<{ charter: { flag: string; en: string; zh: string } }>(t, c.cnChair, 'PATCH', `/api/working-groups/${id}`, { charter: { zh: '更新后的章程。' }, version: 1 });
      expect(res.status).toBe(200);
      expect(res.body.charter).toMatchObject({ zh: '更新后的章程。', en: groupInput.charter.en, flag: 'en_older' });
      const stale = await call(t, c.usChair, 'PATCH', `/api/working-groups/${id}`, { charter: { en: 'x' }, version: 1 });
      expect(stale.status).toBe(409);
      const member = await call(t, c.usMember, 'PATCH', `/api/working-groups/${id}`, { technologyArea: 'x', version: 2 });
      expect(member.status).toBe(403);
      const mine = (await call<{ items: { id: string }[] }>(t, c.usMember, 'GET', '/api/working-groups?mine=true')).body.items;
      expect(mine.map((g) => g.id)).toContain(id);
      expect((await call<{ items: unknown[] }>(t, c.outsider, 'GET', '/api/working-groups?mine=true')).body.items).toEqual([]);
    });

    it('keeps one co-chair per side and needs every side before the group can be active', async () => {
      const group = (await call<{ id: string }>(t, c.admin, 'POST', '/api/working-groups', groupInput)).body;
      const url = `/api/working-groups/${group.id}`;
      expect((await call(t, c.admin, 'POST', `${url}/co-chairs`, { userId: c.usChair.id })).status).toBe(200);
      const early = await call(t, c.admin, 'POST', `${url}/status`, { status: 'active', version: 1 });
      expect(early).toMatchObject({ status: 409, body: { error: { id: 'parity_violation', message: expect.stringMatching(/missing: CN/) as unknown } } });
      const second = await call(t, c.admin, 'POST', `${url}/co-chairs`, { userId: c.outsider.id });
      expect(second).toMatchObject({ status: 409, body: { error: { id: 'parity_violation' } } });
      expect((await call(t, c.usChair, 'POST', `${url}/co-chairs`, { userId: c.cnChair.id })).status).toBe(403);
      const wrongSide = await call(t, c.admin, 'PUT', `${url}/co-chairs/CN`, { userId: c.usMember.id });
      expect(wrongSide).toMatchObject({ status: 400, body: { error: { id: 'validation_failed', message: 'userId: the user belongs to US, not CN' } } });
      expect((await call(t, c.admin, 'POST', `${url}/co-chairs`, { userId: c.cnChair.id })).status).toBe(200);
      const active = await call<{ status: string }>(t, c.admin, 'POST', `${url}/status`, { status: 'active', version: 1 });
      expect(active).toMatchObject({ status: 200, body: { status: 'active' } });
      const closedToActive = await call(t, c.admin, 'POST', `${url}/status`, { status: 'proposed', version: 2 });
      expect(closedToActive).toMatchObject({ status: 409, body: { error: { id: 'invalid_transition' } } });
      // Handing over keeps exactly one co-chair for the side.
      const handed = await call<GroupDetail>(t, c.admin, 'PUT', `${url}/co-chairs/US`, { userId: c.outsider.id });
      expect(handed.body.coChairs).toEqual({ US: c.outsider.id, CN: c.cnChair.id });
      expect(handed.body.members.filter((m) => m.role === 'co_chair')).toHaveLength(2);
      expect(handed.body.members.find((m) => m.userId === c.usChair.id)?.role).toBe('member');
    });

    it('holds parity in the database when two appointments race', async () => {
      const group = (await call<{ id: string }>(t, c.admin, 'POST', '/api/working-groups', groupInput)).body;
      const results = await Promise.all([c.usChair, c.outsider].map((u) => call(t, c.admin, 'POST', `/api/working-groups/${group.id}/co-chairs`, { userId: u.id })));
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const detail = (await call<GroupDetail>(t, c.usMember, 'GET', `/api/working-groups/${group.id}`)).body;
      expect(detail.members.filter((m) => m.role === 'co_chair' && m.side === 'US')).toHaveLength(1);
    });

    it("lets only the co-chair of the requester's side decide a join request", async () => {
      const group = (await call<{ id: string }>(t, c.admin, 'POST', '/api/working-groups', groupInput)).body;
      const url = `/api/working-groups/${group.id}`;
      for (const chair of [c.usChair, c.cnChair]) await call(t, c.admin, 'POST', `${url}/co-chairs`, { userId: chair.id });
      const req = (await call<JoinRequest>(t, c.cnMember, 'POST', `${url}/join-requests`, { message: '我想加入' })).body;
      expect(req).toMatchObject({ side: 'CN', status: 'pending', role: 'member' });
      expect((await call(t, c.cnMember, 'POST', `${url}/join-requests`, {})).status).toBe(409);
      // The co-chair reads who asks by name, never by an id.
      const listed = (await call<{ items: JoinRequestListItem[] }>(t, c.cnChair, 'GET', `${url}/join-requests`)).body.items;
      expect(listed).toContainEqual(expect.objectContaining({ id: req.id, requesterName: c.cnMember.user.displayName }));
      for (const [wrong, id] of [
        [c.usChair, 'wrong_side'],
        [c.admin, 'forbidden'],
        // The requester is not a member yet, and cannot admit themselves.
        [c.cnMember, 'out_of_scope'],
        [c.outsider, 'out_of_scope'],
      ] as const) {
        const res = await call(t, wrong, 'POST', `${url}/join-requests/${req.id}/decision`, { decision: 'approve' });
        expect(res).toMatchObject({ status: 403, body: { error: { id } } });
      }
      const notices = (await call<{ items: { kind: string; entityId: string }[] }>(t, c.cnChair, 'GET', '/api/notifications')).body.items;
      expect(notices).toContainEqual(expect.objectContaining({ kind: 'join_request', entityId: req.id }));
      const approved = await call<JoinRequest>(t, c.cnChair, 'POST', `${url}/join-requests/${req.id}/decision`, { decision: 'approve' });
      expect(approved.body).toMatchObject({ status: 'approved', decidedBy: c.cnChair.id });
      expect((await call(t, c.cnChair, 'POST', `${url}/join-requests/${req.id}/decision`, { decision: 'decline' })).status).toBe(409);
      const detail = (await call<GroupDetail>(t, c.outsider, 'GET', url)).body;
      expect(detail.members).toContainEqual(expect.objectContaining({ userId: c.cnMember.id, side: 'CN', role: 'member' }));
      const declined = (await call<JoinRequest>(t, c.outsider, 'POST', `${url}/join-requests`, { role: 'observer' })).body;
      expect((await call(t, c.usChair, 'POST', `${url}/join-requests/${declined.id}/decision`, { decision: 'decline' })).body).toMatchObject({ status: 'declined' });
      expect((await call<JoinRequest[]>(t, c.outsider, 'GET', `${url}/join-requests`)).body).toMatchObject({ items: [{ id: declined.id }] });
    });
  });
}
