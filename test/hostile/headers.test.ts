// Security headers on every response: an API answer, an error, and the web app's index page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../apps/server/src/db/client.ts';
import { dbTargets } from '../../apps/server/src/testing/db.ts';
import type { RawReply } from './client.ts';
import { startLive, type Live } from './live.ts';

function expectSecurityHeaders(res: RawReply, what: string): void {
  const csp = String(res.headers['content-security-policy'] ?? '');
  expect(csp, `${what}: content-security-policy`).toMatch(/default-src/);
  expect(csp, `${what}: frame-ancestors in the CSP`).toMatch(/frame-ancestors\s+('none'|'self')/);
  expect(res.headers['x-content-type-options'], `${what}: x-content-type-options`).toBe('nosniff');
  expect(res.headers['referrer-policy'], `${what}: referrer-policy`).toMatch(/^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/);
}

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`security headers on ${target.name}`, () => {
    let database: Database;
    let live: Live;
    beforeAll(async () => {
      database = await target.open();
      live = await startLive(database);
    });
    afterAll(async () => {
      await live.close();
      await database.close();
    });

    it('sends CSP with frame-ancestors, nosniff and a referrer policy on an API response', async () => {
      const res = await live.anon.request('GET', '/api/health');
      expect(res.status).toBe(200);
      expectSecurityHeaders(res, 'GET /api/health');
    });

    it('sends them on an error response too', async () => {
      const res = await live.anon.request('GET', '/api/users');
      expect(res.status).toBe(401);
      expectSecurityHeaders(res, 'GET /api/users (401)');
    });

    it('sends them on the web app index page', async () => {
      for (const url of ['/', '/datasets/some-page']) {
        const res = await live.anon.request('GET', url);
        expect(res.status, url).toBe(200);
        expect(res.headers['content-type'], url).toMatch(/text\/html/);
        expectSecurityHeaders(res, `GET ${url}`);
      }
    });
  });
}
