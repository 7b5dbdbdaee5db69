// 1,000 malformed requests across every API route, from a seeded generator (the seed is printed; set
// QIAO_FUZZ_SEED to replay a run). Every write carries at least one flaw that must get it refused
// (broken JSON, an unsupported content type, a broken path parameter, a wrong CSRF token or session),
// so the database must end exactly as it started. No answer may be 5xx, and every non-2xx answer is the
// error envelope with a known id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../apps/server/src/db/client.ts';
import { dbTargets } from '../../apps/server/src/testing/db.ts';
import type { HttpClient, RawReply } from './client.ts';
import { rowCounts, startLive, userClient, type Live } from './live.ts';

const REQUESTS = 1000;
const CONCURRENCY = 6;

/** mulberry32: small, fast and reproducible from one 32-bit seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

// Path parameter values that no route may take as a valid id of anything.
const BAD_PARAMS = ['not-a-uuid', '..%2F..%2Fetc%2Fpasswd', '%00', '99999999999999999999', '-1', '1e400', 'x'.repeat(300), '%FF%FE', '%ED%A0%80', '00000000-0000-0000-0000-00000000000g', '%2e%2e', 'NaN', '%0d%0aX-Injected:%201', '%E2%80%AE'];
// Query values past ranges, of the wrong type, or with bad bytes.
const BAD_QUERY_VALUES = ['-1', '99999999999', '1e400', 'abc', '%00', '%FF', '%ED%A0%80', '', 'true', '[]', '%7B%7D', 'x'.repeat(2000), '2147483648', '0x10', 'null'];
const QUERY_KEYS = ['version', 'limit', 'offset', 'before', 'q', 'from', 'to', 'mine', 'status', 'side', 'groupId', 'threshold', 'filename', 'contentType', 'entity', 'year', 'limit[]', '__proto__', 'constructor'];
const ODD_CONTENT_TYPES = ['application/x-qiao-fuzz', 'text/xml', 'image/png', 'application/json-patch+xml', 'application/x-www-form-urlencoded', 'video/mp4', 'application/vnd.ms-excel'];
const JSON_TYPES = ['application/json', 'application/json; charset=utf-8', 'application/json; charset=latin1', 'Application/JSON'];
const ODD_METHODS = ['PROPFIND', 'TRACE', 'PURGE', 'MKCOL', 'OPTIONS', 'HEAD', 'SEARCH'];

/** A value a hostile client might put anywhere: bad bytes, huge numbers, wrong types, overlong text. */
function nastyValue(r: Rand, depth = 0): unknown {
  const options: (() => unknown)[] = [
    () => `a\u0000b`,
    () => '\ud800',
    () => '\udfff\ud800',
    () => 'x'.repeat(Math.floor(r() * 100_000)),
    () => 2147483648,
    () => -2147483649,
    () => 1e308,
    () => Number.MAX_SAFE_INTEGER + 2,
    () => -0,
    () => true,
    () => null,
    () => [],
    () => '../../etc/passwd',
    () => '<script>alert(1)</script>',
    () => '\u202e\u0000\u0007',
    () => '9'.repeat(40),
    () => (depth < 3 ? { en: nastyValue(r, depth + 1), zh: nastyValue(r, depth + 1) } : {}),
    () => (depth < 3 ? [nastyValue(r, depth + 1), nastyValue(r, depth + 1)] : []),
  ];
  return pick(r, options)();
}

const FIELDS = ['name', 'names', 'title', 'body', 'version', 'email', 'password', 'displayName', 'side', 'status', 'message', 'purpose', 'position', 'userId', 'decision', 'revision', 'roles', 'country', 'note', 'values', '__proto__'];

