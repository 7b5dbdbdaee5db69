import type { Organization, PartyProposal, Person } from '@qiao/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../testing/app.ts';
import { dbTargets } from '../../testing/db.ts';
import { names, openPartyApp, type PartyApp } from './party.fixtures.ts';

const harbin = { kind: 'organization', names: names('Harbin Institute of Technology', '哈尔滨工业大学'), side: 'CN', country: 'CN', orgKind: 'university', reason: 'Partner of the earthquake forecasting group.' };

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`directory proposals on ${target.name}`, () => {
    let app: PartyApp;
    let t: TestApp;
    let member: Record<string, string>;
    let usOfficer: Record<string, string>;
    let cnOfficer: Record<string, string>;
    let admin: Record<string, string>;
    let harbinId: string;

    beforeAll(async () => {
      app = await openPartyApp(target);
      t = app.t;
      member = await app.signIn(['member'], 'US');
      usOfficer = await app.signIn(['compliance_officer'], 'US');
      cnOfficer = await app.signIn(['compliance_officer'], 'CN');
      admin = await app.signIn(['admin'], 'US');
    }, 180_000);
    afterAll(() => app.close());

    const send = <T>(headers: Record<string, string> | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => app.send<T>(headers, method, url, payload);
    const audits = (entityId: string) => app.audits(entityId);
    const counts = async () => ({ orgs: (await t.services.parties.listOrganizations({})).length, people: (await t.services.parties.listPeople({})).length });

    it('lets any member propose an organisation for either side, pending and audited', async () => {
      const res = await send<PartyProposal>(member, 'POST', '/api/party-proposals', harbin);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ kind: 'organization', side: 'CN', country: 'CN', orgKind: 'university', status: 'pending', partyId: null, screeningStatus: null, decidedBy: null, version: 1 });
      expect(res.body.names).toEqual(harbin.names);
      harbinId = res.body.id;
      expect((await audits(harbinId)).map((a) => a.action)).toEqual(['party_proposal.create']);
      const list = await send<{ items: PartyProposal[] }>(member, 'GET', '/api/party-proposals?status=pending');
      expect(list.body.items.map((p) => p.id)).toContain(harbinId);
    });

    it("tells the deciders in their inbox, in their language, and no one else", async () => {
      type Inbox = { items: { kind: string; entityId: string; title: string; link: string }[] };
      const notices = async (headers: Record<string, string>) => (await send<Inbox>(headers, 'GET', '/api/inbox')).body.items.filter((n) => n.kind === 'party_proposed' && n.entityId === harbinId);
      const cn = await notices(cnOfficer);
      expect(cn).toHaveLength(1);
      expect(cn[0]).toMatchObject({ title: 'Proposed for the directory: Harbin Institute of Technology', link: '/directory#proposals' });
      expect(await notices(admin)).toHaveLength(1);
      expect(await notices(usOfficer)).toHaveLength(0);
      expect(await notices(member)).toHaveLength(0);
      expect((await send(cnOfficer, 'PATCH', '/api/auth/me', { locale: 'zh' })).status).toBe(200);
      expect((await notices(cnOfficer))[0]?.title).toBe('名录提议：哈尔滨工业大学');
    });

    it('refuses bad proposals with the field named and stores nothing', async () => {
      const before = (await send<{ items: PartyProposal[] }>(member, 'GET', '/api/party-proposals')).body.items.length;
      const cases: [object, RegExp][] = [
        [{ ...harbin, country: undefined }, /^country: is required for an organisation/],
        [{ ...harbin, names: [] }, /^names: /],
        [{ ...harbin, side: 'XX' }, /^side: /],
        [{ ...harbin, reason: '' }, /^reason: /],
        [{ ...harbin, kind: 'vessel' }, /^kind: /],
      ];
      for (const [payload, message] of cases) {
        const res = await send(member, 'POST', '/api/party-proposals', payload);
        expect(res.status).toBe(400);
        expect(res.body.error?.id).toBe('validation_failed');
        expect(res.body.error?.message).toMatch(message);
      }
      expect((await send(null, 'POST', '/api/party-proposals', harbin)).status).toBe(401);
      expect((await send<{ items: PartyProposal[] }>(member, 'GET', '/api/party-proposals')).body.items.length).toBe(before);
    });

    it("refuses the other side's officer with wrong_side and a member with forbidden; nothing changes", async () => {
      const before = await counts();
      const other = await send(usOfficer, 'POST', `/api/party-proposals/${harbinId}/decision`, { decision: 'accept', version: 1 });
      expect(other.status).toBe(403);
      expect(other.body.error?.id).toBe('wrong_side');
      const rejectByOther = await send(usOfficer, 'POST', `/api/party-proposals/${harbinId}/decision`, { decision: 'reject', version: 1 });
      expect(rejectByOther.body.error?.id).toBe('wrong_side');
      const byMember = await send(member, 'POST', `/api/party-proposals/${harbinId}/decision`, { decision: 'accept', version: 1 });
      expect(byMember.status).toBe(403);
      expect(byMember.body.error?.id).toBe('forbidden');
      expect((await send<PartyProposal>(member, 'GET', `/api/party-proposals/${harbinId}`)).body).toMatchObject({ status: 'pending', version: 1, partyId: null, decidedBy: null });
      expect(await counts()).toEqual(before);
      expect((await audits(harbinId)).map((a) => a.action)).toEqual(['party_proposal.create']);
    });

    it("creates the party on acceptance by that side's officer and screens it at once", async () => {
      const stale = await send(cnOfficer, 'POST', `/api/party-proposals/${harbinId}/decision`, { decision: 'accept', version: 2 });
      expect(stale.status).toBe(409);
      expect(stale.body.error?.id).toBe('conflict');
      const res = await send<PartyProposal>(cnOfficer, 'POST', `/api/party-proposals/${harbinId}/decision`, { decision: 'accept', note: 'Known partner.', version: 1 });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'accepted', decisionNote: 'Known partner.', version: 2 });
      expect(res.body.decidedBy).not.toBeNull();
      // The fixture Entity List names Harbin Institute of Technology: the hit is waiting for a decision.
      expect(res.body.screeningStatus).toBe('potential_match');
      const partyId = res.body.partyId ?? '';
      const org = await send<Organization>(member, 'GET', `/api/organizations/${partyId}`);
      expect(org.body).toMatchObject({ side: 'CN', country: 'CN', kind: 'university', names: harbin.names });
      expect((await audits(partyId)).map((a) => a.action)).toEqual(['organization.create']);
      expect((await audits(harbinId)).map((a) => a.action)).toEqual(['party_proposal.create', 'party_proposal.accept']);
      const screening = await send<{ status: string; hitCount: number }>(cnOfficer, 'GET', `/api/screening/parties/${partyId}`);
      expect(screening.body).toMatchObject({ status: 'potential_match' });

      const before = await counts();
      const again = await send(admin, 'POST', `/api/party-proposals/${harbinId}/decision`, { decision: 'reject', version: 2 });
      expect(again.status).toBe(409);
      expect(again.body.error?.id).toBe('invalid_transition');
      expect(await counts()).toEqual(before);
    });

    it('lets only one of two deciders acting at once win: one party, the other answer 409', async () => {
      const raced = await send<PartyProposal>(member, 'POST', '/api/party-proposals', { ...harbin, names: names('Race Test University', '竞速测试大学') });
      const before = await counts();
      const answers = await Promise.all([
        send<PartyProposal>(cnOfficer, 'POST', `/api/party-proposals/${raced.body.id}/decision`, { decision: 'accept', version: 1 }),
        send<PartyProposal>(admin, 'POST', `/api/party-proposals/${raced.body.id}/decision`, { decision: 'accept', version: 1 }),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      expect((await counts()).orgs).toBe(before.orgs + 1);
      expect((await audits(raced.body.id)).map((a) => a.action)).toEqual(['party_proposal.create', 'party_proposal.accept']);
    });

    it('lets an admin accept a person for any side, and rejections create nothing', async () => {
      const person = await send<PartyProposal>(member, 'POST', '/api/party-proposals', { kind: 'person', names: names('Wang Fang', '王芳'), side: 'CN', reason: 'Co-author on the air-quality dataset.' });
      expect(person.body).toMatchObject({ kind: 'person', country: null, orgKind: null });
      const accepted = await send<PartyProposal>(admin, 'POST', `/api/party-proposals/${person.body.id}/decision`, { decision: 'accept', version: 1 });
      expect(accepted.body).toMatchObject({ status: 'accepted', screeningStatus: 'clear' });
      const created = await send<Person>(member, 'GET', `/api/people/${accepted.body.partyId ?? ''}`);
      expect(created.body).toMatchObject({ side: 'CN', names: names('Wang Fang', '王芳') });

      const us = await send<PartyProposal>(member, 'POST', '/api/party-proposals', { ...harbin, names: names('Example Robotics Inc.', '示例机器人公司'), side: 'US', country: 'US', orgKind: 'company' });
      const before = await counts();
      const rejected = await send<PartyProposal>(usOfficer, 'POST', `/api/party-proposals/${us.body.id}/decision`, { decision: 'reject', note: 'Duplicate of an existing entry.', version: 1 });
      expect(rejected.body).toMatchObject({ status: 'rejected', partyId: null, screeningStatus: null, decisionNote: 'Duplicate of an existing entry.' });
      expect(await counts()).toEqual(before);
      const byState = (await send<{ items: PartyProposal[] }>(member, 'GET', '/api/party-proposals?status=rejected')).body.items;
      expect(byState.map((p) => p.id)).toEqual([us.body.id]);
      expect((await send(member, 'GET', '/api/party-proposals?status=maybe')).body.error?.id).toBe('validation_failed');
      expect((await send(member, 'GET', '/api/party-proposals/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    });
  });
}
