import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ErrorBody, ListImportResult, ListVersion } from '@qiao/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { dbTargets } from '../../testing/db.ts';
import { FIXTURES, multipart, openTestDatabase, SHARED_LISTS, sharedFile, sharedListsMissing } from './fixtures/fixtures.ts';

const HEADER = readFileSync(path.join(FIXTURES, 'v1/test-us.csv'), 'utf8').split(/\r?\n/)[0] ?? '';
const COLUMNS = HEADER.split(',').length;

/** A CSL CSV with records `rec-<from>` … `rec-<to - 1>`, every row as wide as the official header. */
function cslRows(from: number, to: number): string {
  const rows: string[] = [HEADER];
  for (let i = from; i < to; i++) {
    const fields = [`rec-${i}`, 'Entity List (EL) - Bureau of Industry and Security', '', 'Entity', '', `Shrink Test Entity ${i}`];
    rows.push([...fields, ...Array<string>(COLUMNS - fields.length).fill('')].join(','));
  }
  return rows.join('\n') + '\n';
}

// OFAC and OpenSanctions files for `update`, from the engine's own fixtures; only the CSL changes.
const ENGINE_FIXTURES = path.resolve(FIXTURES, '../../../../../../packages/screening/test/fixtures');
const cons = (f: string) => readFileSync(path.join(ENGINE_FIXTURES, 'cons', f));
const PUBLISHED: Record<string, () => Buffer | string> = {
  '/ofac/SDN.CSV': () => cons('cons_prim.csv'),
  '/ofac/ALT.CSV': () => cons('cons_alt.csv'),
  '/ofac/ADD.CSV': () => cons('cons_add.csv'),
  '/ofac/CONS_PRIM.CSV': () => cons('cons_prim.csv'),
  '/ofac/CONS_ALT.CSV': () => cons('cons_alt.csv'),
  '/ofac/CONS_ADD.CSV': () => cons('cons_add.csv'),
  '/os/cn_sanctions/entities.ftm.json': () => readFileSync(path.join(ENGINE_FIXTURES, 'lists/cn-sample.ftm.json')),
};

