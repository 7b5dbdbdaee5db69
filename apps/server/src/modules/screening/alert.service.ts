import type { Alert, User } from '@qiao/contracts';
import { forbidden, invalidTransition, notFound } from '../../errors.ts';
import type { ServiceDeps } from '../../services.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import * as repo from './alert.repository.ts';

/** Sides whose alerts this user handles: those they are a compliance officer for. */
export const officerSides = (user: Pick<User, 'roles'>) => user.roles.filter((g) => g.role === 'compliance_officer').map((g) => g.side);

/** Alerts raised by re-screening, for the compliance officers of the party's side. */
export class AlertService {
  constructor(private readonly deps: ServiceDeps) {}

  async list(user: User, q: { status?: Alert['status']; side?: string; listId?: string; partyId?: string; limit: number }): Promise<Alert[]> {
    const mine = officerSides(user);
    if (q.side && !mine.includes(q.side)) throw forbidden(`you are not a compliance officer of side ${q.side}`);
    const rows = await repo.listAlerts(this.deps.db, q.side ? [q.side] : mine, q);
    return rows.map(repo.toAlert);
  }

  async summary(user: User): Promise<{ open: number; acknowledged: number }> {
    const counts = await repo.countAlerts(this.deps.db, officerSides(user));
    const n = (s: Alert['status']) => counts.find((c) => c.status === s)?.n ?? 0;
    return { open: n('open'), acknowledged: n('acknowledged') };
  }

  acknowledge(user: User, id: string, note?: string): Promise<Alert> {
    return this.move(user, id, ['open'], 'acknowledged', note);
  }

  resolve(user: User, id: string, note?: string): Promise<Alert> {
    return this.move(user, id, ['open', 'acknowledged'], 'resolved', note);
  }

  private async move(user: User, id: string, from: Alert['status'][], to: Alert['status'], note?: string): Promise<Alert> {
    const current = await repo.findAlert(this.deps.db, id);
    // An alert of the other side is reported as missing, not forbidden: its existence is not yours to know.
    if (!current || !officerSides(user).includes(current.side)) throw notFound('alert');
    if (!from.includes(current.status)) throw invalidTransition(`the alert is ${current.status}; it cannot become ${to}`);
    const now = this.deps.now();
    return this.deps.db.transaction(async (tx) => {
      const values = to === 'acknowledged' ? { status: to, acknowledgedAt: now, acknowledgedBy: user.email } : { status: to, resolvedAt: now, resolvedBy: user.email };
      const row = await repo.updateAlert(tx, id, current.status, { ...values, ...(note ? { note } : {}) });
      if (!row) throw invalidTransition('the alert changed meanwhile; reload it');
      await insertAudit(tx, user, { action: `screening_alert.${to === 'acknowledged' ? 'acknowledge' : 'resolve'}`, entity: 'screening_alert', entityId: id, before: repo.toAlert(current), after: repo.toAlert(row) });
      return repo.toAlert(row);
    });
  }
}
