import type { RoleGrant, User } from '@qiao/contracts';
import { and, asc, eq, gt, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { invitations, roleGrants, users } from './user.schema.ts';

export type UserRow = typeof users.$inferSelect;

export function toUser(row: UserRow, grants: RoleGrant[]): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    side: row.side,
    roles: grants,
    locale: row.locale,
    mustChangePassword: row.mustChangePassword,
  };
}

export async function findUserRowByEmail(db: DbOrTx, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email));
  return row;
}

export async function findUserRow(db: DbOrTx, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

/** The one order a user's roles come in, wherever they are read: by role, then side. */
export const ROLE_GRANT_ORDER: SQL = sql`${roleGrants.role} asc, ${roleGrants.side} asc`;

/** A user's roles as one JSON array in that order, for a query that reads the user with them (`userId`: the user's id column). */
export const roleGrantsJson = (userId: SQL | typeof users.id): SQL<RoleGrant[]> =>
  sql<RoleGrant[]>`coalesce((select json_agg(json_build_object('role', ${roleGrants.role}, 'side', ${roleGrants.side}) order by ${ROLE_GRANT_ORDER}) from ${roleGrants} where ${roleGrants.userId} = ${userId}), '[]'::json)`;

export async function grantsOf(db: DbOrTx, userIds: string[]): Promise<Map<string, RoleGrant[]>> {
  const byUser = new Map<string, RoleGrant[]>();
  if (userIds.length === 0) return byUser;
  const rows = await db.select().from(roleGrants).where(inArray(roleGrants.userId, userIds)).orderBy(ROLE_GRANT_ORDER);
  for (const r of rows) {
    const list = byUser.get(r.userId) ?? [];
    list.push({ role: r.role, side: r.side });
    byUser.set(r.userId, list);
  }
  return byUser;
}

export async function loadUser(db: DbOrTx, id: string): Promise<User | undefined> {
  const row = await findUserRow(db, id);
  if (!row) return undefined;
  return toUser(row, (await grantsOf(db, [id])).get(id) ?? []);
}

export async function listUsers(db: DbOrTx): Promise<User[]> {
  const rows = await db.select().from(users).orderBy(asc(users.side), asc(users.email));
  const grants = await grantsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toUser(r, grants.get(r.id) ?? []));
}

export async function countUsers(db: DbOrTx): Promise<number> {
  const rows = await db.select({ id: users.id }).from(users).limit(1);
  return rows.length;
}

export async function insertUser(tx: DbOrTx, values: typeof users.$inferInsert, grants: RoleGrant[]): Promise<UserRow> {
  const [row] = await tx.insert(users).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  if (grants.length > 0) await tx.insert(roleGrants).values(grants.map((g) => ({ userId: row.id, role: g.role, side: g.side })));
  return row;
}

export async function updateUserRow(tx: DbOrTx, id: string, values: Partial<typeof users.$inferInsert>): Promise<UserRow | undefined> {
  const [row] = await tx
    .update(users)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(users.id, id))
    .returning();
  return row;
}

export type InvitationRow = typeof invitations.$inferSelect;

export async function insertInvitation(tx: DbOrTx, values: typeof invitations.$inferInsert): Promise<InvitationRow> {
  const [row] = await tx.insert(invitations).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function findInvitationByTokenHash(db: DbOrTx, tokenHash: string): Promise<InvitationRow | undefined> {
  const [row] = await db.select().from(invitations).where(eq(invitations.tokenHash, tokenHash));
  return row;
}

/** Marks a live, unused invitation accepted and returns it; undefined when it is unknown, used or expired. */
export async function claimInvitation(tx: DbOrTx, tokenHash: string, at: Date): Promise<InvitationRow | undefined> {
  const [row] = await tx
    .update(invitations)
    .set({ acceptedAt: at })
    .where(and(eq(invitations.tokenHash, tokenHash), isNull(invitations.acceptedAt), gt(invitations.expiresAt, at)))
    .returning();
  return row;
}
