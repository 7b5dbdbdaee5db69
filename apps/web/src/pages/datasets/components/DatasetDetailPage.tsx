import type { Dataset, DatasetVersion } from '@qiao/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { DemoBadge } from '../../../components/DemoBadge.tsx';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { SideBadge } from '../../../components/SideBadge.tsx';
import { usePageTitle } from '../../../hooks/use-page-title.ts';
import { useLiveObject } from '../../inbox/index.ts';
import { datasetKeys, datasetsApi } from '../api.ts';
import { pickText, uiLang } from '../../../lib/bilingual.ts';
import { useOptionalUser } from '../../../lib/session.ts';
import { isStewardOf } from '../lib/access.ts';
import { AccessBadge } from './AccessBadge.tsx';
import { AccessPanel } from './AccessPanel.tsx';
import { CiteDataset } from './CiteDataset.tsx';
import { Bilingual } from '../../../components/Bilingual.tsx';
import { DatasetMetadata } from './DatasetMetadata.tsx';
import { DownloadLog } from './DownloadLog.tsx';
import { PreviewSection } from './PreviewSection.tsx';
import { StewardRequests } from './StewardRequests.tsx';
import { VersionsSection } from './VersionsSection.tsx';

export function DatasetDetailPage() {
  const { t } = useTranslation('datasets');
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const dataset = useQuery({ queryKey: datasetKeys.detail(id), queryFn: () => datasetsApi.get(id) });
  // The dataset first: one a visitor may not open answers 404 once, without a second refused request.
  const versions = useQuery({ queryKey: datasetKeys.versions(id), queryFn: () => datasetsApi.versions(id), enabled: dataset.isSuccess });
  const refresh = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: datasetKeys.detail(id) });
    void queryClient.invalidateQueries({ queryKey: datasetKeys.mine() });
  }, [queryClient, id]);
  // Access requests and decisions made elsewhere show here at once.
  useLiveObject('dataset', id, refresh);

  const error = dataset.error ?? versions.error;
  if (!dataset.data || !versions.data) {
    return (
      <>
        <PageHeader title={t('detail.loadingTitle')} />
        {error ? <ErrorMessage error={error} onRetry={() => void (dataset.isError ? dataset.refetch() : versions.refetch())} /> : <Loading />}
        <p>
          <Link to="..">{t('detail.back')}</Link>
        </p>
      </>
    );
  }
  return <DatasetView dataset={dataset.data} versions={versions.data} reload={refresh} />;
}

function DatasetView({ dataset, versions, reload }: { dataset: Dataset; versions: DatasetVersion[]; reload: () => void }) {
  const { t, i18n } = useTranslation('datasets');
  const user = useOptionalUser();
  const steward = isStewardOf(user, dataset);
  usePageTitle(pickText(dataset.title, uiLang(i18n.language)).text);
  return (
    <article className="dataset-page" data-testid="dataset-page">
      <p className="breadcrumb">
        <Link to="..">{t('detail.back')}</Link>
      </p>
      <header className="page-header dataset-header">
        <div>
          <Bilingual text={dataset.title}>{(title, lang) => <h1 lang={lang}>{title}</h1>}</Bilingual>
          <p className="dataset-meta">
            <SideBadge side={dataset.side} /> <AccessBadge level={dataset.accessLevel} embargoUntil={dataset.embargoUntil} />{' '}
            <span className="badge side-other">{dataset.licence}</span>
            {dataset.isDemo && <DemoBadge />}
          </p>
        </div>
      </header>
      <Bilingual text={dataset.description}>
        {(text, lang) => (
          <p className="prose dataset-description" lang={lang}>
            {text}
          </p>
        )}
      </Bilingual>
      <AccessPanel dataset={dataset} onChange={reload} />
      <VersionsSection dataset={dataset} versions={versions} steward={steward} onChange={reload} />
      {dataset.access.canDownload && <PreviewSection dataset={dataset} versions={versions} />}
      <DatasetMetadata dataset={dataset} />
      <CiteDataset datasetId={dataset.id} />
      {steward && <StewardRequests dataset={dataset} />}
      {steward && <DownloadLog datasetId={dataset.id} />}
    </article>
  );
}
