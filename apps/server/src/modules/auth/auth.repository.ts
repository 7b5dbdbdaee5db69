import type { User } from '@qiao/contracts';
import { and, eq, gt, isNull, lte } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { roleGrantsJson } from '../users/user.repository.ts';
import { users } from '../users/user.schema.ts';
import { serverSecrets, sessions } from './session.schema.ts';

export type SessionRow = typeof sessions.$inferSelect;

export async function insertSession(db: DbOrTx, values: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(values);
}

/**
 * The live session with its user and the user's roles, in one query: nothing for an unknown or expired
 * session, nor for a disabled user. Roles come in `ROLE_GRANT_ORDER`, as `grantsOf` gives them.
 */
export async function findLiveSessionUser(db: DbOrTx, id: string, now: Date): Promise<{ user: User; csrfToken: string; expiresAt: Date } | undefined> {
  const [row] = await db
    .select({
      csrfToken: sessions.csrfToken,
      expiresAt: sessions.expiresAt,
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      side: users.side,
      locale: users.locale,
      mustChangePassword: users.mustChangePassword,
      roles: roleGrantsJson(users.id),
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now), isNull(users.disabledAt)));
  if (!row) return undefined;
  const { csrfToken, expiresAt, ...user } = row;
  return { user, csrfToken, expiresAt };
}

export async function deleteSession(db: DbOrTx, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}

export async function deleteSessionsOfUser(db: DbOrTx, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

export async function deleteExpiredSessions(db: DbOrTx, now: Date): Promise<void> {
  await db.delete(sessions).where(lte(sessions.expiresAt, now));
}

/** The named secret, created with `make()` by whichever node asks first; every node then reads the same. */
export async function secret(db: DbOrTx, name: string, make: () => string): Promise<string> {
  await db.insert(serverSecrets).values({ name, value: make() }).onConflictDoNothing();
  const [row] = await db.select({ value: serverSecrets.value }).from(serverSecrets).where(eq(serverSecrets.name, name));
  if (!row) throw new Error(`server secret ${name} could not be read`);
  return row.value;
}
