import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { datasetKeys, datasetsApi, EMPTY_FILTER } from '../api.ts';
import { pickText, uiLang } from '../../../lib/bilingual.ts';
import { useOptionalUser } from '../../../lib/session.ts';
import { RequestSummary } from './RequestSummary.tsx';

/** Everything the reader has asked for, with the transfer review and decision of each. */
export function MyRequestsPage() {
  const { t, i18n } = useTranslation('datasets');
  const user = useOptionalUser();
  const { pathname } = useLocation();
  const mine = useQuery({ queryKey: datasetKeys.mine(), queryFn: datasetsApi.mine, enabled: !!user });
  // Requests carry the dataset id only; the catalogue supplies the titles.
  const catalogue = useQuery({ queryKey: datasetKeys.list(EMPTY_FILTER), queryFn: () => datasetsApi.list(EMPTY_FILTER), enabled: !!user });
  const titleOf = (id: string) => {
    const ds = catalogue.data?.find((d) => d.id === id);
    return ds ? pickText(ds.title, uiLang(i18n.language)).text : t('requests.openDataset');
  };
  return (
    <>
      <p className="breadcrumb">
        <Link to="..">{t('detail.back')}</Link>
      </p>
      <PageHeader title={t('requests.mineTitle')} intro={t('requests.mineIntro')} />
      {!user && (
        <Link to="/sign-in" state={{ from: pathname }} className="button button-secondary">
          {t('accessPanel.signIn')}
        </Link>
      )}
      {user && mine.isPending && <Loading />}
      {mine.isError && <ErrorMessage error={mine.error} onRetry={() => void mine.refetch()} />}
      {mine.data && user && mine.data.length === 0 && (
        <EmptyState title={t('requests.mineEmptyTitle')}>
          <p>{t('requests.mineEmpty')}</p>
          <Link to=".." className="button button-secondary">
            {t('requests.browse')}
          </Link>
        </EmptyState>
      )}
      {user &&
        mine.data?.map((r) => (
          <RequestSummary
            key={r.id}
            request={r}
            heading={
              <h2 className="request-dataset">
                <Link to={`../${r.datasetId}`}>{titleOf(r.datasetId)}</Link>
              </h2>
            }
          />
        ))}
    </>
  );
}
