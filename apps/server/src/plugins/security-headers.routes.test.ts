import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db/client.ts';
import { buildTestApp, type TestApp } from '../testing/app.ts';

function directives(csp: string | undefined): Map<string, string> {
  return new Map((csp ?? '').split(';').map((d) => d.trim().split(/\s+/)).filter((p) => p[0]).map(([name = '', ...values]) => [name, values.join(' ')]));
}

describe('security headers and the error envelope at the edge', () => {
  let database: Database;
  let t: TestApp;
  let webDist: string;
  beforeAll(async () => {
    webDist = mkdtempSync(path.join(tmpdir(), 'qiao-web-'));
    writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><html><head><script type="module" src="/assets/index.js"></script></head><body><div id="root"></div></body></html>');
    database = await openDatabase({ kind: 'pglite', dataDir: null });
    await database.migrate();
    t = await buildTestApp(database, { QIAO_WEB_DIST: webDist });
  });
  afterAll(async () => {
    await t.close();
    await database.close();
    rmSync(webDist, { recursive: true, force: true });
  });

  const expectHardened = (headers: Record<string, unknown>) => {
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(['no-referrer', 'strict-origin-when-cross-origin']).toContain(headers['referrer-policy']);
    const csp = directives(headers['content-security-policy'] as string | undefined);
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('base-uri')).toBe("'self'");
    return csp;
  };

  it('sends CSP, nosniff, frame-ancestors and a referrer policy on API answers, errors included', async () => {
    for (const url of ['/api/health', '/api/nothing-here']) {
      const res = await t.app.inject({ method: 'GET', url });
      const csp = expectHardened(res.headers);
      expect(csp.get('default-src')).toBe("'self'");
    }
  });

  it('serves the web app under a CSP that allows only its own scripts, styles, images and API', async () => {
    for (const url of ['/', '/groups/some/deep/link']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('<div id="root">');
      const csp = expectHardened(res.headers);
      expect(csp.get('script-src')).toBe("'self'");
      expect(csp.get('connect-src')).toBe("'self'");
      expect(csp.get('img-src')).toBe("'self' data: blob:");
      expect(csp.get('style-src')).not.toContain('unsafe-inline');
    }
  });

  it('keeps the API docs page working under its own CSP, still not frameable', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('swagger');
    const csp = expectHardened(page.headers);
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('style-src')).toBe("'self' 'unsafe-inline'");
    const script = await t.app.inject({ method: 'GET', url: '/api/docs/static/swagger-initializer.js' });
    expect(script.statusCode).toBe(200);
  });

  it('answers an over-long path segment with 414 in the error envelope', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/working-groups/${'x'.repeat(5000)}` });
    expect(res.statusCode).toBe(414);
    expect(res.json()).toEqual({ error: { id: 'uri_too_long', message: expect.any(String) as string } });
    expectHardened(res.headers);
  });

  it('answers a malformed URL encoding with 400 in the error envelope', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/working-groups/%E0%A4%A' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: { id: 'validation_failed', message: expect.any(String) as string } });
  });
});
