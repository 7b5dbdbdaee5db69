import type { ListDiff, ListImportResult, ListVersion } from '@qiao/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { dbTargets } from '../../testing/db.ts';
import { fixtureFiles, multipart, openTestDatabase, sharedFile, sharedListsMissing } from './fixtures/fixtures.ts';

// Every download URL points at a closed local port: the update must fail as if offline.
const OFFLINE = { QIAO_LIST_CSL_URL: 'http://127.0.0.1:59999/csl.csv', QIAO_LIST_OFAC_URL: 'http://127.0.0.1:59999/ofac', QIAO_LIST_OPENSANCTIONS_URL: 'http://127.0.0.1:59999/os', QIAO_LIST_UPLOAD_MAX_BYTES: '4096' };

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`screening lists on ${target.name}`, () => {
    let database: Database;
    let t: TestApp;
    let admin: Record<string, string>;
    beforeAll(async () => {
      database = await openTestDatabase(target);
      t = await buildTestApp(database, OFFLINE);
      admin = (await t.signInAs(['admin'])).headers;
    });
    afterAll(async () => {
      await t.close();
      await database.close();
    });

    const upload = (dir: 'v1' | 'v2' | 'bad', headers = admin, query = '') => {
      const body = multipart(fixtureFiles(dir));
      return t.app.inject({ method: 'POST', url: `/api/screening/lists/import${query}`, headers: { ...headers, ...body.headers }, payload: body.payload });
    };
    const current = async () => (await t.app.inject({ method: 'GET', url: '/api/screening/lists', headers: admin })).json<{ items: ListVersion[] }>().items;

    it('imports list files as versions with their descriptor, and a second identical import is a no-op', async () => {
      const res = await upload('v1');
      expect(res.statusCode).toBe(200);
      const result = res.json<ListImportResult>();
      expect(result.items.map((i) => [i.listId, i.outcome, i.version.version, i.version.recordCount])).toEqual([
        ['test-cn', 'imported', 1, 3],
        ['test-us', 'imported', 1, 5],
      ]);
      expect(result.items[1]?.version).toMatchObject({ side: 'US', title: 'Test US export-control list', dataDate: '2026-07-09', format: 'csl-csv', files: ['test-us.csv'], checksum: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown });
      expect(result.warnings).toEqual([expect.stringContaining('index.json')]);
      const again = (await upload('v1')).json<ListImportResult>();
      expect(again.items.map((i) => i.outcome)).toEqual(['unchanged', 'unchanged']);
      expect((await current()).map((v) => v.version)).toEqual([1, 1]);
      const records = (await t.app.inject({ method: 'GET', url: '/api/screening/lists/test-cn/records?q=lockheed', headers: admin })).json<{ items: { chineseNames: string[]; sourceUrl: string; details: object }[] }>();
      expect(records.items[0]).toMatchObject({ chineseNames: ['洛克希德·马丁公司'], sourceUrl: expect.stringContaining('mofcom.gov.cn') as unknown, details: { schema: 'Company' } });
    });

    it('refuses a malformed file with its file and line and keeps the version in force', async () => {
      const before = await current();
      const res = await upload('bad');
      expect(res.statusCode).toBe(400);
      const body = res.json<{ error: { id: string; message: string; lines: { line: number }[] } }>();
      expect(body.error.id).toBe('list_invalid');
      expect(body.error.message).toMatch(/^test-us\.csv:3: quoted field is never closed.*nothing was imported/);
      expect(await current()).toEqual(before);
    });

    it('stores the next version and diffs it: added, removed, changed (material or not)', async () => {
      // v2 removes one of test-us's five records: a shrink the admin confirms.
      const res = (await upload('v2', admin, '?allowShrink=true')).json<ListImportResult>();
      expect(res.items).toEqual([expect.objectContaining({ listId: 'test-us', outcome: 'imported', changes: { added: 1, removed: 1, changed: 2 } })]);
      const diff = (await t.app.inject({ method: 'GET', url: '/api/screening/lists/test-us/diff', headers: admin })).json<ListDiff>();
      expect(diff.from?.version).toBe(1);
      expect(diff.to).toMatchObject({ version: 2, dataDate: '2026-09-01', current: true });
      expect(diff.added.map((r) => r.recordId)).toEqual(['rec-dahua']);
      expect(diff.removed.map((r) => r.recordId)).toEqual(['rec-person']);
      expect(diff.changed.map((c) => [c.after.recordId, c.material, c.fields])).toEqual([
        ['rec-beihang', false, ['details']],
        ['rec-hit', true, ['aliases', 'details']],
      ]);
      const explicit = (await t.app.inject({ method: 'GET', url: '/api/screening/lists/test-us/diff?from=2&to=2', headers: admin })).json<ListDiff>();
      expect(explicit.counts).toEqual({ added: 0, removed: 0, changed: 0 });
      const versions = (await t.app.inject({ method: 'GET', url: '/api/screening/lists/test-us/versions', headers: admin })).json<{ items: ListVersion[] }>().items;
      expect(versions.map((v) => [v.version, v.current])).toEqual([
        [2, true],
        [1, false],
      ]);
      const audit = await t.services.database.db.query.auditLog.findMany({ where: (l, { eq }) => eq(l.action, 'screening_list.import') });
      expect(audit).toHaveLength(3);
    });

    it('accepts one raw file with ?filename=, and refuses uploads over the size limit with 413', async () => {
      const raw = fixtureFiles('v1').find((f) => f.path.endsWith('.csv'));
      const res = await t.app.inject({ method: 'POST', url: '/api/screening/lists/import?filename=us-test-raw.csv', headers: { ...admin, 'content-type': 'application/octet-stream' }, payload: Buffer.from(raw?.contents ?? '') });
      expect(res.json<ListImportResult>().items[0]).toMatchObject({ listId: 'us-test-raw', outcome: 'imported', version: { side: 'US', title: 'us-test-raw' } });
      const big = Buffer.alloc(5000, 'a');
      const tooBig = await t.app.inject({ method: 'POST', url: '/api/screening/lists/import?filename=x.csv', headers: { ...admin, 'content-type': 'application/octet-stream' }, payload: big });
      expect(tooBig.statusCode).toBe(413);
      expect(tooBig.json()).toMatchObject({ error: { id: 'payload_too_large' } });
      const form = multipart([{ path: 'x.csv', contents: big }]);
      const tooBigForm = await t.app.inject({ method: 'POST', url: '/api/screening/lists/import', headers: { ...admin, ...form.headers }, payload: form.payload });
      expect(tooBigForm.statusCode).toBe(413);
      expect(tooBigForm.json()).toMatchObject({ error: { id: 'payload_too_large' } });
    });

    it('fails `update` offline with a clear message and changes nothing', async () => {
      const before = await current();
      const res = await t.app.inject({ method: 'POST', url: '/api/screening/lists/update', headers: admin });
      expect(res.statusCode).toBe(502);
      expect(res.json<{ error: { id: string; message: string } }>().error).toMatchObject({ id: 'list_download_failed', message: expect.stringMatching(/cannot download us-csl from http:\/\/127\.0\.0\.1:59999\/csl\.csv .*offline\? Nothing was changed/) as unknown });
      expect(await current()).toEqual(before);
    });

    it('lets only admins import, and signed-in users read', async () => {
      const { headers } = await t.signInAs(['compliance_officer', 'member']);
      expect((await upload('v1', headers)).statusCode).toBe(403);
      expect((await t.app.inject({ method: 'POST', url: '/api/screening/lists/update', headers })).statusCode).toBe(403);
      expect((await t.app.inject({ method: 'GET', url: '/api/screening/lists', headers })).statusCode).toBe(200);
      expect((await t.app.inject({ method: 'GET', url: '/api/screening/lists' })).statusCode).toBe(401);
      const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, unknown> }>();
      const paths = Object.keys(doc.paths).filter((p) => p.startsWith('/api/screening/'));
      expect(paths).toEqual(expect.arrayContaining(['/api/screening/lists/import', '/api/screening/search', '/api/screening/batch', '/api/screening/batch/{id}/results.csv', '/api/screening/decisions', '/api/screening/alerts', '/api/screening/parties']));
    });

    it.skipIf(sharedListsMissing)('imports a real OpenSanctions export (cn-sanctions.ftm.json) with Chinese names', async () => {
      const res = await t.services.screening.lists.importFiles(null, [sharedFile('cn-sanctions.ftm.json')], { side: 'CN' });
      expect(res.items[0]).toMatchObject({ listId: 'cn-sanctions', outcome: 'imported', version: { side: 'CN', recordCount: expect.any(Number) as unknown } });
      expect(res.items[0]?.version.recordCount).toBeGreaterThan(500);
      const found = await t.services.screening.search.search({ name: '洛克希德·马丁公司' });
      expect(found.matches.some((m) => m.listId === 'cn-sanctions')).toBe(true);
    });
  });
}
