import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { loadDirectory } from '../../api/directory-data.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useUser } from '../../session/session-context.ts';
import { MyTasksPanel } from '../inbox/index.ts';
import { ModuleCards } from './components/ModuleCards.tsx';
import { SideCounts } from './components/SideCounts.tsx';

export function OverviewPage() {
  const { t } = useTranslation();
  const user = useUser();
  // Under the directory's prefix, so a new organisation or person refreshes the counts too.
  const directory = useQuery({ queryKey: ['directory', 'overview'], queryFn: loadDirectory });
  return (
    <>
      <PageHeader title={t('overview.title')} intro={t('overview.intro', { name: user.displayName })} />
      <MyTasksPanel />
      <section aria-labelledby="overview-directory">
        <h2 id="overview-directory">{t('overview.directoryTitle')}</h2>
        {directory.isPending && <Loading />}
        {directory.isError && <ErrorMessage error={directory.error} onRetry={() => void directory.refetch()} />}
        {directory.isSuccess && <SideCounts {...directory.data} />}
      </section>
      <section aria-labelledby="overview-modules">
        <h2 id="overview-modules">{t('overview.modulesTitle')}</h2>
        <ModuleCards />
      </section>
    </>
  );
}
