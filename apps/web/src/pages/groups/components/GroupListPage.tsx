import type { GroupDetail } from '@qiao/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { SideBadge } from '../../../components/SideBadge.tsx';
import { hasRole, useUser } from '../../../session/session-context.ts';
import { groupKeys, groupsApi } from '../../../api/groups.ts';
import { useAreaLabel } from '../../../lib/technology-area.ts';
import { Bilingual } from '../../../components/Bilingual.tsx';
import { StatusBadge } from '../../../components/StatusBadge.tsx';
import { DataTable } from '../../../components/DataTable.tsx';

/** The list answer names co-chairs by id only, so each group's detail supplies their names. */
async function loadGroups(): Promise<GroupDetail[]> {
  const groups = await groupsApi.list();
  return Promise.all(groups.map((g) => groupsApi.get(g.id)));
}

export function GroupListPage() {
  const { t } = useTranslation('groups');
  const user = useUser();
  const list = useQuery({ queryKey: groupKeys.listWithDetails(), queryFn: loadGroups });
  const areaLabel = useAreaLabel();
  const admin = hasRole(user, 'admin');
  return (
    <>
      <PageHeader title={t('list.title')} intro={t('list.intro')}>
        <div className="header-actions">
          <Link to="my-actions" className="button button-secondary" data-testid="my-actions-link">
            {t('myActions.title')}
          </Link>
          <Link to="notifications" className="button button-secondary" data-testid="notifications-link">
            {t('notifications.title')}
          </Link>
          {admin && (
            <Link to="new" className="button button-primary" data-testid="new-group">
              {t('create.title')}
            </Link>
          )}
        </div>
      </PageHeader>
      {list.isPending && <Loading />}
      {list.isError && <ErrorMessage error={list.error} onRetry={() => void list.refetch()} />}
      {list.isSuccess && list.data.length === 0 && (
        <EmptyState title={t('list.emptyTitle')}>
          <p>{admin ? t('list.emptyAdmin') : t('list.empty')}</p>
        </EmptyState>
      )}
      {list.isSuccess && list.data.length > 0 && (
        <DataTable testId="groups-table" columns={[t('list.name'), t('list.area'), t('list.status'), t('list.coChairs')]}>
          {list.data.map((g) => (
            <tr key={g.id} data-group-id={g.id}>
              <td>
                <Bilingual text={g.name}>
                  {(name, lang) => (
                    <Link to={g.id} lang={lang} className="card-link">
                      {name}
                    </Link>
                  )}
                </Bilingual>
              </td>
              <td>{areaLabel(g.technologyArea)}</td>
              <td className="cell-tight">
                <StatusBadge kind="groupStatus" value={g.status} />
              </td>
              <td>
                <ul className="plain-list">
                  {g.sides.map((side) => {
                    const chair = g.members.find((m) => m.userId === g.coChairs[side]);
                    return (
                      <li key={side}>
                        <SideBadge side={side} /> {chair ? chair.displayName : <span className="muted">{t('group.noCoChair')}</span>}
                      </li>
                    );
                  })}
                </ul>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
