import type { Organization, PartyScreeningDetail, Person, ScreeningDecision } from '@qiao/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../testing/app.ts';
import { dbTargets } from '../../testing/db.ts';
import { names, openPartyApp, type PartyApp } from './party.fixtures.ts';

const cnOrg = (en: string, zh: string) => ({ names: names(en, zh), side: 'CN', country: 'CN', kind: 'university' as const });

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`a party belongs to its side on ${target.name}`, () => {
    let app: PartyApp;
    let t: TestApp;
    let clock: PartyApp['clock'];
    let us: Record<string, string>;
    let cn: Record<string, string>;
    let admin: Record<string, string>;
    let cnOrgId: string;
    let cnPersonId: string;

    beforeAll(async () => {
      app = await openPartyApp(target);
      ({ t, clock } = app);
      us = await app.signIn(['compliance_officer'], 'US');
      cn = await app.signIn(['compliance_officer'], 'CN');
      admin = await app.signIn(['admin'], 'US');
    }, 180_000);
    afterAll(() => app.close());

    const send = <T>(headers: Record<string, string>, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => app.send<T>(headers, method, url, payload);
    const audits = (entityId: string) => app.audits(entityId);

    it("lets only the party's own side create it: the other side's officer gets wrong_side and nothing is added", async () => {
      const before = { orgs: (await t.services.parties.listOrganizations({})).length, people: (await t.services.parties.listPeople({})).length };
      const org = await send<Organization>(us, 'POST', '/api/organizations', cnOrg('Tsinghua University', '清华大学'));
      expect(org.status).toBe(403);
      expect(org.body.error?.id).toBe('wrong_side');
      const person = await send<Person>(us, 'POST', '/api/people', { names: names('Li Wenjing', '李文静'), side: 'CN' });
      expect(person.status).toBe(403);
      expect(person.body.error?.id).toBe('wrong_side');
      expect((await t.services.parties.listOrganizations({})).length).toBe(before.orgs);
      expect((await t.services.parties.listPeople({})).length).toBe(before.people);
      const own = await send<Organization>(cn, 'POST', '/api/organizations', cnOrg('Tsinghua University', '清华大学'));
      expect(own.status).toBe(201);
      cnOrgId = own.body.id;
      const ownPerson = await send<Person>(cn, 'POST', '/api/people', { names: names('Li Wenjing', '李文静'), side: 'CN', affiliationId: cnOrgId });
      expect(ownPerson.status).toBe(201);
      cnPersonId = ownPerson.body.id;
      // Admins run the platform for both sides.
      expect((await send<Organization>(admin, 'POST', '/api/organizations', cnOrg('Fudan University', '复旦大学'))).status).toBe(201);
    });

    it("refuses the other side's rename or edit with wrong_side and leaves the party as it was", async () => {
      const org = await send<Organization>(us, 'PATCH', `/api/organizations/${cnOrgId}`, { version: 1, names: names('Renamed by the other side', '改名') });
      expect(org.status).toBe(403);
      expect(org.body.error?.id).toBe('wrong_side');
      const person = await send<Person>(us, 'PATCH', `/api/people/${cnPersonId}`, { version: 1, names: names('Someone else', '别人'), affiliationId: null });
      expect(person.status).toBe(403);
      expect(person.body.error?.id).toBe('wrong_side');
      expect((await send<Organization>(us, 'GET', `/api/organizations/${cnOrgId}`)).body).toMatchObject({ version: 1, side: 'CN', names: names('Tsinghua University', '清华大学') });
      expect((await send<Person>(us, 'GET', `/api/people/${cnPersonId}`)).body).toMatchObject({ version: 1, side: 'CN', affiliationId: cnOrgId });
      expect((await audits(cnOrgId)).map((a) => a.action)).toEqual(['organization.create']);
    });

    it('keeps a side fixed after creation: a PATCH that moves it is refused, even from its own side or an admin', async () => {
      for (const headers of [cn, admin]) {
        const res = await send<Organization>(headers, 'PATCH', `/api/organizations/${cnOrgId}`, { version: 1, side: 'US' });
        expect(res.status).toBe(400);
        expect(res.body.error).toMatchObject({ id: 'validation_failed', message: expect.stringMatching(/^side: /) as unknown });
        const person = await send<Person>(headers, 'PATCH', `/api/people/${cnPersonId}`, { version: 1, side: 'US' });
        expect(person.status).toBe(400);
        expect(person.body.error?.id).toBe('validation_failed');
      }
      expect((await send<Organization>(cn, 'GET', `/api/organizations/${cnOrgId}`)).body).toMatchObject({ version: 1, side: 'CN' });
      expect((await send<Person>(cn, 'GET', `/api/people/${cnPersonId}`)).body).toMatchObject({ version: 1, side: 'CN' });
      // Naming the side it already has is harmless (a form that sends every field).
      const same = await send<Organization>(cn, 'PATCH', `/api/organizations/${cnOrgId}`, { version: 1, side: 'CN', website: 'https://www.tsinghua.edu.cn/' });
      expect(same.status).toBe(200);
      expect(same.body).toMatchObject({ version: 2, side: 'CN' });
    });

    it('lets only an admin correct a side, with a reason, and refuses a stale version', async () => {
      for (const headers of [cn, us]) {
        const res = await send<Organization>(headers, 'POST', `/api/organizations/${cnOrgId}/side`, { side: 'US', reason: 'Registered in the wrong side', version: 2 });
        expect(res.status).toBe(403);
        expect(res.body.error?.id).toBe('forbidden');
      }
      const noReason = await send<Organization>(admin, 'POST', `/api/organizations/${cnOrgId}/side`, { side: 'US', reason: ' ', version: 2 });
      expect(noReason.status).toBe(400);
      expect(noReason.body.error?.message).toMatch(/^reason: /);
      const same = await send<Organization>(admin, 'POST', `/api/organizations/${cnOrgId}/side`, { side: 'CN', reason: 'Nothing to correct really', version: 2 });
      expect(same.status).toBe(400);
      expect(same.body.error?.message).toMatch(/^side: /);
      const stale = await send<Organization>(admin, 'POST', `/api/organizations/${cnOrgId}/side`, { side: 'US', reason: 'Registered in the wrong side', version: 1 });
      expect(stale.status).toBe(409);
      expect(stale.body.error?.id).toBe('conflict');
      expect((await send<Organization>(cn, 'GET', `/api/organizations/${cnOrgId}`)).body).toMatchObject({ version: 2, side: 'CN' });
      const person = await send<Person>(admin, 'POST', `/api/people/${cnPersonId}/side`, { side: 'US', reason: 'She works for the US partner', version: 1 });
      expect(person.status).toBe(200);
      expect(person.body).toMatchObject({ side: 'US', version: 2 });
      const entry = (await audits(cnPersonId)).find((a) => a.action === 'person.side_correct');
      expect(entry).toMatchObject({ before: { side: 'CN' }, after: { side: 'US', reason: 'She works for the US partner' } });
    });

    it("does not let decisions made while a party sat on the other side count for its owner once the side is corrected back", async () => {
      const hit = (await t.services.parties.createOrganization(null, cnOrg('Harbin Institute of Technology', '哈尔滨工业大学'))).id;
      const status = async () => (await send<PartyScreeningDetail>(cn, 'GET', `/api/screening/parties/${hit}`)).body;
      expect((await status()).status).toBe('potential_match');
      // Moved to the US side (by mistake), decided there, moved back.
      expect((await send<Organization>(admin, 'POST', `/api/organizations/${hit}/side`, { side: 'US', reason: 'Entered on the wrong side', version: 1 })).status).toBe(200);
      const usDecision = await send<ScreeningDecision>(us, 'POST', '/api/screening/decisions', { partyId: hit, listId: 'test-us', recordId: 'rec-hit', decision: 'false_positive', reason: 'Looks different to us' });
      expect(usDecision.status).toBe(201);
      expect((await status()).status).toBe('cleared_by_decision');
      clock.now = new Date('2026-10-01T09:00:00Z');
      const back = await send<Organization>(admin, 'POST', `/api/organizations/${hit}/side`, { side: 'CN', reason: 'It is a Chinese university after all', version: 2 });
      expect(back.status).toBe(200);
      const now = await status();
      expect(now).toMatchObject({ side: 'CN', status: 'potential_match', screenedAt: clock.now.toISOString() });
      // The US decision stays in the history, for the US side.
      expect(now.hits[0]?.decision).toBeNull();
      expect(now.hits[0]?.decisions).toEqual([expect.objectContaining({ side: 'US', partySide: 'US', decision: 'false_positive' })]);
      const entries = (await audits(hit)).filter((a) => a.action === 'organization.side_correct');
      expect(entries.map((e) => [e.before, e.after])).toEqual([
        [expect.objectContaining({ side: 'CN' }), expect.objectContaining({ side: 'US', reason: 'Entered on the wrong side' })],
        [expect.objectContaining({ side: 'US' }), expect.objectContaining({ side: 'CN', reason: 'It is a Chinese university after all' })],
      ]);
    });
  });
}
