import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessRequest, Dataset, DatasetVersion } from '@qiao/contracts';
import type { Database } from '../../db/client.ts';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { dbTargets } from '../../testing/db.ts';
import { startTestS3, type TestS3 } from '../../testing/s3.ts';
import { openContentStore } from './dataset.storage.open.ts';
import { s3Client } from './dataset.storage.s3.ts';

const CSV = 'date,city,pm25,o3\n2024-01-01,Beijing,85,30\n2024-01-01,Los Angeles,12,41\n2024-01-02,Beijing,60,33\n2024-01-02,Los Angeles,15,39\n';

function datasetBody(over: Record<string, unknown> = {}) {
  return {
    title: { en: 'Seismic catalogue, Sichuan 2008–2024', zh: '四川地震目录（2008—2024）' },
    description: { en: 'Located events with magnitudes.', zh: '已定位地震事件及震级。' },
    creators: [{ name: 'Zhang Haoran', affiliation: 'Institute of Geophysics', side: 'CN' }],
    subjects: ['seismology', 'earthquake forecasting'],
    temporalStart: '2008-01-01',
    temporalEnd: '2024-12-31',
    spatial: ['Sichuan'],
    licence: 'CC-BY-4.0',
    accessLevel: 'on_request',
    side: 'CN',
    dataDeclaration: { kinds: ['seismic'] },
    ...over,
  };
}

