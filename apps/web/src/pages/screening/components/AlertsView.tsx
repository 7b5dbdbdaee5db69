import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { SideBadge } from '../../../components/SideBadge.tsx';
import { useToast } from '../../../hooks/use-toast.ts';
import { screeningApi, screeningKeys } from '../api.ts';

/** New or changed hits from re-screening after a list changed, for the officers of the party's side. */
export function AlertsView() {
  const { t } = useTranslation('screening');
  const [status, setStatus] = useState('open');
  const [error, setError] = useState<unknown>(null);
  const alerts = useQuery({ queryKey: screeningKeys.alerts({ status }), queryFn: () => screeningApi.alerts({ status }) });
  const toast = useToast();

  async function handle(action: 'acknowledge' | 'resolve', id: string) {
    setError(null);
    try {
      await screeningApi[action](id);
      toast.show(t(`alerts.${action}Done`));
      await alerts.refetch();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section aria-labelledby="alerts-title" className="section">
      <h2 id="alerts-title">{t('alerts.title')}</h2>
      <p className="muted">{t('alerts.intro')}</p>
      <div className="filters">
        <label htmlFor="alert-status">{t('alerts.status')}</label>
        <select id="alert-status" value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">{t('parties.all')}</option>
          <option value="open">{t('alerts.open')}</option>
          <option value="acknowledged">{t('alerts.acknowledged')}</option>
          <option value="resolved">{t('alerts.resolved')}</option>
        </select>
      </div>
      {error !== null && <ErrorMessage error={error} />}
      {alerts.status === 'pending' && <Loading />}
      {alerts.status === 'error' && <ErrorMessage error={alerts.error} onRetry={() => void alerts.refetch()} />}
      {alerts.status === 'success' && alerts.data.items.length === 0 && <EmptyState title={t('alerts.empty')}>{t('alerts.emptyHint')}</EmptyState>}
      {alerts.status === 'success' && alerts.data.items.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('alerts.when')}</th>
                <th scope="col">{t('alerts.party')}</th>
                <th scope="col">{t('alerts.hit')}</th>
                <th scope="col">{t('alerts.reason')}</th>
                <th scope="col">{t('alerts.status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('alerts.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {alerts.data.items.map((a) => (
                <tr key={a.id}>
                  <td>{a.createdAt.slice(0, 16).replace('T', ' ')}</td>
                  <td>
                    <SideBadge side={a.side} /> <Link to={`/screening/parties/${a.partyId}`}>{a.partyName}</Link>
                  </td>
                  <td>
                    {a.entityName} <span className="muted">({a.listId}, {Math.round(a.score * 100)}%)</span>
                  </td>
                  <td>{t(`alerts.${a.reason}`)}</td>
                  <td>{t(`alerts.${a.status}`)}</td>
                  <td>
                    {a.status === 'open' && (
                      <button type="button" className="button button-quiet" onClick={() => void handle('acknowledge', a.id)}>
                        {t('alerts.acknowledge')}
                      </button>
                    )}
                    {a.status !== 'resolved' && (
                      <button type="button" className="button button-quiet" onClick={() => void handle('resolve', a.id)}>
                        {t('alerts.resolve')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
