import { useTranslation } from 'react-i18next';
import { loadDirectory } from '../../api/directory-data.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useResource } from '../../hooks/use-resource.ts';
import { useUser } from '../../session/session-context.ts';
import { MyTasksPanel } from '../inbox/index.ts';
import { ModuleCards } from './components/ModuleCards.tsx';
import { SideCounts } from './components/SideCounts.tsx';

export function OverviewPage() {
  const { t } = useTranslation();
  const user = useUser();
  const directory = useResource(loadDirectory, []);
  return (
    <>
      <PageHeader title={t('overview.title')} intro={t('overview.intro', { name: user.displayName })} />
      <MyTasksPanel />
      <section aria-labelledby="overview-directory">
        <h2 id="overview-directory">{t('overview.directoryTitle')}</h2>
        {directory.status === 'loading' && <Loading />}
        {directory.status === 'error' && <ErrorMessage error={directory.error} onRetry={directory.reload} />}
        {directory.status === 'ready' && <SideCounts {...directory.data} />}
      </section>
      <section aria-labelledby="overview-modules">
        <h2 id="overview-modules">{t('overview.modulesTitle')}</h2>
        <ModuleCards />
      </section>
    </>
  );
}
