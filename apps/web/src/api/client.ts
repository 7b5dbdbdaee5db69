import { ApiError, toApiError } from './errors.ts';

export { ApiError, asApiError } from './errors.ts';

/** Collections come back as `{ items }` (see listOf in @qiao/contracts). */
export interface Items<T> {
  items: T[];
}

/**
 * One page of a long list: its rows, the address of the next page from the `Link: <…>; rel="next"`
 * header (null on the last page) and the number of rows across every page from `X-Total-Count`.
 */
export interface Paged<T> {
  items: T[];
  next: string | null;
  total: number | null;
}

/** The target of `rel="next"` in a Link header, kept only when it stays on this API. */
export function nextLink(header: string | null): string | null {
  for (const part of header?.split(',') ?? []) {
    const m = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (m?.[1]?.startsWith('/api/') && /(^|;)\s*rel="?next"?\s*(;|$)/.test(m[2] ?? '')) return m[1];
  }
  return null;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
type Fetch = typeof fetch;

/** A query string from defined, non-empty values: `qs({ a: 1, b: undefined })` → `?a=1`. */
export function qs(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

export interface UploadOptions {
  /** POST by default; PUT replaces a resource's content (an indicator's values). */
  method?: 'POST' | 'PUT';
  /** Omitted for FormData, whose boundary the browser writes. */
  contentType?: string;
}

export interface ApiClient {
  get: <T>(path: string) => Promise<T>;
  /** GETs one page of a list with what its paging headers say (see Paged). */
  page: <T>(path: string) => Promise<Paged<T>>;
  post: <T>(path: string, body?: unknown) => Promise<T>;
  put: <T>(path: string, body?: unknown) => Promise<T>;
  patch: <T>(path: string, body?: unknown) => Promise<T>;
  delete: <T = undefined>(path: string, body?: unknown) => Promise<T>;
  /** Sends a raw body (CSV text, a file, multipart form); a rejected file's `lines` land on the ApiError. */
  upload: <T>(path: string, body: BodyInit, options?: UploadOptions) => Promise<T>;
  /** The token the session handed out; sent as `x-csrf-token` on every request that changes something. */
  setCsrfToken: (token: string | null) => void;
  /** Called when any request finds the session gone (expired, signed out elsewhere). */
  onUnauthenticated: (handler: (() => void) | null) => void;
}

/**
 * The one client for /api: same-origin cookies, the CSRF header on writes, JSON or raw bodies, and
 * every failure as an ApiError carrying the envelope's id, message, bad lines and shrink notice.
 */
export function createApiClient(fetchImpl: Fetch, baseUrl = ''): ApiClient {
  let csrfToken: string | null = null;
  let unauthenticated: (() => void) | null = null;

  async function request<T>(method: Method, path: string, body: BodyInit | undefined, contentType: string | undefined): Promise<T> {
    return (await exchange<T>(method, path, body, contentType)).parsed;
  }

  async function exchange<T>(method: Method, path: string, body: BodyInit | undefined, contentType: string | undefined): Promise<{ parsed: T; headers: Headers }> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (contentType) headers['content-type'] = contentType;
    if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

    let response: Response;
    try {
      response = await fetchImpl(`${baseUrl}${path}`, { method, headers, credentials: 'same-origin', body });
    } catch (cause) {
      throw new ApiError('network', 0, cause instanceof Error ? cause.message : 'network error');
    }

    if (response.status === 204) return { parsed: undefined as T, headers: response.headers };
    const parsed = await readJson(response);
    if (!response.ok) {
      const error = toApiError(response.status, parsed);
      if (error.id === 'unauthenticated') unauthenticated?.();
      throw error;
    }
    return { parsed: parsed as T, headers: response.headers };
  }

  const json = <T>(method: Method, path: string, body?: unknown) =>
    request<T>(method, path, body === undefined ? undefined : JSON.stringify(body), body === undefined ? undefined : 'application/json');

  return {
    get: (path) => json('GET', path),
    page: async <T>(path: string) => {
      const { parsed, headers } = await exchange<Items<T>>('GET', path, undefined, undefined);
      const total = Number(headers.get('x-total-count') ?? Number.NaN);
      return { items: parsed.items, next: nextLink(headers.get('link')), total: Number.isFinite(total) ? total : null };
    },
    post: (path, body) => json('POST', path, body),
    put: (path, body) => json('PUT', path, body),
    patch: (path, body) => json('PATCH', path, body),
    delete: (path, body) => json('DELETE', path, body),
    upload: (path, body, options = {}) => request(options.method ?? 'POST', path, body, options.contentType),
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

/** Every row of a list, page after page (for pickers and lookups that need the whole list). */
export async function allPages<T>(client: Pick<ApiClient, 'page'>, path: string): Promise<T[]> {
  const rows: T[] = [];
  for (let next: string | null = path; next; ) {
    const page: Paged<T> = await client.page<T>(next);
    rows.push(...page.items);
    next = page.next;
  }
  return rows;
}

// Bound so `fetch` keeps `window` as its receiver.
export const api = createApiClient((input, init) => fetch(input, init));
