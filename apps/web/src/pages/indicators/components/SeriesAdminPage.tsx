import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Forbidden } from '../../../components/Forbidden.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { isAdmin, useOptionalUser } from '../../../lib/session.ts';
import { indicatorKeys, indicatorsApi } from '../api.ts';
import { CsvImportForm } from './CsvImportForm.tsx';
import { DataTable } from './DataTable.tsx';
import { MetadataForm } from './MetadataForm.tsx';
import { RevisionHistory } from './RevisionHistory.tsx';


/** An admin's page for one curated series: metadata, values from CSV, and every earlier version. */
export function SeriesAdminPage() {
  const { t, i18n } = useTranslation('indicators');
  const user = useOptionalUser();
  const { id = '' } = useParams();
  const admin = isAdmin(user);
  const seriesQuery = useQuery({ queryKey: indicatorKeys.series(id), queryFn: () => indicatorsApi.get(id), enabled: admin });
  const revisionsQuery = useQuery({ queryKey: indicatorKeys.revisions(id), queryFn: () => indicatorsApi.revisions(id), enabled: admin });
  if (!admin) return <Forbidden />;
  const back = (
    <p className="breadcrumb">
      <Link to="..">{t('admin.back')}</Link>
    </p>
  );
  const series = seriesQuery.data;
  const revisions = revisionsQuery.data;
  if (!series || !revisions) {
    const error = seriesQuery.error ?? revisionsQuery.error;
    return (
      <>
        {back}
        <PageHeader title={t('admin.title')} />
        {error ? <ErrorMessage error={error} onRetry={() => void Promise.all([seriesQuery.refetch(), revisionsQuery.refetch()])} /> : <Loading />}
      </>
    );
  }
  const zh = i18n.language.startsWith('zh');
  const name = zh ? series.nameZh : series.nameEn;
  const unit = zh ? series.unitZh : series.unitEn;
  return (
    <>
      {back}
      <PageHeader title={name} intro={t('admin.intro', { version: series.version })} />
      <section className="section" aria-labelledby="ind-values">
        <h2 id="ind-values">{t('admin.values')}</h2>
        <DataTable series={series} unit={unit} name={name} />
        <CsvImportForm series={series} />
      </section>
      <MetadataForm key={series.version} series={series} />
      <RevisionHistory revisions={revisions} current={series.version} />
    </>
  );
}
