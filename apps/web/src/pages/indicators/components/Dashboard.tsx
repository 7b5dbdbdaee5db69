import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { isAdmin, useOptionalUser } from '../../../lib/session.ts';
import { indicatorKeys, indicatorsApi } from '../api.ts';
import { IndicatorCard } from './IndicatorCard.tsx';
import { NewSeriesForm } from './NewSeriesForm.tsx';

/** Every series as a chart with its source: curated figures first, then live ones from the platform. */
export function Dashboard() {
  const { t } = useTranslation('indicators');
  const user = useOptionalUser();
  const list = useQuery({ queryKey: indicatorKeys.list(), queryFn: indicatorsApi.list });
  const curated = list.data?.filter((s) => s.kind === 'curated') ?? [];
  const live = list.data?.filter((s) => s.kind === 'live') ?? [];
  return (
    <>
      <PageHeader title={t('dashboard.title')} intro={t('dashboard.intro')} />
      {isAdmin(user) && <NewSeriesForm />}
      {list.isPending && <Loading />}
      {list.isError && <ErrorMessage error={list.error} onRetry={() => void list.refetch()} />}
      {list.data?.length === 0 && (
        <EmptyState title={t('dashboard.emptyTitle')}>
          <p>{isAdmin(user) ? t('dashboard.emptyAdmin') : t('dashboard.empty')}</p>
        </EmptyState>
      )}
      {curated.length > 0 && (
        <section className="section" aria-labelledby="ind-curated">
          <h2 id="ind-curated">{t('dashboard.curated')}</h2>
          <p className="muted">{t('dashboard.curatedIntro')}</p>
          <div className="indicator-grid">
            {curated.map((s) => (
              <IndicatorCard key={s.id} series={s} admin={isAdmin(user)} />
            ))}
          </div>
        </section>
      )}
      {live.length > 0 && (
        <section className="section" aria-labelledby="ind-live">
          <h2 id="ind-live">{t('dashboard.live')}</h2>
          <p className="muted">{t('dashboard.liveIntro')}</p>
          <div className="indicator-grid">
            {live.map((s) => (
              <IndicatorCard key={s.id} series={s} admin={false} />
            ))}
          </div>
        </section>
      )}
    </>
  );
}
