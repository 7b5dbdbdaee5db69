import type { Role } from '@qiao/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { csrfInvalid, forbidden, unauthenticated } from '../errors.ts';
import type { AuthContext, AuthService } from '../modules/auth/auth.service.ts';

/**
 * Who may call a route. Every /api route declares one in `config.access`; the server refuses to start
 * if one is missing, so a route cannot be exposed by forgetting to guard it.
 * - `public`: anyone, signed in or not.
 * - `signedIn`: any signed-in user.
 * - `roles`: a signed-in user holding one of these roles (for any side; services check the side).
 */
export type Access = { public: true } | { signedIn: true } | { roles: readonly Role[] };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    auth: AuthContext | null;
  }
  interface FastifyInstance {
    /** Every API route with the access it declared, for the route-access tests and the docs. */
    routeAccess: { method: string; url: string; access: Access }[];
  }
}

export const SESSION_COOKIE = 'qiao_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function hasRole(auth: AuthContext | null, roles: readonly Role[], side?: string): boolean {
  return !!auth && auth.user.roles.some((g) => roles.includes(g.role) && (side === undefined || g.side === side));
}

/** The signed-in context of a request on a route that requires one. */
export function requireAuth(request: FastifyRequest): AuthContext {
  if (!request.auth) throw unauthenticated();
  return request.auth;
}

export function registerAccess(app: FastifyInstance, auth: AuthService): void {
  app.decorateRequest('auth', null);
  const declared: FastifyInstance['routeAccess'] = [];
  app.decorate('routeAccess', declared);

  app.addHook('onRoute', (route) => {
    const url = route.url;
    if (!url.startsWith('/api/') || url.startsWith('/api/docs')) {
      // Static files, the SPA and the API docs page are public by nature.
      route.config = { ...route.config, access: route.config?.access ?? { public: true } };
      return;
    }
    const access = route.config?.access;
    if (!access) throw new Error(`route ${route.method.toString()} ${url} does not declare config.access`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') declared.push({ method, url, access });
  });

  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    request.auth = token ? await auth.resolve(token) : null;
    const access = request.routeOptions.config.access;
    if (!access || 'public' in access) return;
    if (!request.auth) throw unauthenticated();
    // Double-submit: the token lives in the session row and must come back in a header the browser
    // never sends cross-site on its own; the cookie alone cannot change anything.
    if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== request.auth.csrfToken) throw csrfInvalid();
    if (request.auth.user.mustChangePassword && !request.url.startsWith('/api/auth/')) {
      throw forbidden('change your one-time password first');
    }
    if ('roles' in access && !hasRole(request.auth, access.roles)) throw forbidden(`this needs one of the roles: ${access.roles.join(', ')}`);
  });
}

export function setSessionCookie(reply: FastifyReply, token: string, config: Pick<Config, 'secureCookies' | 'sessionHours'>): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    // Lax keeps the session on top-level navigation from a link but off cross-site subrequests.
    sameSite: 'lax',
    secure: config.secureCookies,
    maxAge: config.sessionHours * 3600,
  });
}
