import { ApiError, toApiError } from './errors.ts';

export { ApiError } from './errors.ts';

/** Collections come back as `{ items }` (see listOf in @qiao/contracts). */
export interface Items<T> {
  items: T[];
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
type Fetch = typeof fetch;

export interface ApiClient {
  get: <T>(path: string) => Promise<T>;
  post: <T>(path: string, body?: unknown) => Promise<T>;
  patch: <T>(path: string, body?: unknown) => Promise<T>;
  /** The token the session handed out; sent as `x-csrf-token` on every request that changes something. */
  setCsrfToken: (token: string | null) => void;
  /** Called when any request finds the session gone (expired, signed out elsewhere). */
  onUnauthenticated: (handler: (() => void) | null) => void;
}

/** A JSON client for /api: same-origin cookies, CSRF header on writes, typed errors. */
export function createApiClient(fetchImpl: Fetch, baseUrl = ''): ApiClient {
  let csrfToken: string | null = null;
  let unauthenticated: (() => void) | null = null;

  async function send<T>(method: Method, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

    let response: Response;
    try {
      response = await fetchImpl(`${baseUrl}${path}`, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (cause) {
      throw new ApiError('network', 0, cause instanceof Error ? cause.message : 'network error');
    }

    if (response.status === 204) return undefined as T;
    const parsed = await readJson(response);
    if (!response.ok) {
      const error = toApiError(response.status, parsed);
      if (error.id === 'unauthenticated') unauthenticated?.();
      throw error;
    }
    return parsed as T;
  }

  return {
    get: (path) => send('GET', path),
    post: (path, body) => send('POST', path, body),
    patch: (path, body) => send('PATCH', path, body),
    setCsrfToken: (token) => {
      csrfToken = token;
    },
    onUnauthenticated: (handler) => {
      unauthenticated = handler;
    },
  };
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // A non-JSON body (a proxy error page) is reported through the status code alone.
    return undefined;
  }
}

// Bound so `fetch` keeps `window` as its receiver.
export const api = createApiClient((input, init) => fetch(input, init));
