import type { User } from '@qiao/contracts';
import { forbidden, wrongSide } from '../../errors.ts';

/**
 * Who adds and edits a party: an admin (who runs the platform for every side), or a compliance officer
 * of the party's own side. The other side's officers read the directory but never write into it.
 */
export function requirePartyEditor(user: Pick<User, 'roles'>, side: string, what: string): void {
  if (user.roles.some((g) => g.role === 'admin')) return;
  const officerSides = user.roles.filter((g) => g.role === 'compliance_officer').map((g) => g.side);
  if (officerSides.length === 0) throw forbidden(`only an admin or a compliance officer may ${what}`);
  if (!officerSides.includes(side)) throw wrongSide(`the party is on side ${side}; only that side's compliance officers may ${what}`);
}
