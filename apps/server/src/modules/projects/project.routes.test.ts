import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Project, ProjectHistoryEntry } from '@qiao/contracts';
import type { Database } from '../../db/client.ts';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { dbTargets } from '../../testing/db.ts';
import { buildGroup, call, signInCast, type Cast, type Signed } from '../groups/group.fixtures.ts';
import { drainJobs, fixtureFiles } from '../screening/fixtures/fixtures.ts';

const SEMI = {
  title: { en: 'EUV lithography metrology', zh: '极紫外光刻计量' },
  abstract: { en: 'Joint research on extreme ultraviolet (EUV) lithography for advanced semiconductor manufacturing.', zh: '关于先进半导体制造中极紫外光刻的联合研究。' },
  technologyArea: 'semiconductors',
};
const NUTRITION = {
  title: { en: 'Maternal nutrition cohort', zh: '孕产妇营养队列' },
  abstract: { en: 'A cohort study of iron supplementation in pregnancy.', zh: '孕期补铁的队列研究。' },
  technologyArea: 'maternal nutrition',
};

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`joint projects on ${target.name}`, () => {
    let database: Database;
    let t: TestApp;
    let c: Cast;
    let groupId: string;
    let usOfficer: Signed;
    let cnOfficer: Signed;
    /** The cast of a second working group: its co-chairs and members have no tie to `groupId`. */
    let other: Cast;
    const org: Record<string, string> = {};

    beforeAll(async () => {
      database = await target.open();
      t = await buildTestApp(database);
      c = await signInCast(t);
      groupId = await buildGroup(t, c, { activate: true });
      other = await signInCast(t);
      await buildGroup(t, other, { activate: true });
      for (const [side, roles] of [['US', ['compliance_officer']], ['CN', ['compliance_officer']]] as const) {
        const { session, headers } = await t.signInAs([...roles], side);
        const s = { id: session.user.id, user: session.user, headers };
        if (side === 'US') usOfficer = s;
        else cnOfficer = s;
      }
      await t.services.screening.lists.importFiles(null, fixtureFiles('v1'));
      await drainJobs(t.services);
      const mk = async (key: string, en: string, side: string) => {
        org[key] = (await t.services.parties.createOrganization(null, { names: [{ lang: 'en', value: en }], side, country: side, kind: 'university' })).id;
      };
      await mk('ucla', 'University of California, Los Angeles', 'US');
      await mk('tsinghua', 'Tsinghua University', 'CN');
      await mk('hit', 'Harbin Institute of Technology', 'CN');
      await mk('dahua', 'Zhejiang Dahua Technology Co., Ltd.', 'CN');
    });
    afterAll(async () => {
      await t.close();
      await database.close();
    });

    const parties = (...keys: string[]) => keys.map((k) => ({ partyId: org[k] ?? '', kind: 'organization' as const, role: 'partner' as const }));
    const create = async (who: Signed, body: object) => {
      const res = await call<Project>(t, who, 'POST', '/api/projects', { groupId, ...body });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body;
    };
    const act = async (who: Signed, p: { id: string }, action: string, reason = '') => {
      const now = (await call<Project>(t, who, 'GET', `/api/projects/${p.id}`)).body;
      return call<Project & { error?: { id: string; message: string } }>(t, who, 'POST', `/api/projects/${p.id}/transitions`, { action, reason, version: now.version });
    };
    const review = (who: Signed, p: { id: string }, side: string, decision: string, reason: string) =>
      call<Project & { error?: { id: string } }>(t, who, 'POST', `/api/projects/${p.id}/reviews`, { side, decision, reason });

    it('lets group members propose, and refuses outsiders and unknown parties', async () => {
      const p = await create(c.usMember, { ...NUTRITION, parties: parties('ucla', 'tsinghua') });
      expect(p).toMatchObject({ status: 'draft', allowedActions: expect.arrayContaining(['submit', 'withdraw']) as unknown });
      expect((await call(t, c.outsider, 'POST', '/api/projects', { groupId, ...NUTRITION })).status).toBe(403);
      const unknown = await call<{ error: { message: string } }>(t, c.usMember, 'POST', '/api/projects', { groupId, ...NUTRITION, parties: [{ partyId: '00000000-0000-4000-8000-000000000000', kind: 'organization' }] });
      expect(unknown.body.error.message).toBe('parties.0.partyId: no such organization');
      const badPlan = await call<{ error: { message: string } }>(t, c.usMember, 'POST', '/api/projects', { groupId, ...NUTRITION, dataPlan: [{ direction: 'CN-US', dataset: { kinds: ['gossip'] } }] });
      expect(badPlan.body.error.message).toMatch(/^dataPlan\.0\.dataset\.kinds\.0: /);
    });

    it('needs both languages and a party from each side to submit', async () => {
      const oneSide = await create(c.usMember, { ...NUTRITION, parties: parties('ucla') });
      const res = await act(c.usMember, oneSide, 'submit');
      expect(res.status).toBe(400);
      expect(res.body.error).toEqual({ id: 'parity_violation', message: 'a joint project needs at least one party from each side; missing: CN' });
      const monolingual = await create(c.usMember, { ...NUTRITION, title: { en: 'Only English' }, parties: parties('ucla', 'tsinghua') });
      expect((await act(c.usMember, monolingual, 'submit')).body.error?.message).toBe('title: give it in both English and Chinese before submitting');
      expect((await call<Project>(t, c.usMember, 'GET', `/api/projects/${monolingual.id}`)).body.status).toBe('draft');
    });

    it('flags a semiconductor abstract for review; the US officer clears it, then both co-chairs approve', async () => {
      const p = await create(c.cnMember, { ...SEMI, parties: parties('ucla', 'tsinghua') });
      const submitted = (await act(c.cnMember, p, 'submit')).body;
      expect(submitted.status).toBe('submitted');
      expect(submitted.checks?.flags).toEqual([expect.objectContaining({ side: 'US', kind: 'technology', severity: 'review' })]);
      expect(submitted.pendingReviewSides).toEqual(['US']);
      expect((await act(c.usChair, p, 'start_review')).body.status).toBe('under_review');
      const early = await act(c.usChair, p, 'approve');
      expect(early.status).toBe(409);
      expect(early.body.error?.message).toBe('waiting for the compliance review of side US');
      expect((await review(cnOfficer, p, 'US', 'cleared', 'Not our side to clear')).body.error?.id).toBe('wrong_side');
      expect((await review(cnOfficer, p, 'CN', 'cleared', 'Nothing on our side at all')).body.error?.id).toBe('out_of_scope');
      expect((await review(usOfficer, p, 'US', 'cleared', 'short')).status).toBe(400);
      const cleared = await review(usOfficer, p, 'US', 'cleared', 'Metrology research, no controlled items shared');
      expect(cleared.body.pendingReviewSides).toEqual([]);
      expect((await act(c.usMember, p, 'approve')).status).toBe(403);
      const first = (await act(c.usChair, p, 'approve')).body;
      expect(first.status).toBe('under_review');
      expect(first.signOffs.map((s) => s.side)).toEqual(['US']);
      // Signed: the US co-chair is no longer offered the sign-off; the CN co-chair still is.
      expect(first.allowedActions).not.toContain('approve');
      expect((await call<Project>(t, c.cnChair, 'GET', `/api/projects/${p.id}`)).body.allowedActions).toContain('approve');
      expect((await act(c.usChair, p, 'approve')).status).toBe(409);
      const second = (await act(c.cnChair, p, 'approve')).body;
      expect(second.status).toBe('approved');
      const history = (await call<{ items: { action: string }[] }>(t, c.usMember, 'GET', `/api/projects/${p.id}/history`)).body.items.map((e) => e.action);
      expect(history).toEqual(['create', 'submit', 'start_review', 'review_cleared', 'sign_off', 'approve']);
    });

    it('flags a party on a list for the listing side, and blocks a prohibited data transfer', async () => {
      const p = await create(c.usMember, {
        ...NUTRITION,
        parties: parties('ucla', 'hit'),
        dataPlan: [{ direction: 'US-CN', dataset: { categories: [{ category: 'human-genomic', subjects: 5000 }], us: { transaction: 'vendor-agreement' } } }],
      });
      const s = (await act(c.usMember, p, 'submit')).body;
      const flags = s.checks?.flags ?? [];
      expect(flags.find((f) => f.kind === 'screening')).toMatchObject({ side: 'US', severity: 'review', summaryEn: expect.stringContaining('Harbin Institute of Technology') as string });
      expect(flags.find((f) => f.kind === 'transfer')).toMatchObject({ side: 'US', severity: 'blocking' });
      expect(s.parties.find((x) => x.partyId === org.hit)?.screeningStatus).toBe('potential_match');
      const blocked = await review(usOfficer, p, 'US', 'cleared', 'Trying to clear a prohibited transfer');
      expect(blocked.status).toBe(409);
      expect((await review(usOfficer, p, 'US', 'blocked', 'Genomic data cannot go to a country of concern')).body.status).toBe('under_review');
      expect((await act(c.usChair, p, 'approve')).status).toBe(409);
      expect((await act(c.usChair, p, 'request_changes', 'too short')).status).toBe(400);
      expect((await act(c.usChair, p, 'request_changes', 'Remove the genomic data flow')).body.status).toBe('changes_requested');
    });

    it('puts an approved project back under review when one of its parties lands on a list', async () => {
      const p = await create(c.usMember, { ...NUTRITION, parties: parties('ucla', 'dahua') });
      await act(c.usMember, p, 'submit');
      await act(c.usChair, p, 'start_review');
      await act(c.usChair, p, 'approve');
      expect((await act(c.cnChair, p, 'approve')).body.status).toBe('approved');
      await t.services.screening.lists.importFiles(null, fixtureFiles('v2'), { allowShrink: true });
      await drainJobs(t.services);
      const after = (await call<Project>(t, c.usMember, 'GET', `/api/projects/${p.id}`)).body;
      expect(after.status).toBe('under_review');
      expect(after.checks?.trigger).toMatch(/^screening change/);
      expect(after.checks?.flags).toEqual([expect.objectContaining({ kind: 'screening', side: 'US' })]);
      expect(after.pendingReviewSides).toEqual(['US']);
      // The history says which party changed and how, by name, not by id and raw reason.
      const history = (await call<{ items: ProjectHistoryEntry[] }>(t, c.usMember, 'GET', `/api/projects/${p.id}/history`)).body.items;
      const recheck = history.find((e) => e.action === 'rechecked' && e.recheck?.partyId === org.dahua);
      expect(recheck).toMatchObject({ reason: '', from: 'approved', to: 'under_review', recheck: { partyName: expect.stringContaining('Dahua') as string, status: expect.stringMatching(/match/) as string } });
      expect(history.filter((e) => e.action !== 'rechecked').every((e) => e.recheck === null)).toBe(true);
    });

    it('keeps an approved project approved when a re-check only answers a concern, and reopens it when one is added', async () => {
      const p = await create(c.usMember, { ...NUTRITION, parties: parties('ucla', 'hit') });
      await act(c.usMember, p, 'submit');
      await act(c.usChair, p, 'start_review');
      await review(usOfficer, p, 'US', 'cleared', 'A namesake of the listed institute, reviewed');
      await act(c.usChair, p, 'approve');
      expect((await act(c.cnChair, p, 'approve')).body.status).toBe('approved');
      const hit = (await call<{ hits: { listId: string; recordId: string }[] }>(t, usOfficer, 'GET', `/api/screening/parties/${org.hit ?? ''}`)).body.hits[0];
      expect(hit).toBeDefined();
      // The US officer answers the US concern; the party's own (CN) status does not change with it.
      const decided = await call(t, usOfficer, 'POST', '/api/screening/decisions', { partyId: org.hit, listId: hit?.listId, recordId: hit?.recordId, decision: 'false_positive', reason: 'Different institute with a similar name', side: 'US' });
      expect(decided.status, JSON.stringify(decided.body)).toBe(201);
      const after = (await call<Project>(t, c.usMember, 'GET', `/api/projects/${p.id}`)).body;
      expect(after.checks?.flags.filter((f) => f.kind === 'screening')).toEqual([]);
      expect(after.status).toBe('approved');
      // The opposite answer adds a blocking concern: the project goes back under review.
      const confirmed = await call(t, usOfficer, 'POST', '/api/screening/decisions', { partyId: org.hit, listId: hit?.listId, recordId: hit?.recordId, decision: 'true_match', reason: 'On second look, this is the listed institute', side: 'US' });
      expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(201);
      const reopened = (await call<Project>(t, c.usMember, 'GET', `/api/projects/${p.id}`)).body;
      expect(reopened.status).toBe('under_review');
      expect(reopened.checks?.flags).toEqual([expect.objectContaining({ kind: 'screening', side: 'US', severity: 'blocking' })]);
    });

    /** What a refused action must leave untouched: status, version, reviews, sign-offs and the history. */
    const snapshot = async (p: { id: string }) => {
      const now = (await call<Project>(t, c.admin, 'GET', `/api/projects/${p.id}`)).body;
      const history = (await call<{ items: unknown[] }>(t, c.admin, 'GET', `/api/projects/${p.id}/history`)).body.items;
      return { status: now.status, version: now.version, reviews: now.reviews, signOffs: now.signOffs, history };
    };
    const refusedOutOfScope = (res: { status: number; body: { error?: { id: string } } }) => expect({ status: res.status, id: res.body.error?.id }).toEqual({ status: 403, id: 'out_of_scope' });

    it('keeps compliance actions on a flagged project to officers of the flagged side', async () => {
      const p = await create(c.cnMember, { ...SEMI, parties: parties('ucla', 'tsinghua') });
      const submitted = (await act(c.cnMember, p, 'submit')).body;
      expect(submitted.checks?.flags.map((f) => f.side)).toEqual(['US']);
      const before = await snapshot(p);
      // The CN officer (no CN flag here), a co-chair and a member of another group, a signed-in outsider.
      for (const who of [cnOfficer, other.usChair, other.cnChair, other.usMember, c.outsider]) {
        for (const [action, reason] of [['start_review', ''], ['request_changes', 'Please rework the abstract'], ['reject', 'Not a project we can support']] as const) {
          refusedOutOfScope(await act(who, p, action, reason));
        }
      }
      refusedOutOfScope(await review(cnOfficer, p, 'CN', 'blocked', 'Blocking from a side with no flags'));
      const crossSide = await review(cnOfficer, p, 'US', 'cleared', 'Clearing the other side’s flag');
      expect({ status: crossSide.status, id: crossSide.body.error?.id }).toEqual({ status: 403, id: 'wrong_side' });
      expect(await snapshot(p)).toEqual(before);
      expect((await call<Project>(t, cnOfficer, 'GET', `/api/projects/${p.id}`)).body.allowedActions).toEqual([]);
      expect((await call<Project>(t, usOfficer, 'GET', `/api/projects/${p.id}`)).body.allowedActions).toEqual(['start_review', 'request_changes', 'reject']);
      expect((await act(usOfficer, p, 'start_review')).body.status).toBe('under_review');
    });

    it('leaves an unflagged project to the co-chairs of its own group', async () => {
      const p = await create(c.usMember, { ...NUTRITION, parties: parties('ucla', 'tsinghua') });
      expect((await act(c.usMember, p, 'submit')).body.checks?.flags).toEqual([]);
      const before = await snapshot(p);
      for (const who of [usOfficer, cnOfficer, other.usChair, other.cnChair]) {
        for (const [action, reason] of [['start_review', ''], ['request_changes', 'Please rework the abstract'], ['reject', 'Not a project we can support']] as const) {
          refusedOutOfScope(await act(who, p, action, reason));
        }
      }
      for (const who of [other.usMember, c.outsider]) refusedOutOfScope(await act(who, p, 'withdraw'));
      for (const side of ['US', 'CN']) {
        const res = await review(side === 'US' ? usOfficer : cnOfficer, p, side, 'cleared', 'Nothing to review on this project');
        refusedOutOfScope(res);
      }
      expect(await snapshot(p)).toEqual(before);
      expect((await act(c.usChair, p, 'start_review')).body.status).toBe('under_review');
      const reviewing = await snapshot(p);
      for (const who of [other.usChair, other.cnChair, usOfficer]) refusedOutOfScope(await act(who, p, 'approve'));
      expect(await snapshot(p)).toEqual(reviewing);
      expect((await act(c.usChair, p, 'approve')).body.signOffs.map((s) => s.side)).toEqual(['US']);
    });

    it('refuses a transition based on a stale version and edits outside draft', async () => {
      const p = await create(c.usMember, { ...NUTRITION, parties: parties('ucla', 'tsinghua') });
      const stale = await call<{ error: { id: string } }>(t, c.usMember, 'POST', `/api/projects/${p.id}/transitions`, { action: 'submit', version: p.version + 3 });
      expect(stale.body.error.id).toBe('conflict');
      await act(c.usMember, p, 'submit');
      const edit = await call<{ error: { id: string } }>(t, c.usMember, 'PATCH', `/api/projects/${p.id}`, { version: 2, technologyArea: 'x' });
      expect(edit.body.error.id).toBe('invalid_transition');
      expect((await act(c.cnMember, p, 'withdraw')).status).toBe(403);
      expect((await act(c.usMember, p, 'withdraw')).body.status).toBe('withdrawn');
    });
  });
}
