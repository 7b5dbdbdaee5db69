import { ChangePasswordRequestSchema, ErrorBodySchema, SessionSchema, SignInRequestSchema, UpdateMeRequestSchema } from '@qiao/contracts';
import type { App, Services } from '../../http.ts';
import { requireAuth, SESSION_COOKIE, setSessionCookie } from '../../plugins/access.ts';

export function authRoutes(app: App, { auth, config }: Services): void {
  app.post('/api/auth/sign-in', {
    config: {
      access: { public: true },
      rateLimit: {
        max: config.signInLimit,
        timeWindow: '15 minutes',
        hook: 'preHandler',
        // Per address and email: one attacker cannot lock out everyone, nor guess one account from many tabs.
        keyGenerator: (req) => {
          const email = (req.body as { email?: unknown } | undefined)?.email;
          return `${req.ip}|${typeof email === 'string' ? email.trim().toLowerCase() : ''}`;
        },
      },
    },
    schema: { tags: ['auth'], summary: 'Sign in with email and password', body: SignInRequestSchema, response: { 200: SessionSchema, 401: ErrorBodySchema, 429: ErrorBodySchema } },
    handler: async (req, reply) => {
      const { token, session } = await auth.signIn(req.body, { address: req.ip });
      setSessionCookie(reply, token, config);
      return session;
    },
  });

  app.post('/api/auth/sign-out', {
    config: { access: { signedIn: true } },
    schema: { tags: ['auth'], summary: 'End this session' },
    handler: async (req, reply) => {
      await auth.signOut(requireAuth(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  });

  app.get('/api/auth/me', {
    config: { access: { signedIn: true } },
    schema: { tags: ['auth'], summary: 'The signed-in user and the CSRF token', response: { 200: SessionSchema, 401: ErrorBodySchema } },
    handler: (req) => {
      const ctx = requireAuth(req);
      return { user: ctx.user, csrfToken: ctx.csrfToken };
    },
  });

  app.patch('/api/auth/me', {
    config: { access: { signedIn: true } },
    schema: { tags: ['auth'], summary: 'Save the preferred language', body: UpdateMeRequestSchema, response: { 200: SessionSchema } },
    handler: (req) => auth.setLocale(requireAuth(req), req.body.locale),
  });

  app.post('/api/auth/password', {
    config: { access: { signedIn: true } },
    schema: { tags: ['auth'], summary: 'Change the password; ends other sessions', body: ChangePasswordRequestSchema, response: { 200: SessionSchema, 401: ErrorBodySchema } },
    handler: (req) => auth.changePassword(requireAuth(req), req.body.currentPassword, req.body.newPassword),
  });
}
