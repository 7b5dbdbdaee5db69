import type { ActionItem, GroupDetail } from '@qiao/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useResource } from '../../../hooks/use-resource.ts';
import { actionsApi, groupsApi } from '../api.ts';
import { plain, uiLang } from '../../../lib/bilingual.ts';
import { ActionTable } from './ActionTable.tsx';

async function load(): Promise<{ actions: ActionItem[]; groups: Map<string, GroupDetail> }> {
  const actions = await actionsApi.mine();
  const ids = [...new Set(actions.map((a) => a.groupId))];
  const groups = await Promise.all(ids.map((id) => groupsApi.get(id)));
  return { actions, groups: new Map(groups.map((g) => [g.id, g])) };
}

/** Every action I own across groups, soonest due first; overdue ones stand out. */
export function MyActionsPage() {
  const { t, i18n } = useTranslation('groups');
  const lang = uiLang(i18n.language);
  const data = useResource(load, []);
  return (
    <>
      <p className="breadcrumb">
        <Link to="..">{t('list.back')}</Link>
      </p>
      <PageHeader title={t('myActions.title')} intro={t('myActions.intro')} />
      {data.status === 'loading' && <Loading />}
      {data.status === 'error' && <ErrorMessage error={data.error} onRetry={data.reload} />}
      {data.status === 'ready' && data.data.actions.length === 0 && (
        <EmptyState title={t('myActions.emptyTitle')}>
          <p>{t('myActions.empty')}</p>
        </EmptyState>
      )}
      {data.status === 'ready' && data.data.actions.length > 0 && (
        <>
          <p className={data.data.actions.some((a) => a.overdue) ? 'alert alert-error' : 'muted'} role="status" data-testid="my-actions-summary">
            {t('myActions.summary', { count: data.data.actions.length, overdue: data.data.actions.filter((a) => a.overdue).length })}
          </p>
          <ActionTable
            actions={data.data.actions}
            names={new Map([...data.data.groups.values()].flatMap((g) => g.members.map((m) => [m.userId, m.displayName] as const)))}
            canChangeStatus={() => true}
            onChanged={data.reload}
            testId="my-actions-table"
            lead={{
              header: t('myActions.group'),
              cell: (a) => <Link to={`../${a.groupId}`}>{plain(data.data.groups.get(a.groupId)?.name, lang)}</Link>,
            }}
          />
        </>
      )}
    </>
  );
}
