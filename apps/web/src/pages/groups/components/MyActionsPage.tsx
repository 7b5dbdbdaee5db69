import { useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { actionKeys, actionsApi, groupKeys, groupsApi } from '../../../api/groups.ts';
import { ActionTable } from '../../../components/ActionTable.tsx';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { plain, uiLang } from '../../../lib/bilingual.ts';

/** Every action I own across groups, soonest due first; overdue ones stand out. */
export function MyActionsPage() {
  const { t, i18n } = useTranslation('groups');
  const lang = uiLang(i18n.language);
  const mine = useQuery({ queryKey: actionKeys.mine(), queryFn: actionsApi.mine });
  // Owners are named by id; each group's detail (cached for its own page too) supplies the names.
  const groupIds = [...new Set((mine.data ?? []).map((a) => a.groupId))];
  const groups = useQueries({ queries: groupIds.map((id) => ({ queryKey: groupKeys.detail(id), queryFn: () => groupsApi.get(id) })) });
  const failed = groups.find((q) => q.isError);
  const byId = new Map(groups.flatMap((q) => (q.data ? [[q.data.id, q.data] as const] : [])));
  const actions = mine.data ?? [];
  const ready = mine.isSuccess && groups.every((q) => q.isSuccess);
  return (
    <>
      <p className="breadcrumb">
        <Link to="..">{t('list.back')}</Link>
      </p>
      <PageHeader title={t('myActions.title')} intro={t('myActions.intro')} />
      {(mine.isPending || (!ready && !failed && !mine.isError)) && <Loading />}
      {mine.isError && <ErrorMessage error={mine.error} onRetry={() => void mine.refetch()} />}
      {failed && <ErrorMessage error={failed.error} onRetry={() => void failed.refetch()} />}
      {ready && actions.length === 0 && (
        <EmptyState title={t('myActions.emptyTitle')}>
          <p>{t('myActions.empty')}</p>
        </EmptyState>
      )}
      {ready && actions.length > 0 && (
        <>
          <p className={actions.some((a) => a.overdue) ? 'alert alert-error' : 'muted'} role="status" data-testid="my-actions-summary">
            {t('myActions.summary', { count: actions.length, overdue: actions.filter((a) => a.overdue).length })}
          </p>
          <ActionTable
            actions={actions}
            names={new Map([...byId.values()].flatMap((g) => g.members.map((m) => [m.userId, m.displayName] as const)))}
            canChangeStatus={() => true}
            testId="my-actions-table"
            lead={{
              header: t('myActions.group'),
              cell: (a) => <Link to={`../${a.groupId}`}>{plain(byId.get(a.groupId)?.name, lang)}</Link>,
            }}
          />
        </>
      )}
    </>
  );
}
