import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { SideBadge } from '../../../components/SideBadge.tsx';
import { screeningApi, screeningKeys } from '../api.ts';
import { StatusBadge } from '../../../components/StatusBadge.tsx';
import { DataTable } from '../../../components/DataTable.tsx';
import { Section } from '../../../components/Section.tsx';

const STATUSES = ['potential_match', 'confirmed_match', 'cleared_by_decision', 'clear'] as const;

/** Every organisation and person in the platform with its current screening status. */
export function PartiesView() {
  const { t } = useTranslation('screening');
  const [status, setStatus] = useState('');
  const parties = useQuery({ queryKey: screeningKeys.parties({ status }), queryFn: () => screeningApi.parties({ status }) });
  return (
    <Section id="parties-title" title={t('parties.title')}>
      <p className="muted">{t('parties.intro')}</p>
      <div className="filters">
        <label htmlFor="party-status">{t('parties.status')}</label>
        <select id="party-status" value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">{t('parties.all')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {parties.status === 'pending' && <Loading />}
      {parties.status === 'error' && <ErrorMessage error={parties.error} onRetry={() => void parties.refetch()} />}
      {parties.status === 'success' && parties.data.items.length === 0 && <EmptyState title={t('parties.empty')}>{t('parties.emptyHint')}</EmptyState>}
      {parties.status === 'success' && parties.data.items.length > 0 && (
        <DataTable columns={[t('parties.name'), t('parties.side'), t('parties.status'), t('parties.hits')]}>
          {parties.data.items.map((p) => (
            <tr key={p.partyId}>
              <td>
                <Link to={`/screening/parties/${p.partyId}`}>{p.names.map((n) => n.value).join(' · ')}</Link>
              </td>
              <td>
                <SideBadge side={p.side} />
              </td>
              <td>
                <StatusBadge kind="screeningStatus" value={p.status} />
              </td>
              <td>{p.hitCount}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </Section>
  );
}
