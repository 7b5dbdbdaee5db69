import { AcceptInvitationRequestSchema, CreateUserRequestSchema, InvitationRequestSchema, InvitationSchema, listOf, SessionSchema, UserSchema } from '@qiao/contracts';
import type { App, Services } from '../../http.ts';
import { requireAuth, setSessionCookie } from '../../plugins/access.ts';

const admin = { roles: ['admin'] } as const;

export function userRoutes(app: App, { users, auth, config }: Services): void {
  app.get('/api/users', {
    config: { access: admin },
    schema: { tags: ['users'], summary: 'All users with their side and roles', response: { 200: listOf(UserSchema) } },
    handler: async () => ({ items: await users.list() }),
  });

  app.post('/api/users', {
    config: { access: admin },
    schema: { tags: ['users'], summary: 'Create a user (a one-time password is generated when none is given)', body: CreateUserRequestSchema },
    handler: async (req, reply) => {
      const result = await users.create(requireAuth(req).user, req.body);
      return reply.code(201).send({ ...result.user, oneTimePassword: result.oneTimePassword });
    },
  });

  app.post('/api/invitations', {
    config: { access: admin },
    schema: { tags: ['users'], summary: 'Invite someone by email; the token is shown once', body: InvitationRequestSchema, response: { 201: InvitationSchema } },
    handler: async (req, reply) => reply.code(201).send(await users.invite(requireAuth(req).user, req.body)),
  });

  app.post('/api/invitations/accept', {
    config: { access: { public: true } },
    schema: { tags: ['users'], summary: 'Accept an invitation: create the account and sign in', body: AcceptInvitationRequestSchema, response: { 200: SessionSchema } },
    handler: async (req, reply) => {
      const user = await users.acceptInvitation(req.body);
      const { token, session } = await auth.signIn({ email: user.email, password: req.body.password }, { address: req.ip });
      setSessionCookie(reply, token, config);
      return session;
    },
  });
}
