import type { AcceptInvitationRequest, CreateUserRequest, Invitation, InvitationRequest, User } from '@qiao/contracts';
import { conflict, invitationInvalid, validationFailed } from '../../errors.ts';
import { sha256, type ServiceDeps } from '../../services.ts';
import { insertAudit, type Actor } from '../audit/audit.repository.ts';
import { hashPassword, randomToken } from '../auth/password.ts';
import { assertStrongPassword } from '../auth/password-strength.ts';
import * as repo from './user.repository.ts';

const INVITATION_DAYS = 14;

function auditView(user: User) {
  // Never put password hashes into the audit log.
  return { email: user.email, displayName: user.displayName, side: user.side, roles: user.roles };
}

export class UserService {
  constructor(private readonly deps: ServiceDeps) {}

  list(): Promise<User[]> {
    return repo.listUsers(this.deps.db);
  }

  /** Creates a user; without a password a random one-time password is generated and returned once. */
  async create(actor: Actor, input: CreateUserRequest & { isDemo?: boolean }): Promise<{ user: User; oneTimePassword: string | null }> {
    if (input.password) assertStrongPassword(input.password, input);
    const oneTimePassword = input.password ? null : randomToken(12);
    const passwordHash = await hashPassword(input.password ?? oneTimePassword ?? '');
    return this.deps.db.transaction(async (tx) => {
      if (await repo.findUserRowByEmail(tx, input.email)) throw conflict(`a user with email ${input.email} already exists`);
      const row = await repo.insertUser(
        tx,
        {
          email: input.email,
          displayName: input.displayName,
          side: input.side,
          passwordHash,
          mustChangePassword: oneTimePassword !== null,
          isDemo: input.isDemo ?? false,
        },
        input.roles,
      );
      const user = repo.toUser(row, input.roles);
      await insertAudit(tx, actor, { action: 'user.create', entity: 'user', entityId: user.id, after: auditView(user) });
      return { user, oneTimePassword };
    });
  }

  async invite(actor: Actor, input: InvitationRequest): Promise<Invitation> {
    const token = randomToken();
    const expiresAt = new Date(this.deps.now().getTime() + INVITATION_DAYS * 86_400_000);
    return this.deps.db.transaction(async (tx) => {
      if (await repo.findUserRowByEmail(tx, input.email)) throw conflict(`a user with email ${input.email} already exists`);
      const row = await repo.insertInvitation(tx, {
        tokenHash: sha256(token),
        email: input.email,
        side: input.side,
        roles: input.roles,
        invitedBy: actor?.id ?? null,
        expiresAt,
      });
      await insertAudit(tx, actor, {
        action: 'invitation.create',
        entity: 'invitation',
        entityId: row.id,
        after: { email: row.email, side: row.side, roles: row.roles, expiresAt: expiresAt.toISOString() },
      });
      return { token, email: row.email, side: row.side, expiresAt: expiresAt.toISOString() };
    });
  }

  /** Turns an invitation into an account; the invitation works once and only before it expires. */
  async acceptInvitation(input: AcceptInvitationRequest): Promise<User> {
    const tokenHash = sha256(input.token);
    const found = await repo.findInvitationByTokenHash(this.deps.db, tokenHash);
    if (!found || found.acceptedAt || found.expiresAt <= this.deps.now()) throw invitationInvalid();
    assertStrongPassword(input.password, { email: found.email, displayName: input.displayName });
    const passwordHash = await hashPassword(input.password);
    return this.deps.db.transaction(async (tx) => {
      const now = this.deps.now();
      // Claimed by a conditional update, so of two acceptances at once exactly one gets the row.
      const inv = await repo.claimInvitation(tx, tokenHash, now);
      if (!inv) throw invitationInvalid();
      if (await repo.findUserRowByEmail(tx, inv.email)) throw conflict(`a user with email ${inv.email} already exists`);
      const row = await repo.insertUser(tx, { email: inv.email, displayName: input.displayName, side: inv.side, passwordHash }, inv.roles);
      const user = repo.toUser(row, inv.roles);
      await insertAudit(tx, { id: user.id, email: user.email }, { action: 'invitation.accept', entity: 'user', entityId: user.id, after: auditView(user) });
      return user;
    });
  }

  /** First start: an admin with a one-time password, printed once by the caller. */
  async ensureAdmin(email = 'admin@qiao.local'): Promise<{ email: string; oneTimePassword: string } | null> {
    if ((await repo.countUsers(this.deps.db)) > 0) return null;
    const { oneTimePassword } = await this.create(null, { email, displayName: 'Administrator', side: 'US', roles: [{ role: 'admin', side: 'US' }] });
    if (!oneTimePassword) throw validationFailed('admin password was not generated');
    return { email, oneTimePassword };
  }
}
