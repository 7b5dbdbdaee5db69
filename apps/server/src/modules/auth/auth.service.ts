import { createHmac } from 'node:crypto';
import type { Session, SignInRequest, User } from '@qiao/contracts';
import { UntilWrite } from '../../cache/local-writes.ts';
import { invalidCredentials, notFound } from '../../errors.ts';
import { sha256, type ServiceDeps } from '../../services.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { findUserRow, findUserRowByEmail, loadUser, updateUserRow } from '../users/user.repository.ts';
import * as repo from './auth.repository.ts';
import { DUMMY_HASH, hashPassword, randomToken, verifyPassword } from './password.ts';
import { assertStrongPassword } from './password-strength.ts';

/** Where a sign-in came from; kept in the audit log only as a keyed hash. */
export interface SignInClient {
  address: string;
}

/** A signed-in request: the user, and the session it came with. */
export interface AuthContext {
  user: User;
  sessionId: string;
  csrfToken: string;
}

export class AuthService {
  private auditKey: Promise<string> | null = null;
  /**
   * Sessions as resolved, by session id, kept until a write may have changed them (a sign-out, a
   * password change, a user or role edited): on the embedded database until the next write of any kind;
   * on PostgreSQL, where other nodes and psql write too, until the `sessions` counter moves, which the
   * read cache checks before each request (so a commit that returned before it, on any node, is heard).
   * A request never sees a session, user or role older than the last write.
   */
  private readonly resolved: UntilWrite<Awaited<ReturnType<typeof repo.findLiveSessionUser>>>;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly sessionHours: number,
  ) {
    this.resolved = new UntilWrite(deps.db, 10_000, ['sessions']);
  }

  /** Returns the cookie token (shown to the client once) and the session; every attempt is audited. */
  async signIn(input: SignInRequest, client: SignInClient): Promise<{ token: string; session: Session }> {
    const row = await findUserRowByEmail(this.deps.db, input.email);
    // Verify against a dummy hash for unknown emails so the response time does not reveal which exist.
    const ok = await verifyPassword(input.password, row?.passwordHash ?? DUMMY_HASH);
    if (!row || !ok || row.disabledAt) {
      await this.auditFailedSignIn(input.email, client, !row ? 'unknown_email' : !ok ? 'wrong_password' : 'disabled', row?.id);
      throw invalidCredentials();
    }
    const token = randomToken();
    const csrfToken = randomToken();
    const now = this.deps.now();
    await repo.deleteExpiredSessions(this.deps.db, now);
    // Outside the transaction: PGlite has one connection, and the key may need a query of its own.
    const address = await this.keyedHash('address', client.address);
    await this.deps.db.transaction(async (tx) => {
      await repo.insertSession(tx, {
        id: sha256(token),
        userId: row.id,
        csrfToken,
        createdAt: now,
        expiresAt: new Date(now.getTime() + this.sessionHours * 3_600_000),
      });
      await insertAudit(tx, { id: row.id, email: row.email }, { action: 'auth.sign_in', entity: 'user', entityId: row.id, after: { addressHash: address } });
    });
    const user = await loadUser(this.deps.db, row.id);
    if (!user) throw notFound('user');
    return { token, session: { user, csrfToken } };
  }

  /**
   * The signed-in context of a session cookie: null for an unknown or expired session and for a
   * disabled user. The context is shared by the requests of the session and must not be changed.
   */
  async resolve(token: string): Promise<AuthContext | null> {
    const id = sha256(token);
    const now = this.deps.now();
    const found = await this.resolved.get(id, async () => {
      const row = await repo.findLiveSessionUser(this.deps.db, id, now);
      return row && { ...row, user: Object.freeze({ ...row.user, roles: Object.freeze(row.user.roles.map((g) => Object.freeze(g))) as User['roles'] }) };
    });
    if (!found || found.expiresAt <= now) return null;
    return { user: found.user, sessionId: id, csrfToken: found.csrfToken };
  }

  signOut(ctx: AuthContext): Promise<void> {
    return this.deps.db.transaction(async (tx) => {
      await repo.deleteSession(tx, ctx.sessionId);
      await insertAudit(tx, ctx.user, { action: 'auth.sign_out', entity: 'user', entityId: ctx.user.id });
    });
  }

  /** Replaces the password and ends every other session of the user. */
  async changePassword(ctx: AuthContext, currentPassword: string, newPassword: string): Promise<Session> {
    const row = await findUserRow(this.deps.db, ctx.user.id);
    if (!row || !(await verifyPassword(currentPassword, row.passwordHash))) throw invalidCredentials();
    assertStrongPassword(newPassword, ctx.user);
    const passwordHash = await hashPassword(newPassword);
    await this.deps.db.transaction(async (tx) => {
      await updateUserRow(tx, row.id, { passwordHash, mustChangePassword: false });
      await repo.deleteSessionsOfUser(tx, row.id);
      await repo.insertSession(tx, {
        id: ctx.sessionId,
        userId: row.id,
        csrfToken: ctx.csrfToken,
        expiresAt: new Date(this.deps.now().getTime() + this.sessionHours * 3_600_000),
      });
      await insertAudit(tx, ctx.user, { action: 'user.password.change', entity: 'user', entityId: row.id });
    });
    return this.session(ctx);
  }

  async setLocale(ctx: AuthContext, locale: 'en' | 'zh'): Promise<Session> {
    await this.deps.db.transaction(async (tx) => {
      await updateUserRow(tx, ctx.user.id, { locale });
      await insertAudit(tx, ctx.user, { action: 'user.locale.set', entity: 'user', entityId: ctx.user.id, before: { locale: ctx.user.locale }, after: { locale } });
    });
    return this.session(ctx);
  }

  /**
   * A failed attempt names no actor and keeps neither the email nor the address in clear, only keyed
   * hashes: repeated guesses at one account or from one address still line up, but a copy of the log
   * does not list who tried to sign in from where. The password is never recorded.
   */
  private async auditFailedSignIn(email: string, client: SignInClient, reason: string, userId: string | undefined): Promise<void> {
    const [emailHash, addressHash] = await Promise.all([this.keyedHash('email', email.trim().toLowerCase()), this.keyedHash('address', client.address)]);
    await insertAudit(this.deps.db, null, { action: 'auth.sign_in_failed', entity: 'user', entityId: userId ?? 'unknown', after: { emailHash, addressHash, reason } });
  }

  /** HMAC-SHA-256 under a key the server made for itself, shared by every node through the database. */
  private async keyedHash(kind: 'email' | 'address', value: string): Promise<string> {
    this.auditKey ??= repo.secret(this.deps.db, 'audit_hmac_key', () => randomToken(32));
    const key = await this.auditKey.catch((err: unknown) => {
      this.auditKey = null;
      throw err;
    });
    return createHmac('sha256', key).update(`${kind}:${value}`).digest('hex');
  }

  private async session(ctx: AuthContext): Promise<Session> {
    const user = await loadUser(this.deps.db, ctx.user.id);
    if (!user) throw notFound('user');
    return { user, csrfToken: ctx.csrfToken };
  }
}