// Every case runs with files in the local directory and in an S3-compatible bucket (s3rver, in-process).
for (const target of dbTargets()) {
  for (const storage of ['local', 's3'] as const) {
    describe.skipIf(target.skip)(`datasets on ${target.name}, files in ${storage === 's3' ? 'an S3 bucket' : 'the local directory'}`, () => {
      let database: Database;
      let t: TestApp;
      let s3: TestS3 | null = null;
      let filesDir: string;
      let cnSteward: Record<string, string>;
      let usMember: Record<string, string>;
      let cnMember: Record<string, string>;
      let usSteward: Record<string, string>;
      beforeAll(async () => {
        database = await target.open();
        filesDir = mkdtempSync(path.join(os.tmpdir(), 'qiao-files-'));
        s3 = storage === 's3' ? await startTestS3() : null;
        t = await buildTestApp(database, { QIAO_DATA_DIR: filesDir, QIAO_UPLOAD_MAX_BYTES: '200000', ...s3?.env });
        cnSteward = (await t.signInAs(['data_steward'], 'CN')).headers;
        usSteward = (await t.signInAs(['data_steward'], 'US')).headers;
        usMember = (await t.signInAs(['member'], 'US')).headers;
        cnMember = (await t.signInAs(['member'], 'CN')).headers;
      });
      afterAll(async () => {
        await t.close();
        await database.close();
        await s3?.close();
        rmSync(filesDir, { recursive: true, force: true });
      });
      /** Temp files of the local store, or unfinished multipart uploads and temp objects in the bucket. */
      const leftovers = async (): Promise<string[]> => {
        if (!s3) return readdirSync(path.join(filesDir, 'files', 'tmp'));
        const client = s3Client(s3.config);
        const tmp = await client.send(new ListObjectsV2Command({ Bucket: s3.config.bucket, Prefix: 'tmp/' }));
        client.destroy();
        return [...(tmp.Contents ?? []).map((o) => o.Key ?? ''), ...s3.openUploads()];
      };

      const create = async (headers: Record<string, string>, over: Record<string, unknown> = {}) => {
        const res = await t.app.inject({ method: 'POST', url: '/api/datasets', headers, payload: datasetBody(over) });
        expect(res.statusCode, res.body).toBe(201);
        return res.json<Dataset>();
      };
      const upload = (headers: Record<string, string>, id: string, n: number, name: string, body: string | Buffer) =>
        t.app.inject({ method: 'PUT', url: `/api/datasets/${id}/versions/${n}/files/${encodeURIComponent(name)}`, headers: { ...headers, 'content-type': 'application/octet-stream' }, payload: body });
      const versions = async (headers: Record<string, string> | undefined, id: string) =>
        (await t.app.inject({ method: 'GET', url: `/api/datasets/${id}/versions`, ...(headers ? { headers } : {}) })).json<{ items: DatasetVersion[] }>().items;

      it('only a data steward of the dataset’s side can publish it, and bad metadata is refused by field', async () => {
        const other = await t.app.inject({ method: 'POST', url: '/api/datasets', headers: usSteward, payload: datasetBody() });
        expect(other.json()).toMatchObject({ error: { id: 'forbidden' } });
        const member = await t.app.inject({ method: 'POST', url: '/api/datasets', headers: cnMember, payload: datasetBody() });
        expect(member.statusCode).toBe(403);
        const cases: [Record<string, unknown>, RegExp][] = [
          [{ temporalStart: '2024-02-30' }, /^temporalStart: /],
          [{ temporalStart: '2025-01-01', temporalEnd: '2024-01-01' }, /^temporalEnd: /],
          [{ accessLevel: 'embargoed' }, /^embargoUntil: /],
          [{ dataDeclaration: { kinds: ['secret'] } }, /^dataDeclaration\.kinds\.0: /],
          [{ licence: 'my licence!' }, /^licence: /],
        ];
        for (const [over, message] of cases) {
          const res = await t.app.inject({ method: 'POST', url: '/api/datasets', headers: cnSteward, payload: datasetBody(over) });
          expect(res.statusCode, JSON.stringify(over)).toBe(400);
          expect(res.json<{ error: { message: string } }>().error.message).toMatch(message);
        }
      });

      it('refuses to make data open when the transfer review would not allow it', async () => {
        const res = await t.app.inject({ method: 'POST', url: '/api/datasets', headers: cnSteward, payload: datasetBody({ accessLevel: 'open' }) });
        expect(res.json()).toMatchObject({ error: { id: 'transfer_not_allowed' } });
        const ok = await create(usSteward, { side: 'US', accessLevel: 'open', dataDeclaration: {}, creators: [{ name: 'Daniel Okafor', side: 'US' }] });
        expect(ok.accessLevel).toBe('open');
      });

      it('stores an upload with its SHA-256, serves it back byte for byte and in ranges, and logs each download', async () => {
        const ds = await create(usSteward, { side: 'US', accessLevel: 'open', dataDeclaration: {}, title: { en: 'Air quality, Beijing and Los Angeles' }, creators: [{ name: 'D. Okafor', side: 'US' }] });
        const bytes = Buffer.from(CSV + 'x'.repeat(5000));
        const up = await upload(usSteward, ds.id, 1, 'air quality.csv', bytes);
        expect(up.statusCode, up.body).toBe(200);
        const file = up.json<{ items: DatasetVersion[] }>().items[0]?.files[0];
        expect(file).toMatchObject({ name: 'air quality.csv', size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), contentType: 'text/csv' });
        await t.app.inject({ method: 'POST', url: `/api/datasets/${ds.id}/versions/1/publish`, headers: usSteward });
        const down = await t.app.inject({ method: 'GET', url: `/api/datasets/${ds.id}/files/${file?.id ?? ''}` });
        expect(down.statusCode).toBe(200);
        expect(createHash('sha256').update(down.rawPayload).digest('hex')).toBe(file?.sha256);
        expect(down.headers['x-content-sha256']).toBe(file?.sha256);
        const part = await t.app.inject({ method: 'GET', url: `/api/datasets/${ds.id}/files/${file?.id ?? ''}`, headers: { range: 'bytes=5-9' } });
        expect(part.statusCode).toBe(206);
        expect(part.headers['content-range']).toBe(`bytes 5-9/${bytes.length}`);
        expect(part.rawPayload).toEqual(bytes.subarray(5, 10));
        const bad = await t.app.inject({ method: 'GET', url: `/api/datasets/${ds.id}/files/${file?.id ?? ''}`, headers: { range: `bytes=${bytes.length + 5}-` } });
        expect(bad.statusCode).toBe(416);
        const log = (await t.app.inject({ method: 'GET', url: `/api/datasets/${ds.id}/downloads`, headers: usSteward })).json<{ items: { bytes: number; range: string | null }[] }>().items;
        expect(log.map((l) => l.bytes)).toEqual([5, bytes.length]);
        const preview = (await t.app.inject({ method: 'GET', url: `/api/datasets/${ds.id}/files/${file?.id ?? ''}/preview?limit=2` })).json<Record<string, unknown>>();
        expect(preview).toMatchObject({ columns: ['date', 'city', 'pm25', 'o3'], rows: [['2024-01-01', 'Beijing', '85', '30'], ['2024-01-01', 'Los Angeles', '12', '41']], timeColumn: 'date', locationColumn: 'city' });
      });

      it('keeps published versions unchanged: new files go into a new version that starts from the old files', async () => {
        const ds = await create(usSteward, { side: 'US', accessLevel: 'open', dataDeclaration: {}, creators: [{ name: 'D. Okafor', side: 'US' }] });
        await upload(usSteward, ds.id, 1, 'a.csv', 'v,1\n');
        await t.app.inject({ method: 'POST', url: `/api/datasets/${ds.id}/versions/1/publish`, headers: usSteward });
        const late = await upload(usSteward, ds.id, 1, 'a.csv', 'v,2\n');
        expect(late.json()).toMatchObject({ error: { id: 'locked' } });
        await t.app.inject({ method: 'POST', url: `/api/datasets/${ds.id}/versions`, headers: usSteward, payload: { note: 'corrected' } });
        await upload(usSteward, ds.id, 2, 'a.csv', 'v,2\n');
        await upload(usSteward, ds.id, 2, 'b.csv', 'w,1\n');
        const all = await versions(usSteward, ds.id);
        expect(all.map((v) => [v.number, v.files.map((f) => f.name), v.publishedAt !== null])).toEqual([
          [1, ['a.csv'], true],
          [2, ['a.csv', 'b.csv'], false],
        ]);
        expect(all[0]?.files[0]?.sha256).toBe(createHash('sha256').update('v,1\n').digest('hex'));
        // The public sees only published versions.
        expect((await versions(undefined, ds.id)).map((v) => v.number)).toEqual([1]);
      });

      it('refuses an oversized upload and an interrupted one, leaving no file and no partial blob', async () => {
        const ds = await create(usSteward, { side: 'US', accessLevel: 'open', dataDeclaration: {}, creators: [{ name: 'D. Okafor', side: 'US' }] });
        const big = await upload(usSteward, ds.id, 1, 'big.bin', Buffer.alloc(300_000, 1));
        expect(big.statusCode).toBe(413);
        expect(big.json()).toMatchObject({ error: { id: 'payload_too_large' } });
        let sent = 0;
        const broken = new Readable({
          read() {
            sent++;
            if (sent < 3) this.push(Buffer.alloc(1000, 2));
            else this.destroy(new Error('connection reset'));
          },
        });
        const steward = (await t.services.users.list()).find((u) => u.side === 'US' && u.roles.some((r) => r.role === 'data_steward'));
        if (!steward) throw new Error('no steward');
        await expect(t.services.datasets.upload(steward, ds.id, 1, 'broken.bin', 'application/octet-stream', broken)).rejects.toThrow('connection reset');
        expect((await versions(usSteward, ds.id))[0]?.files).toEqual([]);
        expect(await leftovers()).toEqual([]);
        const store = openContentStore(t.services.config.storage);
        expect(await store.exists(createHash('sha256').update(Buffer.alloc(2000, 2)).digest('hex'))).toBe(false);
      });

      it('runs the transfer review for another side, enforces its conditions, then lets the grantee download', async () => {
        const ds = await create(cnSteward);
        await upload(cnSteward, ds.id, 1, 'catalogue.csv', 'time,lat,lon,mag\n2008-05-12,31.0,103.4,7.9\n');
        await t.app.inject({ method: 'POST', url: `/api/datasets/${ds.id}/versions/1/publish`, headers: cnSteward });
        const fileId = (await versions(cnSteward, ds.id))[0]?.files[0]?.id ?? '';
        expect((await t.app.inject({ method: 'GET', url: `/api/datasets/${ds.id}/files/${fileId}`, headers: usMember })).statusCode).toBe(403);

        const short = await t.app.inject({ method: 'POST', url: `/api/datasets/${ds.id}/access-requests`, headers: usMember, payload: { purpose: 'study' } });
        expect(short.json()).toMatchObject({ error: { id: 'validation_failed', message: expect.stringMatching(/^purpose: /) as string } });
        const req = (await t.app.inject({ method: 'POST', url: `/api/datasets/${ds.id}/access-requests`, headers: usMember, payload: { purpose: 'Joint aftershock forecasting study' } })).json<AccessRequest>();
        expect(req).toMatchObject({ status: 'pending', transfer: { direction: 'CN-US', verdict: 'conditions' } });
        expect(req.conditions.map((c) => c.id)).toEqual(['cn-seismic-approval']);
        expect(req.conditions[0]?.citations.length).toBeGreaterThan(0);

        const early = await t.app.inject({ method: 'POST', url: `/api/access-requests/${req.id}/decision`, headers: cnSteward, payload: { decision: 'grant', note: 'looks fine', expiresAt: null } });
        expect(early.json()).toMatchObject({ error: { id: 'conditions_unmet' } });
        const notTheirs = await t.app.inject({ method: 'POST', url: `/api/access-requests/${req.id}/conditions/cn-seismic-approval`, headers: usSteward, payload: { met: true } });
        expect(notTheirs.statusCode).toBe(403);
        await t.app.inject({ method: 'POST', url: `/api/access-requests/${req.id}/conditions/cn-seismic-approval`, headers: cnSteward, payload: { met: true, note: 'Approval CEA-2026-17 on file' } });
        const past = await t.app.inject({ method: 'POST', url: `/api/access-requests/${req.id}/decision`, headers: cnSteward, payload: { decision: 'grant', note: 'approved', expiresAt: '2020-01-01' } });
        expect(past.json()).toMatchObject({ error: { id: 'validation_failed' } });
        const granted = (await t.app.inject({ method: 'POST', url: `/api/access-requests/${req.id}/decision`, headers: cnSteward, payload: { decision: 'grant', note: 'Approval on file', expiresAt: '2099-12-31' } })).json<AccessRequest>();
        expect(granted).toMatchObject({ status: 'granted', active: true, decidedBy: expect.stringContaining('@') as string });
        const down = await t.app.inject({ method: 'GET', url: `/api/datasets/${ds.id}/files/${fileId}`, headers: usMember });
        expect(down.statusCode).toBe(200);
        expect(down.body).toContain('2008-05-12');
        const audit = await t.services.database.db.query.auditLog.findMany({ where: (a, { eq }) => eq(a.entityId, req.id) });
        expect(audit.map((a) => a.action)).toEqual(['dataset.access.request', 'dataset.access.condition', 'dataset.access.grant']);
      });

      it('refuses a prohibited transfer on the spot and never lets it be granted', async () => {
        const ds = await create(usSteward, {
          side: 'US',
          accessLevel: 'on_request',
          creators: [{ name: 'P. Raman', side: 'US' }],
          dataDeclaration: { categories: [{ category: 'human-genomic', subjects: 5000 }], us: { transaction: 'vendor-agreement' } },
        });
        const req = (await t.app.inject({ method: 'POST', url: `/api/datasets/${ds.id}/access-requests`, headers: cnMember, payload: { purpose: 'Population genetics comparison' } })).json<AccessRequest>();
        expect(req).toMatchObject({ status: 'denied', transfer: { verdict: 'prohibited' } });
        const grant = await t.app.inject({ method: 'POST', url: `/api/access-requests/${req.id}/decision`, headers: usSteward, payload: { decision: 'grant', note: 'try' } });
        expect(grant.statusCode).toBe(409);
      });

      it('keeps restricted data within its side, holds embargoes until their day, and hides non-open data from the public', async () => {
        const restricted = await create(cnSteward, { accessLevel: 'restricted', dataDeclaration: {} });
        const req = await t.app.inject({ method: 'POST', url: `/api/datasets/${restricted.id}/access-requests`, headers: usMember, payload: { purpose: 'Joint analysis of the data' } });
        expect(req.statusCode).toBe(403);
        const same = await t.app.inject({ method: 'POST', url: `/api/datasets/${restricted.id}/access-requests`, headers: cnMember, payload: { purpose: 'Joint analysis of the data' } });
        expect(same.json()).toMatchObject({ status: 'pending', transfer: null });
        expect((await t.app.inject({ method: 'GET', url: `/api/datasets/${restricted.id}` })).statusCode).toBe(404);

        const embargo = await create(usSteward, { side: 'US', accessLevel: 'embargoed', embargoUntil: '2099-01-01', dataDeclaration: {}, creators: [{ name: 'D. Okafor', side: 'US' }] });
        await upload(usSteward, embargo.id, 1, 'e.csv', 'a\n1\n');
        await t.app.inject({ method: 'POST', url: `/api/datasets/${embargo.id}/versions/1/publish`, headers: usSteward });
        const publicView = (await t.app.inject({ method: 'GET', url: `/api/datasets/${embargo.id}` })).json<Dataset>();
        expect(publicView.access).toEqual({ canDownload: false, reason: 'embargoed until 2099-01-01' });
        const fileId = (await versions(undefined, embargo.id))[0]?.files[0]?.id ?? '';
        expect((await t.app.inject({ method: 'GET', url: `/api/datasets/${embargo.id}/files/${fileId}` })).statusCode).toBe(403);
        const { downloadAccess } = await import('./dataset.access.ts');
        const row = await t.services.database.db.query.datasets.findFirst({ where: (d, { eq }) => eq(d.id, embargo.id) });
        if (!row) throw new Error('missing');
        expect(downloadAccess(null, row, [], '2098-12-31').canDownload).toBe(false);
        expect(downloadAccess(null, row, [], '2099-01-01').canDownload).toBe(true);

        const list = (await t.app.inject({ method: 'GET', url: '/api/datasets' })).json<{ items: Dataset[] }>().items;
        expect(list.every((d) => d.accessLevel === 'open' || d.accessLevel === 'embargoed')).toBe(true);
        const zh = (await t.app.inject({ method: 'GET', url: `/api/datasets?q=${encodeURIComponent('地震')}`, headers: usMember })).json<{ items: Dataset[] }>().items;
        expect(zh.length).toBeGreaterThan(0);
        expect(zh.every((d) => (d.title.zh ?? '').includes('地震') || (d.description.zh ?? '').includes('地震'))).toBe(true);
        const y = (await t.app.inject({ method: 'GET', url: '/api/datasets?year=2007', headers: usMember })).json<{ items: Dataset[] }>().items;
        expect(y.some((d) => d.id === restricted.id)).toBe(false);
      });

      it('refuses concurrent metadata edits based on the same version', async () => {
        const ds = await create(cnSteward);
        const edit = (en: string) => t.app.inject({ method: 'PATCH', url: `/api/datasets/${ds.id}`, headers: cnSteward, payload: { version: 1, title: { en } } });
        const codes = (await Promise.all([edit('A'), edit('B')])).map((r) => r.statusCode).sort();
        expect(codes).toEqual([200, 409]);
        const now = (await t.app.inject({ method: 'GET', url: `/api/datasets/${ds.id}`, headers: cnSteward })).json<Dataset>();
        expect(now.title.flag).toBe('zh_older');
        const bad = await t.app.inject({ method: 'PATCH', url: `/api/datasets/${ds.id}`, headers: cnSteward, payload: { version: 2, embargoUntil: 'soon' } });
        expect(bad.json()).toMatchObject({ error: { id: 'validation_failed', message: expect.stringMatching(/^embargoUntil: /) as string } });
      });
    });
  }
}
