import type { Session, SignInRequest, User } from '@qiao/contracts';
import { invalidCredentials, notFound } from '../../errors.ts';
import { sha256, type ServiceDeps } from '../../services.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { findUserRow, findUserRowByEmail, loadUser, updateUserRow } from '../users/user.repository.ts';
import * as repo from './auth.repository.ts';
import { DUMMY_HASH, hashPassword, randomToken, verifyPassword } from './password.ts';

/** A signed-in request: the user, and the session it came with. */
export interface AuthContext {
  user: User;
  sessionId: string;
  csrfToken: string;
}

export class AuthService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly sessionHours: number,
  ) {}

  /** Returns the cookie token (shown to the client once) and the session. */
  async signIn(input: SignInRequest): Promise<{ token: string; session: Session }> {
    const row = await findUserRowByEmail(this.deps.db, input.email);
    // Verify against a dummy hash for unknown emails so the response time does not reveal which exist.
    const ok = await verifyPassword(input.password, row?.passwordHash ?? DUMMY_HASH);
    if (!row || !ok || row.disabledAt) throw invalidCredentials();
    const token = randomToken();
    const csrfToken = randomToken();
    const now = this.deps.now();
    await repo.deleteExpiredSessions(this.deps.db, now);
    await repo.insertSession(this.deps.db, {
      id: sha256(token),
      userId: row.id,
      csrfToken,
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.sessionHours * 3_600_000),
    });
    const user = await loadUser(this.deps.db, row.id);
    if (!user) throw notFound('user');
    return { token, session: { user, csrfToken } };
  }

  async resolve(token: string): Promise<AuthContext | null> {
    const id = sha256(token);
    const session = await repo.findLiveSession(this.deps.db, id, this.deps.now());
    if (!session) return null;
    const user = await loadUser(this.deps.db, session.userId);
    if (!user) return null;
    return { user, sessionId: id, csrfToken: session.csrfToken };
  }

  signOut(sessionId: string): Promise<void> {
    return repo.deleteSession(this.deps.db, sessionId);
  }

  /** Replaces the password and ends every other session of the user. */
  async changePassword(ctx: AuthContext, currentPassword: string, newPassword: string): Promise<Session> {
    const row = await findUserRow(this.deps.db, ctx.user.id);
    if (!row || !(await verifyPassword(currentPassword, row.passwordHash))) throw invalidCredentials();
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

  private async session(ctx: AuthContext): Promise<Session> {
    const user = await loadUser(this.deps.db, ctx.user.id);
    if (!user) throw notFound('user');
    return { user, csrfToken: ctx.csrfToken };
  }
}
