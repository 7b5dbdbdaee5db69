import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessRequest, Dataset, DatasetVersion, User } from '@qiao/contracts';
import type { Database } from '../../db/client.ts';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { dbTargets } from '../../testing/db.ts';
import { policyTransferEvaluator } from '../policy/policy.adapter.ts';
import { datasetFiles } from './dataset.schema.ts';
import { DatasetService } from './dataset.service.ts';
import { BlobStore } from './dataset.storage.ts';

const US_OPEN = { side: 'US', accessLevel: 'open', dataDeclaration: {}, creators: [{ name: 'D. Okafor', side: 'US' }] };
const US_ON_REQUEST = { ...US_OPEN, accessLevel: 'on_request' };

function datasetBody(over: Record<string, unknown> = {}) {
  return {
    title: { en: 'Seismic catalogue, Sichuan 2008–2024', zh: '四川地震目录（2008—2024）' },
    description: { en: 'Located events with magnitudes.', zh: '已定位地震事件及震级。' },
    creators: [{ name: 'Zhang Haoran', affiliation: 'Institute of Geophysics', side: 'CN' }],
    licence: 'CC-BY-4.0',
    accessLevel: 'on_request',
    side: 'CN',
    dataDeclaration: { kinds: ['seismic'] },
    ...over,
  };
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`dataset trust rules on ${target.name}`, () => {
    let database: Database;
    let t: TestApp;
    let filesDir: string;
    let tmpDir: string;
    let cnSteward: Record<string, string>;
    let usSteward: Record<string, string>;
    let usMember: Record<string, string>;
    let cnMember: Record<string, string>;
    let usStewardUser: User;
    beforeAll(async () => {
      database = await target.open();
      filesDir = mkdtempSync(path.join(os.tmpdir(), 'qiao-files-'));
      tmpDir = path.join(filesDir, 'files', 'tmp');
      t = await buildTestApp(database, { QIAO_DATA_DIR: filesDir, QIAO_UPLOAD_MAX_BYTES: '200000' });
      cnSteward = (await t.signInAs(['data_steward'], 'CN')).headers;
      const us = await t.signInAs(['data_steward'], 'US');
      usSteward = us.headers;
      usStewardUser = us.session.user;
      usMember = (await t.signInAs(['member'], 'US')).headers;
      cnMember = (await t.signInAs(['member'], 'CN')).headers;
    });
    afterAll(async () => {
      await t.close();
      await database.close();
      rmSync(filesDir, { recursive: true, force: true });
    });

    const create = async (headers: Record<string, string>, over: Record<string, unknown> = {}) => {
      const res = await t.app.inject({ method: 'POST', url: '/api/datasets', headers, payload: datasetBody(over) });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<Dataset>();
    };
    const uploadUrl = (id: string, n: number, name: string, query = '') => `/api/datasets/${id}/versions/${n}/files/${encodeURIComponent(name)}${query}`;
    const upload = (headers: Record<string, string>, id: string, n: number, name: string, body: string | Buffer | Readable, query = '') =>
      t.app.inject({ method: 'PUT', url: uploadUrl(id, n, name, query), headers: { ...headers, 'content-type': 'application/octet-stream' }, payload: body });
    const publish = (headers: Record<string, string>, id: string, n: number) => t.app.inject({ method: 'POST', url: `/api/datasets/${id}/versions/${n}/publish`, headers });
    const versions = async (headers: Record<string, string>, id: string) =>
      (await t.app.inject({ method: 'GET', url: `/api/datasets/${id}/versions`, headers })).json<{ items: DatasetVersion[] }>().items;
    const download = (headers: Record<string, string> | undefined, id: string, fileId: string) =>
      t.app.inject({ method: 'GET', url: `/api/datasets/${id}/files/${fileId}`, ...(headers ? { headers } : {}) });
    const requests = async (headers: Record<string, string>, id: string) =>
      (await t.app.inject({ method: 'GET', url: `/api/datasets/${id}/access-requests`, headers })).json<{ items: AccessRequest[] }>().items;
    const revoke = (headers: Record<string, string>, id: string, grantId: string, note = 'the project ended') =>
      t.app.inject({ method: 'POST', url: `/api/datasets/${id}/grants/${grantId}/revoke`, headers, payload: { note } });
    const patch = async (headers: Record<string, string>, id: string, body: Record<string, unknown>) => {
      const current = (await t.app.inject({ method: 'GET', url: `/api/datasets/${id}`, headers })).json<Dataset>();
      return t.app.inject({ method: 'PATCH', url: `/api/datasets/${id}`, headers, payload: { version: current.version, ...body } });
    };

    /** A published dataset with one file, and a granted request by `grantee` (conditions met by the owner's steward). */
    async function granted(owner: Record<string, string>, grantee: Record<string, string>, over: Record<string, unknown> = {}) {
      const ds = await create(owner, over);
      expect((await upload(owner, ds.id, 1, 'data.csv', 'a,b\n1,2\n')).statusCode).toBe(200);
      expect((await publish(owner, ds.id, 1)).statusCode).toBe(200);
      const fileId = (await versions(owner, ds.id))[0]?.files[0]?.id ?? '';
      const req = (await t.app.inject({ method: 'POST', url: `/api/datasets/${ds.id}/access-requests`, headers: grantee, payload: { purpose: 'Joint analysis of the data' } })).json<AccessRequest>();
      for (const c of req.conditions) await t.app.inject({ method: 'POST', url: `/api/access-requests/${req.id}/conditions/${c.id}`, headers: owner, payload: { met: true, note: 'on file' } });
      const grant = await t.app.inject({ method: 'POST', url: `/api/access-requests/${req.id}/decision`, headers: owner, payload: { decision: 'grant', note: 'approved', expiresAt: null } });
      expect(grant.statusCode, grant.body).toBe(200);
      expect((await download(grantee, ds.id, fileId)).statusCode).toBe(200);
      return { ds, fileId, grantId: req.id };
    }

    it('a publish that races a streamed upload wins: the upload fails with 409 locked and the published version never changes', async () => {
      const ds = await create(usSteward, US_OPEN);
      expect((await upload(usSteward, ds.id, 1, 'a.csv', 'v,1\n')).statusCode).toBe(200);
      const body = new PassThrough();
      body.write(Buffer.alloc(50_000, 7));
      const slow = upload(usSteward, ds.id, 1, 'big.csv', body);
      // The upload has passed its draft check and is streaming to a temp file.
      await until(() => existsSync(tmpDir) && readdirSync(tmpDir).length > 0, 'the upload to start streaming');
      const pub = await publish(usSteward, ds.id, 1);
      expect(pub.statusCode, pub.body).toBe(200);
      const published = await versions(usSteward, ds.id);
      body.end(Buffer.alloc(50_000, 8));
      const res = await slow;
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json()).toMatchObject({ error: { id: 'locked' } });
      const after = await versions(usSteward, ds.id);
      expect(after).toEqual(published);
      expect(after[0]?.files.map((f) => f.name)).toEqual(['a.csv']);
      expect(readdirSync(tmpDir)).toEqual([]);
      const audit = await t.services.database.db.query.auditLog.findMany({ where: (a, { eq }) => eq(a.entityId, ds.id) });
      expect(audit.filter((a) => a.action === 'dataset.file.upload')).toHaveLength(1);
    });

    it('refuses every write to a published version with 409 locked', async () => {
      const ds = await create(usSteward, US_OPEN);
      await upload(usSteward, ds.id, 1, 'a.csv', 'v,1\n');
      await publish(usSteward, ds.id, 1);
      const before = await versions(usSteward, ds.id);
      const late = await upload(usSteward, ds.id, 1, 'a.csv', 'v,2\n');
      expect(late.statusCode).toBe(409);
      expect(late.json()).toMatchObject({ error: { id: 'locked' } });
      const del = await t.app.inject({ method: 'DELETE', url: uploadUrl(ds.id, 1, 'a.csv'), headers: usSteward });
      expect(del.json()).toMatchObject({ error: { id: 'locked' } });
      const again = await publish(usSteward, ds.id, 1);
      expect(again.json()).toMatchObject({ error: { id: 'locked' } });
      expect(await versions(usSteward, ds.id)).toEqual(before);
    });

    it('a revoked grant ends on the next request; only a steward of the dataset’s side can revoke it, and it stays listed', async () => {
      const { ds, fileId, grantId } = await granted(cnSteward, usMember);
      const otherSide = await revoke(usSteward, ds.id, grantId);
      expect(otherSide.statusCode).toBe(403);
      expect(otherSide.json()).toMatchObject({ error: { id: 'wrong_side' } });
      const grantee = await revoke(usMember, ds.id, grantId);
      expect(grantee.statusCode).toBe(403);
      expect(grantee.json()).toMatchObject({ error: { id: 'forbidden' } });
      const member = await revoke(cnMember, ds.id, grantId);
      expect(member.json()).toMatchObject({ error: { id: 'forbidden' } });
      // Nothing changed for the grantee.
      expect((await download(usMember, ds.id, fileId)).statusCode).toBe(200);
      expect((await requests(cnSteward, ds.id)).find((r) => r.id === grantId)).toMatchObject({ status: 'granted', active: true });

      const ok = await revoke(cnSteward, ds.id, grantId, 'the joint study ended');
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ id: grantId, status: 'revoked', active: false, revokeNote: 'the joint study ended', revokedBy: expect.stringContaining('@') as string });
      const denied = await download(usMember, ds.id, fileId);
      expect(denied.statusCode).toBe(403);
      expect(denied.json()).toMatchObject({ error: { id: 'access_revoked' } });
      const view = (await t.app.inject({ method: 'GET', url: `/api/datasets/${ds.id}`, headers: usMember })).json<Dataset>();
      expect(view.access.canDownload).toBe(false);
      const listed = (await requests(cnSteward, ds.id)).find((r) => r.id === grantId);
      expect(listed).toMatchObject({ status: 'revoked', active: false, revokedAt: expect.any(String) as string });
      const twice = await revoke(cnSteward, ds.id, grantId);
      expect(twice.statusCode).toBe(409);
      expect(twice.json()).toMatchObject({ error: { id: 'invalid_transition' } });
      const wrongDataset = await revoke(cnSteward, (await create(cnSteward)).id, grantId);
      expect(wrongDataset.statusCode).toBe(404);
      const audit = await t.services.database.db.query.auditLog.findMany({ where: (a, { eq }) => eq(a.entityId, grantId) });
      expect(audit.map((a) => a.action)).toContain('dataset.access.revoke');
    });

    it('tightening to restricted ends the grants of other sides at once; loosening again does not bring them back', async () => {
      const { ds, fileId, grantId } = await granted(cnSteward, usMember);
      const same = await t.signInAs(['member'], 'CN');
      const sameReq = (await t.app.inject({ method: 'POST', url: `/api/datasets/${ds.id}/access-requests`, headers: same.headers, payload: { purpose: 'Same-side analysis of the data' } })).json<AccessRequest>();
      await t.app.inject({ method: 'POST', url: `/api/access-requests/${sameReq.id}/decision`, headers: cnSteward, payload: { decision: 'grant', note: 'approved', expiresAt: null } });

      // A request from the other side still pending when the dataset is restricted.
      const late = await t.signInAs(['member'], 'US');
      const lateReq = (await t.app.inject({ method: 'POST', url: `/api/datasets/${ds.id}/access-requests`, headers: late.headers, payload: { purpose: 'Joint analysis of the data' } })).json<AccessRequest>();
      for (const c of lateReq.conditions) await t.app.inject({ method: 'POST', url: `/api/access-requests/${lateReq.id}/conditions/${c.id}`, headers: cnSteward, payload: { met: true, note: 'on file' } });

      const tightened = await patch(cnSteward, ds.id, { accessLevel: 'restricted' });
      expect(tightened.statusCode, tightened.body).toBe(200);
      const denied = await download(usMember, ds.id, fileId);
      expect(denied.statusCode).toBe(403);
      expect(denied.json()).toMatchObject({ error: { id: 'access_revoked' } });
      // Restricted data stays shared within its side: a same-side grant continues.
      expect((await download(same.headers, ds.id, fileId)).statusCode).toBe(200);
      const listed = await requests(cnSteward, ds.id);
      expect(listed.find((r) => r.id === grantId)).toMatchObject({ status: 'revoked', revokeNote: expect.stringContaining('restricted') as string });
      expect(listed.find((r) => r.id === sameReq.id)).toMatchObject({ status: 'granted', active: true });
      const lateGrant = await t.app.inject({ method: 'POST', url: `/api/access-requests/${lateReq.id}/decision`, headers: cnSteward, payload: { decision: 'grant', note: 'approved', expiresAt: null } });
      expect(lateGrant.statusCode).toBe(403);
      expect(lateGrant.json()).toMatchObject({ error: { id: 'forbidden' } });
      expect((await requests(cnSteward, ds.id)).find((r) => r.id === lateReq.id)).toMatchObject({ status: 'pending' });

      expect((await patch(cnSteward, ds.id, { accessLevel: 'on_request' })).statusCode).toBe(200);
      expect((await download(usMember, ds.id, fileId)).json()).toMatchObject({ error: { id: 'access_revoked' } });
    });

    it('an embargo re-imposed with a future date ends existing grants', async () => {
      const { ds, fileId, grantId } = await granted(usSteward, cnMember, US_ON_REQUEST);
      const res = await patch(usSteward, ds.id, { accessLevel: 'embargoed', embargoUntil: '2099-01-01' });
      expect(res.statusCode, res.body).toBe(200);
      const denied = await download(cnMember, ds.id, fileId);
      expect(denied.statusCode).toBe(403);
      expect(denied.json()).toMatchObject({ error: { id: 'access_revoked' } });
      expect((await patch(usSteward, ds.id, { accessLevel: 'on_request', embargoUntil: null })).statusCode).toBe(200);
      expect((await download(cnMember, ds.id, fileId)).statusCode).toBe(403);
      expect((await requests(usSteward, ds.id)).find((r) => r.id === grantId)).toMatchObject({ status: 'revoked' });
    });

    it('two concurrent access requests by the same person make one pending request and a 409 conflict', async () => {
      const ds = await create(cnSteward);
      const ask = () => t.app.inject({ method: 'POST', url: `/api/datasets/${ds.id}/access-requests`, headers: usMember, payload: { purpose: 'Joint aftershock forecasting study' } });
      const results = await Promise.all([ask(), ask(), ask()]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
      for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json()).toMatchObject({ error: { id: 'conflict' } });
      expect((await requests(cnSteward, ds.id)).filter((r) => r.status === 'pending')).toHaveLength(1);
      // The same race one layer down, where the calls interleave at every query.
      const other = await create(cnSteward);
      const asker = await t.signInAs(['member'], 'US');
      const direct = await Promise.allSettled([1, 2, 3, 4].map(() => t.services.datasets.requestAccess(asker.session.user, other.id, 'Joint aftershock forecasting study')));
      expect(direct.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of direct) if (r.status === 'rejected') expect(r.reason).toMatchObject({ status: 409, id: 'conflict' });
      expect((await requests(cnSteward, other.id)).filter((r) => r.status === 'pending')).toHaveLength(1);
    });

    it('refuses a content type that could break a header, and never answers 500 on a stored one', async () => {
      const ds = await create(usSteward, US_OPEN);
      const bad = await upload(usSteward, ds.id, 1, 'x.html', '<p>hi</p>', '?contentType=text/html%0d%0aX-Injected:%201');
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ error: { id: 'validation_failed', message: expect.stringMatching(/^contentType: /) as string } });
      for (const type of ['text/html; x=1\u0000', 'not a type', 'a/b/c', '\u00e9/x']) {
        const res = await upload(usSteward, ds.id, 1, 'x.bin', 'x', `?contentType=${encodeURIComponent(type)}`);
        expect(res.statusCode, type).toBe(400);
      }
      expect((await versions(usSteward, ds.id))[0]?.files).toEqual([]);
      const good = await upload(usSteward, ds.id, 1, 'x.geojson', '{}', `?contentType=${encodeURIComponent('application/geo+json')}`);
      expect(good.statusCode, good.body).toBe(200);
      const fileId = (await versions(usSteward, ds.id))[0]?.files[0]?.id ?? '';
      await publish(usSteward, ds.id, 1);
      // A value stored before this check existed is served as plain bytes instead of failing.
      const { eq } = await import('drizzle-orm');
      await t.services.database.db.update(datasetFiles).set({ contentType: 'text/html\r\nX-Injected: 1' }).where(eq(datasetFiles.id, fileId));
      const down = await download(undefined, ds.id, fileId);
      expect(down.statusCode).toBe(200);
      expect(down.headers['content-type']).toBe('application/octet-stream');
      expect(down.headers['x-injected']).toBeUndefined();
    });

    it('accepts file names up to 200 characters and refuses longer or control-character names with an error id', async () => {
      const ds = await create(usSteward, US_OPEN);
      const long = 'n'.repeat(146) + '.csv';
      const ok = await upload(usSteward, ds.id, 1, long, 'a\n1\n');
      expect(ok.statusCode, ok.body).toBe(200);
      const han = '数'.repeat(196) + '.csv';
      expect((await upload(usSteward, ds.id, 1, han, 'a\n1\n')).statusCode).toBe(200);
      for (const name of ['n'.repeat(197) + '.csv', 'a\u0007b.csv', 'line\nbreak.csv']) {
        const res = await upload(usSteward, ds.id, 1, name, 'a\n1\n');
        expect(res.statusCode, name).toBe(400);
        expect(res.json()).toMatchObject({ error: { id: 'validation_failed', message: expect.stringMatching(/^name: /) as string } });
      }
      expect((await versions(usSteward, ds.id))[0]?.files.map((f) => f.name).sort()).toEqual([long, han].sort());
    });

    it('a full disk fails the upload with its errno and leaves no temp file and no record', async () => {
      const ds = await create(usSteward, US_OPEN);
      const root = path.join(filesDir, 'full');
      class FullDisk extends BlobStore {
        protected override openTemp(file: string): Writable {
          // The temp file exists, as it would on a real disk that fills up mid-write.
          writeFileSync(file, 'partial');
          let written = 0;
          return new Writable({
            write(chunk: Buffer, _enc, done) {
              written += chunk.length;
              if (written > 1000) done(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28 }));
              else done();
            },
          });
        }
      }
      const store = new FullDisk(root);
      const service = new DatasetService({ db: t.services.database.db, now: () => new Date(), log: t.app.log }, store, policyTransferEvaluator, 200_000);
      const failure = await service.upload(usStewardUser, ds.id, 1, 'full.bin', 'application/octet-stream', Readable.from([Buffer.alloc(800, 1), Buffer.alloc(800, 2)])).catch((e: unknown) => e);
      // The errno travels unchanged, so the error handler answers 507 insufficient_storage.
      expect(failure).toMatchObject({ code: 'ENOSPC' });
      expect(readdirSync(path.join(root, 'tmp'))).toEqual([]);
      expect((await versions(usSteward, ds.id))[0]?.files).toEqual([]);
    });

    it('sweeps temp files left by a killed process when the store opens', async () => {
      const root = path.join(filesDir, 'swept');
      mkdirSync(path.join(root, 'tmp'), { recursive: true });
      writeFileSync(path.join(root, 'tmp', 'left-by-kill-9'), Buffer.alloc(4096, 1));
      const store = new BlobStore(root);
      expect(existsSync(path.join(root, 'tmp', 'left-by-kill-9'))).toBe(false);
      expect(await store.exists(createHash('sha256').update(Buffer.alloc(4096, 1)).digest('hex'))).toBe(false);
    });
  });
}
