import type { IndicatorSeries, ListVersion, Project, ScreeningDecision } from '@qiao/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.ts';
import { buildGroup, call, signInCast, type Cast, type Signed } from '../modules/groups/group.fixtures.ts';
import { drainJobs, fixtureFiles, multipart } from '../modules/screening/fixtures/fixtures.ts';
import { buildTestApp, type TestApp } from '../testing/app.ts';
import { dbTargets } from '../testing/db.ts';

const NUL = '\u0000';
const NOT_UTF8 = Buffer.from([0xff, 0xfe]);
const SERIES = 'unicorns-by-country';

/** The fixture US list with a NUL byte inside the name on line 3 (the second record). */
function usListWithNul(): Buffer {
  const file = fixtureFiles('v1').find((f) => f.path.endsWith('test-us.csv'));
  const lines = Buffer.from(file?.contents ?? '').toString('utf8').split('\n');
  lines[2] = (lines[2] ?? '').replace(/[A-Za-z]{3}/, (m) => `${m}${NUL}`);
  return Buffer.from(lines.join('\n'));
}

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`hostile bytes in files, searches, decisions and projects on ${target.name}`, () => {
    let database: Database;
    let t: TestApp;
    let c: Cast;
    let groupId: string;
    let admin: Record<string, string>;
    let cnOfficer: Signed;
    let partyId: string;
    beforeAll(async () => {
      database = await target.open();
      t = await buildTestApp(database);
      c = await signInCast(t);
      groupId = await buildGroup(t, c, { activate: true });
      admin = (await t.signInAs(['admin'])).headers;
      const officer = await t.signInAs(['compliance_officer'], 'CN');
      cnOfficer = { id: officer.session.user.id, user: officer.session.user, headers: officer.headers };
      await t.services.indicators.ensureSeed();
      partyId = (await t.services.parties.createOrganization(null, { names: [{ lang: 'en', value: 'Harbin Institute of Technology' }], side: 'CN', country: 'CN', kind: 'university' })).id;
      await t.services.screening.lists.importFiles(null, fixtureFiles('v1'));
      await drainJobs(t.services);
    });
    afterAll(async () => {
      await t.close();
      await database.close();
    });

    const versions = async () => (await t.app.inject({ method: 'GET', url: '/api/screening/lists', headers: admin })).json<{ items: ListVersion[] }>().items;
    const auditCount = async () => (await t.services.database.db.query.auditLog.findMany()).length;
    const expect400 = (res: { status: number; body: unknown }, field: RegExp) => {
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: { id: 'validation_failed', message: expect.stringMatching(field) as string } });
    };

    it('refuses a list CSV with a NUL byte as 400 list_invalid naming the file and line, and keeps the versions in force', async () => {
      const before = await versions();
      const form = multipart([...fixtureFiles('v1').filter((f) => !f.path.endsWith('test-us.csv')), { path: 'v1/test-us.csv', contents: usListWithNul() }]);
      const res = await t.app.inject({ method: 'POST', url: '/api/screening/lists/import', headers: { ...admin, ...form.headers }, payload: form.payload });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({
        error: { id: 'list_invalid', message: expect.stringMatching(/^test-us\.csv:3: .*U\+0000.*nothing was imported/) as string, lines: [{ line: 3, message: expect.stringMatching(/^test-us\.csv: .*control character U\+0000/) as string }] },
      });
      const raw = await t.app.inject({ method: 'POST', url: '/api/screening/lists/import?filename=us-nul.csv', headers: { ...admin, 'content-type': 'application/octet-stream' }, payload: usListWithNul() });
      expect(raw.statusCode).toBe(400);
      expect(raw.json()).toMatchObject({ error: { id: 'list_invalid', lines: [{ line: 3 }] } });
      expect(await versions()).toEqual(before);
    });

    it('refuses an indicator CSV with a NUL byte or bytes that are not UTF-8 as 400 csv_invalid with the line, and keeps the series', async () => {
      const before = (await t.app.inject({ method: 'GET', url: `/api/indicators/${SERIES}` })).json<IndicatorSeries>();
      const put = (payload: string | Buffer) => t.app.inject({ method: 'PUT', url: `/api/indicators/${SERIES}/values.csv?version=${before.version}`, headers: { ...admin, 'content-type': 'text/csv' }, payload });
      const nul = await put(`period,country,category,value\n2024,US,all,1\n2024,CN,a${NUL}b,2\n`);
      expect(nul.statusCode).toBe(400);
      expect(nul.json()).toMatchObject({ error: { id: 'csv_invalid', lines: [{ line: 3, message: expect.stringMatching(/control character U\+0000/) as string }] } });
      const bytes = await put(Buffer.concat([Buffer.from('period,country,category,value\n2024,US,'), NOT_UTF8, Buffer.from(',1\n')]));
      expect(bytes.statusCode).toBe(400);
      expect(bytes.json()).toMatchObject({ error: { id: 'csv_invalid', lines: [{ line: 2, message: expect.stringMatching(/UTF-8/) as string }] } });
      expect((await t.app.inject({ method: 'GET', url: `/api/indicators/${SERIES}` })).json<IndicatorSeries>()).toEqual(before);
    });

    it('refuses a NUL byte in a screening search name and in a list records query, and writes nothing', async () => {
      const audit = await auditCount();
      expect400(await call(t, c.usMember, 'POST', '/api/screening/search', { name: `Hua${NUL}wei` }), /^name: .*control/);
      expect400(await call(t, c.usMember, 'GET', '/api/screening/lists/test-us/records?q=Hua%00wei'), /^q: .*control/);
      expect(await auditCount()).toBe(audit);
    });

    it('refuses a NUL byte in a decision reason, and no decision is recorded', async () => {
      const base = { partyId, listId: 'test-us', recordId: 'rec-hit', decision: 'false_positive', reason: `Different institution${NUL}` };
      expect400(await call(t, cnOfficer, 'POST', '/api/screening/decisions', base), /^reason: .*control/);
      expect400(await call(t, cnOfficer, 'POST', '/api/screening/decisions', { ...base, reason: 'Different institution', recordId: `rec${NUL}hit` }), /^recordId: /);
      const decisions = await call<{ items: ScreeningDecision[] }>(t, cnOfficer, 'GET', `/api/screening/decisions?partyId=${partyId}`);
      expect(decisions.body.items).toEqual([]);
    });

    it('refuses a NUL byte or a line break in a project title and a NUL in its technology area, and creates no project', async () => {
      const list = async () => (await call<{ items: Project[] }>(t, c.usMember, 'GET', '/api/projects')).body.items.length;
      const before = await list();
      const input = { groupId, title: { en: 'Quantum sensing' }, abstract: { en: 'Shared work.' }, technologyArea: 'quantum' };
      expect400(await call(t, c.usMember, 'POST', '/api/projects', { ...input, title: { en: `Quantum${NUL}sensing` } }), /^title\.en: .*control/);
      expect400(await call(t, c.usMember, 'POST', '/api/projects', { ...input, title: { en: 'Quantum\nsensing' } }), /^title\.en: .*control/);
      expect400(await call(t, c.usMember, 'POST', '/api/projects', { ...input, technologyArea: `quan${NUL}tum` }), /^technologyArea: .*control/);
      expect(await list()).toBe(before);
      const ok = await call<Project>(t, c.usMember, 'POST', '/api/projects', input);
      expect(ok.status).toBe(201);
      expect400(await call(t, c.usMember, 'PATCH', `/api/projects/${ok.body.id}`, { title: { en: `x${NUL}` }, version: ok.body.version }), /^title\.en: /);
      expect400(await call(t, c.usMember, 'POST', `/api/projects/${ok.body.id}/transitions`, { action: 'withdraw', reason: `no${NUL}`, version: 2 ** 31 }), /^(reason|version): /);
      expect((await call<Project>(t, c.usMember, 'GET', `/api/projects/${ok.body.id}`)).body).toMatchObject({ title: { en: 'Quantum sensing' }, status: 'draft', version: ok.body.version });
    });
  });
}