/** A JSON-ish body that does not parse: nasty content, then broken at a random point. */
function brokenJson(r: Rand): Buffer {
  const obj: Record<string, unknown> = {};
  for (let i = 0; i < 1 + Math.floor(r() * 5); i++) obj[pick(r, FIELDS)] = nastyValue(r);
  const text = JSON.stringify(obj);
  const breakers: (() => Buffer)[] = [
    () => Buffer.from(text.slice(0, Math.max(1, Math.floor(r() * (text.length - 1))))),
    () => Buffer.from(`${text}}`),
    () => Buffer.from(`${text.slice(0, -1)},}`),
    () => Buffer.concat([Buffer.from(text.slice(0, -1)), Buffer.from(',"x":'), Buffer.from([0xff, 0xfe, 0x00]), Buffer.from('}')]),
    () => Buffer.from(`{"version": 1e999999, "a": ${text}`),
    () => Buffer.from(`{"a":"\u0000`),
    () => Buffer.from(`{'single': 'quotes'}`),
    () => Buffer.from(`{"a":NaN}`),
    () => Buffer.from(`{"a":"\\ud800`),
    () => Buffer.from('[1,2,3'),
    () => Buffer.from('\uFEFF\uFEFF{"a":1'),
    () => Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0x7b]),
  ];
  return pick(r, breakers)();
}

interface Route {
  method: string;
  url: string;
}

interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Whether the request is a write the server must refuse. */
  mustRefuse: boolean;
}

function fill(url: string, r: Rand): string {
  return url.replace(/:(\w+)/g, () => pick(r, BAD_PARAMS));
}

function queryString(r: Rand): string {
  const n = Math.floor(r() * 4);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(`${pick(r, QUERY_KEYS)}=${pick(r, BAD_QUERY_VALUES)}`);
  if (r() < 0.1) parts.push('%%%', '&&=', '=x');
  return parts.length ? `?${parts.join('&')}` : '';
}

function randomHeaders(r: Rand): Record<string, string> {
  const h: Record<string, string> = {};
  const options: [string, () => string][] = [
    ['x-forwarded-for', () => pick(r, ['999.999.1.1', '::1, 10.0.0.1', 'garbage', ''])],
    ['accept', () => pick(r, ['*/*', 'text/html', 'application/xml', 'x/y;q=abc'])],
    ['accept-language', () => pick(r, ['zh-CN', 'xx', '*;q=2'])],
    ['range', () => pick(r, ['bytes=abc', 'bytes=9999999999999-', 'bytes=5-1', 'bytes=0-0,1-1,2-2'])],
    ['if-none-match', () => pick(r, ['*', '"x"', 'W/"'])],
    ['content-encoding', () => pick(r, ['gzip', 'br', 'identity', 'x-fuzz'])],
    ['x-http-method-override', () => pick(r, ['DELETE', 'PUT'])],
    ['origin', () => pick(r, ['https://evil.example', 'null'])],
  ];
  for (const [k, v] of options) if (r() < 0.15) h[k] = v();
  return h;
}

/** One malformed request; a write always carries at least one flaw that must get it refused. */
function generate(r: Rand, routes: Route[], auth: Record<string, string>): FuzzRequest {
  const route = pick(r, routes);
  const headers: Record<string, string> = { ...auth, ...randomHeaders(r) };
  const hasParams = route.url.includes(':');
  let method = r() < 0.08 ? pick(r, ODD_METHODS) : route.method;
  let path = route.url;
  const write = !['GET', 'HEAD', 'OPTIONS', 'SEARCH', 'PROPFIND', 'TRACE'].includes(method);
  if (method === 'TRACE' || method === 'HEAD') method = 'GET';
  let body: Buffer | undefined;
  const flaws: string[] = [];
  const breakParams = hasParams && r() < 0.5;
  path = breakParams ? fill(path, r) : path.replace(/:(\w+)/g, () => pick(r, ['00000000-0000-4000-8000-000000000000', '1', 'US', 'test-list']));
  if (breakParams) flaws.push('params');
  path += queryString(r);
  if (write) {
    const kind = r();
    if (kind < 0.55) {
      body = brokenJson(r);
      headers['content-type'] = pick(r, JSON_TYPES);
      flaws.push('json');
    } else if (kind < 0.8) {
      body = r() < 0.5 ? brokenJson(r) : Buffer.from(JSON.stringify({ version: 1 }));
      headers['content-type'] = pick(r, ODD_CONTENT_TYPES);
      flaws.push('content-type');
    } else if (kind < 0.9) {
      headers['x-csrf-token'] = pick(r, ['', 'wrong', 'x'.repeat(500)]);
      body = Buffer.from('{}');
      headers['content-type'] = 'application/json';
      flaws.push('csrf');
    } else {
      headers.cookie = pick(r, ['qiao_session=forged', 'qiao_session=', 'qiao_session=%00', `qiao_session=${'a'.repeat(4000)}`]);
      body = Buffer.from('{}');
      headers['content-type'] = 'application/json';
      flaws.push('session');
    }
  }
  return { method, path, headers, ...(body ? { body } : {}), mustRefuse: write && flaws.length > 0 };
}

