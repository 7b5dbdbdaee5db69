import type { IndicatorRevision, IndicatorSeries } from '@qiao/contracts';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Forbidden } from '../../../components/Forbidden.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useResource } from '../../../hooks/use-resource.ts';
import { indicatorsApi } from '../api.ts';
import { isAdmin, useOptionalSession } from '../lib/session.ts';
import { CsvImportForm } from './CsvImportForm.tsx';
import { DataTable } from './DataTable.tsx';
import { MetadataForm } from './MetadataForm.tsx';
import { RevisionHistory } from './RevisionHistory.tsx';

async function load(id: string): Promise<{ series: IndicatorSeries; revisions: IndicatorRevision[] }> {
  const [series, revisions] = await Promise.all([indicatorsApi.get(id), indicatorsApi.revisions(id)]);
  return { series, revisions };
}

/** An admin's page for one curated series: metadata, values from CSV, and every earlier version. */
export function SeriesAdminPage() {
  const { t, i18n } = useTranslation('indicators');
  const { user } = useOptionalSession();
  const { id = '' } = useParams();
  const data = useResource(() => load(id), [id]);
  if (!isAdmin(user)) return <Forbidden />;
  const back = (
    <p className="breadcrumb">
      <Link to="..">{t('admin.back')}</Link>
    </p>
  );
  if (data.status !== 'ready') {
    return (
      <>
        {back}
        <PageHeader title={t('admin.title')} />
        {data.status === 'loading' ? <Loading /> : <ErrorMessage error={data.error} onRetry={data.reload} />}
      </>
    );
  }
  const { series, revisions } = data.data;
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
        <CsvImportForm series={series} onImported={data.reload} />
      </section>
      <MetadataForm key={series.version} series={series} onSaved={data.reload} />
      <RevisionHistory revisions={revisions} current={series.version} />
    </>
  );
}
