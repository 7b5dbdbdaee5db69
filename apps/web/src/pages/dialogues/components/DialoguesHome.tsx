import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { Bilingual } from '../../../components/Bilingual.tsx';
import { StatusBadge } from '../../../components/StatusBadge.tsx';
import { CalendarFeed } from './CalendarFeed.tsx';
import { groupKeys, groupsApi } from '../../../api/groups.ts';
import { useAreaLabel } from '../../../lib/technology-area.ts';

/** Dialogues happen inside working groups: pick a group to see its tracks and rounds. */
export function DialoguesHome() {
  const { t } = useTranslation('groups');
  const groups = useQuery({ queryKey: groupKeys.list(), queryFn: groupsApi.list });
  const areaLabel = useAreaLabel();
  return (
    <>
      <PageHeader title={t('dialogues.title')} intro={t('dialogues.intro')}>
        <div className="header-actions">
          <Link to="/groups/my-actions" className="button button-secondary">
            {t('myActions.title')}
          </Link>
          <Link to="/groups/notifications" className="button button-secondary">
            {t('notifications.title')}
          </Link>
        </div>
      </PageHeader>
      {groups.isPending && <Loading />}
      {groups.isError && <ErrorMessage error={groups.error} onRetry={() => void groups.refetch()} />}
      {groups.isSuccess && groups.data.length === 0 && (
        <EmptyState title={t('list.emptyTitle')}>
          <p>{t('dialogues.noGroups')}</p>
          <Link to="/groups" className="button button-secondary">
            {t('list.title')}
          </Link>
        </EmptyState>
      )}
      {groups.isSuccess && groups.data.length > 0 && (
        <ul className="card-grid" data-testid="dialogue-groups">
          {groups.data.map((g) => (
            <li key={g.id} className="card">
              <Bilingual text={g.name}>
                {(name, lang) => (
                  <Link to={`groups/${g.id}`} lang={lang} className="card-link">
                    {name}
                  </Link>
                )}
              </Bilingual>
              <p>
                {areaLabel(g.technologyArea)} <StatusBadge kind="groupStatus" value={g.status} />
              </p>
            </li>
          ))}
        </ul>
      )}
      <CalendarFeed />
    </>
  );
}
