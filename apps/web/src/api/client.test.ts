import { describe, expect, it } from 'vitest';
import { ApiError, createApiClient } from './client.ts';

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