type ErrorWithShrink = ErrorBody & { error: { shrink?: { subject: string; removed: number; total: number }[] } };

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`list imports that shrink a list on ${target.name}`, () => {
    let database: Database;
    let t: TestApp;
    let admin: Record<string, string>;
    let publisher: Server;
    let csl = cslRows(0, 20);
    beforeAll(async () => {
      publisher = createServer((req, res) => {
        const body = req.url === '/csl.csv' ? csl : PUBLISHED[req.url ?? '']?.();
        res.writeHead(body === undefined ? 404 : 200).end(body);
      });
      await new Promise<void>((resolve) => publisher.listen(0, '127.0.0.1', resolve));
      const base = `http://127.0.0.1:${(publisher.address() as AddressInfo).port}`;
      database = await openTestDatabase(target);
      t = await buildTestApp(database, {
        QIAO_LIST_CSL_URL: `${base}/csl.csv`,
        QIAO_LIST_OFAC_URL: `${base}/ofac`,
        QIAO_LIST_OPENSANCTIONS_URL: `${base}/os`,
        QIAO_LIST_OPENSANCTIONS_DATASETS: 'cn-sanctions=cn_sanctions',
        QIAO_LIST_UPLOAD_MAX_BYTES: String(8 * 1024 * 1024),
      });
      admin = (await t.signInAs(['admin'])).headers;
    });
    afterAll(async () => {
      await t.close();
      await database.close();
      await new Promise((resolve) => publisher.close(resolve));
    });

    const raw = (filename: string, contents: string | Buffer, query = '') =>
      t.app.inject({ method: 'POST', url: `/api/screening/lists/import?filename=${filename}${query}`, headers: { ...admin, 'content-type': 'application/octet-stream' }, payload: Buffer.from(contents) });
    const versions = async (listId: string) => (await t.app.inject({ method: 'GET', url: `/api/screening/lists/${listId}/versions`, headers: admin })).json<{ items: ListVersion[] }>().items;
    const db = () => t.services.database.db;
    const jobCount = async () => (await db().query.jobs.findMany()).length;
    const imports = async (listId: string) => (await db().query.auditLog.findMany({ where: (a, { eq }) => eq(a.action, 'screening_list.import') })).filter((a) => (a.after as { listId?: string } | null)?.listId === listId);

    /** Everything a refused import must leave as it was. */
    async function snapshot(listId: string) {
      return { versions: await versions(listId), jobs: await jobCount(), audit: (await imports(listId)).length };
    }

    it.skipIf(sharedListsMissing)(`refuses a header-only CSL file as a new version of the real us-csl (${SHARED_LISTS}) and changes nothing`, async () => {
      const real = sharedFile('us-csl.csv');
      const first = await raw('us-csl.csv', Buffer.from(real.contents));
      expect(first.statusCode).toBe(200);
      const total = first.json<ListImportResult>().items[0]?.version.recordCount ?? 0;
      expect(total).toBeGreaterThan(4000);
      const before = await snapshot('us-csl');
      const header = Buffer.from(real.contents).toString('utf8').split(/\r?\n/)[0] + '\n';
      const res = await raw('us-csl.csv', header);
      expect(res.statusCode).toBe(409);
      const body = res.json<ErrorWithShrink>();
      expect(body.error.id).toBe('shrink_not_confirmed');
      expect(body.error.message).toContain(`us-csl: would remove ${total} of ${total} records`);
      expect(body.error.shrink).toEqual([{ subject: 'us-csl', removed: total, total }]);
      expect(await snapshot('us-csl')).toEqual(before);
    });

    it('refuses an import that removes 15% of a list, accepts one that removes 5%', async () => {
      expect((await raw('us-shrink.csv', cslRows(0, 20))).statusCode).toBe(200);
      const before = await snapshot('us-shrink');
      const refused = await raw('us-shrink.csv', cslRows(3, 20));
      expect(refused.statusCode).toBe(409);
      expect(refused.json<ErrorWithShrink>().error).toMatchObject({ id: 'shrink_not_confirmed', message: expect.stringContaining('us-shrink: would remove 3 of 20 records') as unknown, shrink: [{ subject: 'us-shrink', removed: 3, total: 20 }] });
      expect(await snapshot('us-shrink')).toEqual(before);
      const form = multipart([{ path: 'us-shrink.csv', contents: cslRows(3, 20) }]);
      const refusedForm = await t.app.inject({ method: 'POST', url: '/api/screening/lists/import', headers: { ...admin, ...form.headers }, payload: form.payload });
      expect(refusedForm.json<ErrorWithShrink>().error.id).toBe('shrink_not_confirmed');
      expect(await snapshot('us-shrink')).toEqual(before);

      const accepted = await raw('us-shrink.csv', cslRows(1, 20));
      expect(accepted.statusCode).toBe(200);
      expect(accepted.json<ListImportResult>().items[0]).toMatchObject({ outcome: 'imported', version: { version: 2, recordCount: 19 }, changes: { added: 0, removed: 1, changed: 0 } });
      const audit = await imports('us-shrink');
      expect(audit.at(-1)?.after).not.toHaveProperty('shrink');
    });

    it('imports a confirmed shrink (query or form field) and audits the confirmation with the counts', async () => {
      const confirmed = await raw('us-shrink.csv', cslRows(4, 20), '&allowShrink=true');
      expect(confirmed.statusCode).toBe(200);
      expect(confirmed.json<ListImportResult>().items[0]).toMatchObject({ version: { version: 3, recordCount: 16 }, changes: { removed: 3 } });
      const audit = (await imports('us-shrink')).find((a) => (a.after as { version?: number }).version === 3);
      expect(audit?.after).toMatchObject({ shrink: { confirmed: true, removed: 3, total: 19 } });
      expect(audit?.actorEmail).toEqual(expect.stringContaining('@test.example'));

      const form = multipart([{ path: 'us-shrink.csv', contents: cslRows(10, 20) }]);
      const withField = Buffer.concat([Buffer.from(`--${form.headers['content-type']?.split('boundary=')[1]}\r\nContent-Disposition: form-data; name="allowShrink"\r\n\r\ntrue\r\n`), form.payload]);
      const res = await t.app.inject({ method: 'POST', url: '/api/screening/lists/import', headers: { ...admin, ...form.headers }, payload: withField });
      expect(res.statusCode).toBe(200);
      expect(res.json<ListImportResult>().items[0]).toMatchObject({ version: { version: 4, recordCount: 10 }, changes: { removed: 6 } });
    });

    it('refuses a shrinking `update` download without allowShrink, and imports it with', async () => {
      csl = cslRows(0, 20);
      // The baseline replaces the real us-csl of the first test (when it ran): itself a confirmed shrink.
      expect((await t.app.inject({ method: 'POST', url: '/api/screening/lists/update?allowShrink=true', headers: admin })).statusCode).toBe(200);
      const before = { csl: await snapshot('us-csl'), sdn: await snapshot('us-ofac-sdn') };
      csl = cslRows(5, 20);
      const refused = await t.app.inject({ method: 'POST', url: '/api/screening/lists/update', headers: admin });
      expect(refused.statusCode).toBe(409);
      expect(refused.json<ErrorWithShrink>().error).toMatchObject({ id: 'shrink_not_confirmed', shrink: [{ subject: 'us-csl', removed: 5, total: 20 }] });
      expect({ csl: await snapshot('us-csl'), sdn: await snapshot('us-ofac-sdn') }).toEqual(before);
      const confirmed = await t.app.inject({ method: 'POST', url: '/api/screening/lists/update?allowShrink=true', headers: admin });
      expect(confirmed.statusCode).toBe(200);
      expect(confirmed.json<ListImportResult>().items.find((i) => i.listId === 'us-csl')).toMatchObject({ outcome: 'imported', version: { recordCount: 15 } });
      expect((await imports('us-csl')).at(-1)?.after).toMatchObject({ shrink: { confirmed: true, removed: 5, total: 20 } });
    });

    it('bounds the whole upload, not each file: two files under the limit that together exceed it get 413 and import nothing', async () => {
      const small = await buildTestApp(database, { QIAO_LIST_UPLOAD_MAX_BYTES: '4096' });
      try {
        const headers = (await small.signInAs(['admin'])).headers;
        const a = cslRows(100, 125);
        const b = cslRows(200, 225);
        expect(Buffer.byteLength(a)).toBeLessThan(4096);
        expect(Buffer.byteLength(a) + Buffer.byteLength(b)).toBeGreaterThan(4096);
        const form = multipart([
          { path: 'us-limit-a.csv', contents: a },
          { path: 'us-limit-b.csv', contents: b },
        ]);
        const res = await small.app.inject({ method: 'POST', url: '/api/screening/lists/import', headers: { ...headers, ...form.headers }, payload: form.payload });
        expect(res.statusCode).toBe(413);
        expect(res.json<ErrorBody>().error).toMatchObject({ id: 'payload_too_large', message: expect.stringContaining('QIAO_LIST_UPLOAD_MAX_BYTES') as unknown });
        // Over a real socket too: the refusal comes while the client is still sending, without a hang.
        const address = await small.app.listen({ port: 0, host: '127.0.0.1' });
        const big = Buffer.alloc(2 * 1024 * 1024, 'x');
        const real = multipart([
          { path: 'us-limit-a.csv', contents: a },
          { path: 'us-limit-c.csv', contents: big },
        ]);
        const overSocket = await fetch(`${address}/api/screening/lists/import`, { method: 'POST', headers: { ...headers, ...real.headers }, body: real.payload, signal: AbortSignal.timeout(20_000) });
        expect(overSocket.status).toBe(413);
        expect(((await overSocket.json()) as ErrorBody).error.id).toBe('payload_too_large');
        for (const listId of ['us-limit-a', 'us-limit-b', 'us-limit-c']) expect((await t.app.inject({ method: 'GET', url: `/api/screening/lists/${listId}/versions`, headers: admin })).statusCode).toBe(404);
      } finally {
        await small.close();
      }
    });

    it('answers 400 validation_failed, not 500, for version numbers beyond the database integer range', async () => {
      for (const url of ['/api/screening/lists/us-shrink/records?version=99999999999', '/api/screening/lists/us-shrink/diff?from=99999999999', '/api/screening/lists/us-shrink/diff?to=99999999999']) {
        const res = await t.app.inject({ method: 'GET', url, headers: admin });
        expect(res.statusCode, url).toBe(400);
        expect(res.json<ErrorBody>().error.id).toBe('validation_failed');
      }
      expect((await t.app.inject({ method: 'GET', url: '/api/screening/lists/us-shrink/records?version=2147483647', headers: admin })).statusCode).toBe(404);
    });
  });
}