function describeRequest(req: FuzzRequest): string {
  const body = req.body ? ` body=${JSON.stringify(req.body.toString('latin1').slice(0, 120))}` : '';
  const headers = Object.entries(req.headers)
    .filter(([k]) => k !== 'cookie' || !req.headers.cookie?.startsWith('qiao_session=') || req.headers.cookie.length < 60)
    .filter(([k]) => k !== 'x-csrf-token' || req.headers[k]?.length !== 43)
    .map(([k, v]) => `${k}: ${v.slice(0, 60)}`)
    .join('; ');
  return `${req.method} ${req.path.slice(0, 200)} [${headers}]${body}`;
}

for (const target of dbTargets()) {
  describe.skipIf(target.skip)(`fuzz on ${target.name}`, () => {
    let database: Database;
    let live: Live;
    let admin: HttpClient;
    beforeAll(async () => {
      database = await target.open();
      live = await startLive(database);
      admin = await userClient(live, ['admin', 'co_chair', 'member', 'compliance_officer', 'data_steward']);
    });
    afterAll(async () => {
      await live.close();
      await database.close();
    });

    it(`answers ${REQUESTS} malformed requests without a 5xx, in the envelope, and changes nothing`, async () => {
      const seed = Number(process.env.QIAO_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 32));
      console.log(`fuzz seed on ${target.name}: ${seed} (replay with QIAO_FUZZ_SEED=${seed})`);
      const r = prng(seed);
      const routes: Route[] = live.app.routeAccess.map((a) => ({ method: a.method, url: a.url }));
      routes.push({ method: 'GET', url: '/' }, { method: 'GET', url: '/api/nope/:x' }, { method: 'POST', url: '/api/nope/:x' });
      expect(routes.length).toBeGreaterThan(80);
      const requests = Array.from({ length: REQUESTS }, () => generate(r, routes, admin.defaults));
      const before = await rowCounts(database);
      const failures: string[] = [];
      const check = (req: FuzzRequest, res: RawReply | Error) => {
        if (res instanceof Error) return failures.push(`${describeRequest(req)} → ${res.message}`);
        if (res.status >= 500) return failures.push(`${describeRequest(req)} → ${res.status} ${res.text.slice(0, 200)}`);
        if (req.mustRefuse && res.status < 400) return failures.push(`${describeRequest(req)} → ${res.status}: a malformed write was accepted`);
        if (res.status >= 400 && req.method !== 'HEAD' && !res.envelope()) return failures.push(`${describeRequest(req)} → ${res.status} not the error envelope: ${res.text.slice(0, 200)}`);
        return 0;
      };
      let next = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < requests.length) {
            const req = requests[next++];
            if (!req) break;
            const res = await admin
              .request(req.method, req.path, { headers: req.headers, ...(req.body ? { body: req.body } : {}), timeoutMs: 20_000 })
              .catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))));
            check(req, res);
          }
        }),
      );
      const after = await rowCounts(database);
      const me = await admin.request('GET', '/api/auth/me');
      expect(failures, `seed ${seed}: ${failures.length} bad answers\n${failures.slice(0, 40).join('\n')}`).toEqual([]);
      expect(after, `seed ${seed}: rows changed`).toEqual(before);
      expect(me.status, 'the admin session survives').toBe(200);
    }, 120_000);
  });
}
