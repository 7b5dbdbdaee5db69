import type { Dataset, User } from '@qiao/contracts';
import { actsFor } from '../../../lib/session.ts';

/** Mirrors the server's rule (dataset.access.ts): the UI only hides what the server refuses anyway. */
export function isStewardOf(user: User | null, ds: Pick<Dataset, 'stewardId' | 'side'>): boolean {
  return !!user && (user.id === ds.stewardId || actsFor(user, 'data_steward', ds.side));
}

export function isStewardOfAnySide(user: User | null): boolean {
  return !!user && user.roles.some((g) => g.role === 'admin' || g.role === 'data_steward');
}
