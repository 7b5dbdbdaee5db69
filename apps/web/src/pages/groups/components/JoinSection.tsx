import type { GroupDetail, JoinRequestListItem } from '@qiao/contracts';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { SideBadge } from '../../../components/SideBadge.tsx';
import { useQuery } from '@tanstack/react-query';
import { useUser } from '../../../session/session-context.ts';
import { groupKeys, groupsApi } from '../../../api/groups.ts';
import type { GroupAccess } from '../../../lib/group-access.ts';
import { uiLang } from '../../../lib/bilingual.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useSubmit } from '../../../hooks/use-submit.ts';

/**
 * Asking to join, and deciding requests. Only the co-chair of the requester's own side decides, so
 * the other side's co-chair sees those requests without buttons.
 */
export function JoinSection({ group, access }: { group: GroupDetail; access: GroupAccess }) {
  const { t, i18n } = useTranslation('groups');
  const user = useUser();
  const requests = useQuery({ queryKey: groupKeys.joinRequests(group.id), queryFn: () => groupsApi.joinRequests(group.id) });
  const submit = useSubmit();
  const lang = uiLang(i18n.language);
  const list = requests.data ?? [];
  const mine = list.find((r) => r.userId === user.id && r.status === 'pending');
  const canAsk = !access.me && group.sides.includes(user.side) && group.status !== 'closed' && !mine;
  const pending = list.filter((r) => r.status === 'pending');
  const showList = (access.coChair || access.admin) && pending.length > 0;
  if (!canAsk && !mine && !showList) return null;

  async function handleJoin() {
    await submit.run(() => groupsApi.requestToJoin(group.id, { role: 'member' }), { success: t('join.asked'), invalidate: [groupKeys.joinRequests(group.id)] });
  }
  async function handleDecide(r: JoinRequestListItem, decision: 'approve' | 'decline') {
    // An approval adds a member, so the whole group (and its requests beneath it) is read again.
    await submit.run(() => groupsApi.decideJoin(group.id, r.id, { decision }), {
      success: decision === 'approve' ? t('join.approved', { name: r.requesterName }) : t('join.declined', { name: r.requesterName }),
      invalidate: [groupKeys.detail(group.id)],
    });
  }

  return (
    <section className="section" aria-labelledby="join-title" data-testid="join-section">
      <h2 id="join-title">{t('join.title')}</h2>
      {canAsk && (
        <button type="button" className="button button-primary" data-testid="join-request" disabled={submit.busy} onClick={() => void handleJoin()}>
          {t('join.ask')}
        </button>
      )}
      {mine && (
        <p className="alert alert-success" role="status">
          {t('join.pending', { side: mine.side })}
        </p>
      )}
      {showList && (
        <ul className="plain-list request-list">
          {pending.map((r) => {
            const mayDecide = group.coChairs[r.side] === user.id;
            return (
              <li key={r.id} data-request-id={r.id}>
                <SideBadge side={r.side} /> <strong data-testid="requester-name">{r.requesterName}</strong>{' '}
                <span className="muted">
                  {t(`members.role.${r.role}`)} · {formatDateTime(r.createdAt, lang)}
                </span>
                {r.message && <q className="request-message">{r.message}</q>}
                {mayDecide ? (
                  <span className="button-row">
                    <button type="button" className="button button-primary" disabled={submit.busy} onClick={() => void handleDecide(r, 'approve')}>
                      {t('join.approve')}
                    </button>
                    <button type="button" className="button button-secondary" disabled={submit.busy} onClick={() => void handleDecide(r, 'decline')}>
                      {t('join.decline')}
                    </button>
                  </span>
                ) : (
                  <span className="muted"> {t('join.awaiting', { side: r.side })}</span>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {submit.error !== null && <ErrorMessage error={submit.error} />}
    </section>
  );
}
