import { describe, expect, it } from 'vitest';
import { ApiError, createApiClient, nextLink } from './client.ts';

interface Call {
  url: string;
  init: RequestInit;
}

function fakeFetch(status: number, body: unknown, calls: Call[]): typeof fetch {
  return (input, init) => {
    calls.push({ url: typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, init: init ?? {} });
    const text = body === undefined ? '' : JSON.stringify(body);
    return Promise.resolve(new Response(status === 204 ? null : text, { status }));
  };
}

function header(call: Call | undefined, name: string): string | undefined {
  return (call?.init.headers as Record<string, string> | undefined)?.[name];
}

describe('api client', () => {
  it('reads a page of a list with its next link and total from the headers', async () => {
    const headers = { link: '</api/projects?status=draft&limit=50&cursor=WyIy>; rel="next"', 'x-total-count': '120' };
    const client = createApiClient(() => Promise.resolve(new Response(JSON.stringify({ items: [{ id: 'a' }] }), { status: 200, headers })));
    await expect(client.page<{ id: string }>('/api/projects?status=draft')).resolves.toEqual({ items: [{ id: 'a' }], next: '/api/projects?status=draft&limit=50&cursor=WyIy', total: 120 });
    const last = createApiClient(() => Promise.resolve(new Response(JSON.stringify({ items: [] }), { status: 200 })));
    await expect(last.page('/api/projects')).resolves.toEqual({ items: [], next: null, total: null });
  });

  it('follows only a next link that stays on this API', () => {
    expect(nextLink('</api/datasets?cursor=x>; rel="next"')).toBe('/api/datasets?cursor=x');
    expect(nextLink('</api/datasets?cursor=a>; rel="prev", </api/datasets?cursor=b>; rel=next')).toBe('/api/datasets?cursor=b');
    expect(nextLink('<https://elsewhere.example/api/datasets>; rel="next"')).toBeNull();
    expect(nextLink('</api/datasets?cursor=x>; rel="nextish"')).toBeNull();
    expect(nextLink(null)).toBeNull();
  });

  it('sends the CSRF token on writes but not on reads', async () => {
    const calls: Call[] = [];
    const client = createApiClient(fakeFetch(200, { ok: true }, calls));
    client.setCsrfToken('token-1');
    await client.get('/api/people');
    await client.post('/api/people', { names: [] });
    expect(header(calls[0], 'x-csrf-token')).toBeUndefined();
    expect(header(calls[1], 'x-csrf-token')).toBe('token-1');
    expect(header(calls[1], 'content-type')).toBe('application/json');
    expect(calls[1]?.init.body).toBe('{"names":[]}');
    expect(calls[1]?.init.credentials).toBe('same-origin');
  });

  it('turns an error body into an ApiError with its id', async () => {
    const client = createApiClient(fakeFetch(401, { error: { id: 'invalid_credentials', message: 'nope' } }, []));
    const error = await client.post('/api/auth/sign-in', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ id: 'invalid_credentials', status: 401, message: 'nope' });
  });

  it('falls back to an id from the status when the body is not an error body', async () => {
    const client = createApiClient(fakeFetch(429, 'slow down', []));
    await expect(client.get('/api/x')).rejects.toMatchObject({ id: 'rate_limited', status: 429 });
  });

  it('reports a failed connection as a network error', async () => {
    const client = createApiClient(() => Promise.reject(new TypeError('failed to fetch')));
    await expect(client.get('/api/health')).rejects.toMatchObject({ id: 'network', status: 0 });
  });

  it('returns undefined for 204 No Content', async () => {
    const client = createApiClient(fakeFetch(204, undefined, []));
    await expect(client.post('/api/auth/sign-out')).resolves.toBeUndefined();
  });
});

describe('a session that ends', () => {
  it('is reported once per unauthenticated answer, and not for a wrong password', async () => {
    let ended = 0;
    const gone = createApiClient(fakeFetch(401, { error: { id: 'unauthenticated', message: 'sign in' } }, []));
    gone.onUnauthenticated(() => (ended += 1));
    await gone.get('/api/people').catch(() => undefined);
    expect(ended).toBe(1);

    const wrong = createApiClient(fakeFetch(401, { error: { id: 'invalid_credentials', message: 'no' } }, []));
    wrong.onUnauthenticated(() => (ended += 1));
    await wrong.post('/api/auth/sign-in', {}).catch(() => undefined);
    expect(ended).toBe(1);
  });
});

describe('verbs and raw bodies', () => {
  it('sends PUT and DELETE with the CSRF header', async () => {
    const calls: Call[] = [];
    const client = createApiClient(fakeFetch(200, { ok: true }, calls));
    client.setCsrfToken('t');
    await client.put('/api/x', { done: true });
    await client.delete('/api/x');
    expect(calls.map((c) => c.init.method)).toEqual(['PUT', 'DELETE']);
    expect(calls.map((c) => header(c, 'x-csrf-token'))).toEqual(['t', 't']);
    expect(calls[0]?.init.body).toBe('{"done":true}');
    expect(calls[1]?.init.body).toBeUndefined();
  });

  it('uploads a raw body with its content type and reads the per-line errors of a rejected file', async () => {
    const calls: Call[] = [];
    const body = { error: { id: 'validation_failed', message: 'bad file', lines: [{ line: 3, message: 'year: not a number' }] } };
    const client = createApiClient(fakeFetch(400, body, calls));
    client.setCsrfToken('t');
    const error = await client.upload('/api/indicators/a/values.csv', 'year,value\nx,1', { method: 'PUT', contentType: 'text/csv' }).catch((e: unknown) => e);
    expect(calls[0]?.init.method).toBe('PUT');
    expect(header(calls[0], 'content-type')).toBe('text/csv');
    expect(header(calls[0], 'x-csrf-token')).toBe('t');
    expect(calls[0]?.init.body).toBe('year,value\nx,1');
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ id: 'validation_failed', lines: [{ line: 3, message: 'year: not a number' }] });
  });

  it('reads what a refused shrinking import would remove', async () => {
    const body = { error: { id: 'shrink_not_confirmed', message: 'x', shrink: [{ subject: 'ofac-sdn', removed: 50, total: 100 }] } };
    const client = createApiClient(fakeFetch(409, body, []));
    await expect(client.upload('/api/screening/lists/import', new FormData())).rejects.toMatchObject({ shrink: [{ subject: 'ofac-sdn', removed: 50, total: 100 }] });
  });
});
