import type { User } from '@qiao/contracts';
import type { DatasetRow, RequestRow } from './dataset.repository.ts';

export function isSteward(user: User | null, ds: Pick<DatasetRow, 'stewardId' | 'side'>): boolean {
  if (!user) return false;
  return user.id === ds.stewardId || user.roles.some((g) => g.role === 'admin') || user.roles.some((g) => g.role === 'data_steward' && g.side === ds.side);
}

/** A grant is in force from its decision until the end of its expiry day (UTC). */
export function grantActive(r: Pick<RequestRow, 'status' | 'expiresAt'>, today: string): boolean {
  return r.status === 'granted' && (r.expiresAt === null || r.expiresAt >= today);
}

/** Whether the person once held a grant that is no longer in force (revoked or expired) and holds none now. */
export function hadGrant(requests: readonly Pick<RequestRow, 'status' | 'expiresAt'>[], today: string): boolean {
  return !requests.some((r) => grantActive(r, today)) && requests.some((r) => r.status === 'revoked' || r.status === 'granted');
}

export function embargoed(ds: Pick<DatasetRow, 'accessLevel' | 'embargoUntil'>, today: string): boolean {
  return ds.accessLevel === 'embargoed' && ds.embargoUntil !== null && today < ds.embargoUntil;
}

/** Whether metadata is visible: anyone sees open and embargoed datasets, signed-in users see all. */
export function canSee(user: User | null, ds: Pick<DatasetRow, 'accessLevel'>): boolean {
  return user !== null || ds.accessLevel === 'open' || ds.accessLevel === 'embargoed';
}

/**
 * Who may download now, with the reason shown to them. Order matters: stewards always; an embargo
 * holds for everyone else until its day; open data (or a lapsed embargo) is for all; restricted data
 * stays within its side; otherwise only an active grant, which for another side was only possible once
 * the transfer review allowed it.
 */
export function downloadAccess(user: User | null, ds: DatasetRow, requests: readonly RequestRow[], today: string): { canDownload: boolean; reason: string } {
  if (isSteward(user, ds)) return { canDownload: true, reason: 'steward' };
  if (embargoed(ds, today)) return { canDownload: false, reason: `embargoed until ${ds.embargoUntil ?? ''}` };
  if (ds.accessLevel === 'open' || ds.accessLevel === 'embargoed') return { canDownload: true, reason: 'open' };
  if (!user) return { canDownload: false, reason: 'sign in to request access' };
  // Restricted data never leaves its side, whatever grant may remain from before it was restricted.
  if (ds.accessLevel === 'restricted' && user.side !== ds.side) return { canDownload: false, reason: `restricted to side ${ds.side}` };
  const grant = requests.find((r) => r.requesterId === user.id && grantActive(r, today));
  if (grant) return { canDownload: true, reason: grant.expiresAt ? `granted until ${grant.expiresAt}` : 'granted' };
  return { canDownload: false, reason: 'request access' };
}
