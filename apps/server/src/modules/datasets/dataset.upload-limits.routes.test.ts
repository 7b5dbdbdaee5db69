import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '@qiao/contracts';
import type { Database } from '../../db/client.ts';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { dbTargets } from '../../testing/db.ts';

const TOTAL = 300 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 0x31);

/** 300 MB produced on demand, so the test itself never holds the body in memory. */
function generated(): Readable & { sent: () => number } {
  let sent = 0;
  const stream = new Readable({
    read() {
      if (sent >= TOTAL) {
        this.push(null);
        return;
      }
      sent += CHUNK.length;
      this.push(CHUNK);
    },
  });
  return Object.assign(stream, { sent: () => sent });
}

interface Outcome {
  status: number;
  body: unknown;
  sentAtResponse: number;
  ms: number;
  peakRssGrowth: number;
}

/** Sends the generated body over a real socket and samples this process's RSS until the answer arrives. */
function send(port: number, url: string, headers: Record<string, string>): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    const body = generated();
    const req = http.request({ host: '127.0.0.1', port, method: 'PUT', path: url, headers });
    // The server answers and stops reading: the rest of the body may fail to send, which is expected.
    req.on('error', () => undefined);
    req.on('response', (res) => {
      const sentAtResponse = body.sent();
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        clearInterval(sampler);
        peak = Math.max(peak, process.memoryUsage().rss);
        body.destroy();
        req.destroy();
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // left as text so the assertion shows it
        }
        resolve({ status: res.statusCode ?? 0, body: parsed, sentAtResponse, ms: Date.now() - started, peakRssGrowth: peak - rss0 });
      });
    });
    body.pipe(req);
  });
}

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`hostile upload bodies on ${target.name}`, () => {
    let database: Database;
    let t: TestApp;
    let filesDir: string;
    let port: number;
    let steward: Record<string, string>;
    let url: string;
    beforeAll(async () => {
      database = await target.open();
      filesDir = mkdtempSync(path.join(os.tmpdir(), 'qiao-files-'));
      t = await buildTestApp(database, { QIAO_DATA_DIR: filesDir, QIAO_UPLOAD_MAX_BYTES: '200000' });
      steward = (await t.signInAs(['data_steward'], 'US')).headers;
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/datasets',
        headers: steward,
        payload: { title: { en: 'Upload limits' }, description: { en: 'Bodies that must not be buffered.' }, creators: [{ name: 'D. Okafor', side: 'US' }], licence: 'CC0-1.0', accessLevel: 'open', side: 'US', dataDeclaration: {} },
      });
      url = `/api/datasets/${created.json<Dataset>().id}/versions/1/files/big.bin`;
      await t.app.listen({ host: '127.0.0.1', port: 0 });
      port = (t.app.server.address() as AddressInfo).port;
    });
    afterAll(async () => {
      await t.close();
      await database.close();
      rmSync(filesDir, { recursive: true, force: true });
    });

    it('removes the temp file of an upload whose client disconnects midway, and records nothing', async () => {
      const tmp = path.join(filesDir, 'files', 'tmp');
      const listing = () => (existsSync(tmp) ? readdirSync(tmp) : []);
      const req = http.request({ host: '127.0.0.1', port, method: 'PUT', path: url.replace('big.bin', 'cut.bin'), headers: { ...steward, 'content-type': 'application/octet-stream' } });
      req.on('error', () => undefined);
      req.write(Buffer.alloc(100_000, 5));
      for (let i = 0; i < 500 && listing().length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(listing()).toHaveLength(1);
      req.destroy();
      for (let i = 0; i < 500 && listing().length > 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(listing()).toEqual([]);
      const versions = (await t.app.inject({ method: 'GET', url: url.replace(/\/1\/files\/big\.bin$/, ''), headers: steward })).json<{ items: { files: unknown[] }[] }>();
      expect(versions.items[0]?.files).toEqual([]);
    });

    const cases: [string, Record<string, string>, number, string][] = [
      ['application/json', { 'content-type': 'application/json' }, 415, 'unsupported_media_type'],
      ['text/plain', { 'content-type': 'text/plain' }, 415, 'unsupported_media_type'],
      ['an unknown type', { 'content-type': 'application/x-qiao-unknown' }, 415, 'unsupported_media_type'],
      ['no content type', {}, 415, 'unsupported_media_type'],
      ['octet-stream declaring 300 MB', { 'content-type': 'application/octet-stream', 'content-length': String(TOTAL) }, 413, 'payload_too_large'],
      ['chunked octet-stream past the limit', { 'content-type': 'application/octet-stream' }, 413, 'payload_too_large'],
    ];
    for (const [label, headers, status, id] of cases) {
      it(`answers ${status} to 300 MB of ${label} without reading it into memory`, async () => {
        const out = await send(port, url, { ...steward, ...headers });
        expect(out.status, JSON.stringify(out.body)).toBe(status);
        expect(out.body).toMatchObject({ error: { id } });
        expect(out.sentAtResponse).toBeLessThan(TOTAL / 2);
        expect(out.ms).toBeLessThan(10_000);
        expect(out.peakRssGrowth).toBeLessThan(50 * 1024 * 1024);
        const versions = (await t.app.inject({ method: 'GET', url: url.replace(/\/1\/files\/big\.bin$/, ''), headers: steward })).json<{ items: { files: unknown[] }[] }>();
        expect(versions.items[0]?.files).toEqual([]);
        const tmp = path.join(filesDir, 'files', 'tmp');
        expect(existsSync(tmp) ? readdirSync(tmp) : []).toEqual([]);
      });
    }
  });
}
