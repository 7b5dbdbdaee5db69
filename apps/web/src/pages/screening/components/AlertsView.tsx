import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { SideBadge } from '../../../components/SideBadge.tsx';
import { useSubmit } from '../../../hooks/use-submit.ts';
import { useFormat } from '../../../lib/format.ts';
import { screeningApi, screeningKeys } from '../api.ts';
import { RecordTable } from './RecordTable.tsx';
import { Section } from '../../../components/Section.tsx';

/** New or changed hits from re-screening after a list changed, for the officers of the party's side. */
export function AlertsView() {
  const { t } = useTranslation('screening');
  const [status, setStatus] = useState('open');
  const f = useFormat();
  const submit = useSubmit();
  const alerts = useQuery({ queryKey: screeningKeys.alerts({ status }), queryFn: () => screeningApi.alerts({ status }), select: (page) => page.items });

  async function handle(action: 'acknowledge' | 'resolve', id: string) {
    await submit.run(() => screeningApi[action](id), { success: t(`alerts.${action}Done`), invalidate: [screeningKeys.alerts()] });
  }

  return (
    <Section id="alerts-title" title={t('alerts.title')}>
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
      <RecordTable
        query={alerts}
        columns={[t('alerts.when'), t('alerts.party'), t('alerts.hit'), t('alerts.reason'), t('alerts.status')]}
        actionsLabel={t('alerts.actions')}
        empty={<EmptyState title={t('alerts.empty')}>{t('alerts.emptyHint')}</EmptyState>}
        actionError={submit.error}
        rowKey={(a) => a.id}
        row={(a) => (
          <>
            <td>{f.dateTime(a.createdAt)}</td>
            <td>
              <SideBadge side={a.side} /> <Link to={`/screening/parties/${a.partyId}`}>{a.partyName}</Link>
            </td>
            <td>
              {a.entityName} <span className="muted">({a.listId}, {Math.round(a.score * 100)}%)</span>
            </td>
            <td>{t(`alerts.${a.reason}`)}</td>
            <td>{t(`alerts.${a.status}`)}</td>
            <td className="row-actions">
              {a.status === 'open' && (
                <button type="button" className="button button-quiet" disabled={submit.busy} onClick={() => void handle('acknowledge', a.id)}>
                  {t('alerts.acknowledge')}
                </button>
              )}
              {a.status !== 'resolved' && (
                <button type="button" className="button button-quiet" disabled={submit.busy} onClick={() => void handle('resolve', a.id)}>
                  {t('alerts.resolve')}
                </button>
              )}
            </td>
          </>
        )}
      />
    </Section>
  );
}
