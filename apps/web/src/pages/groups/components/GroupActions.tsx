import type { GroupDetail } from '@qiao/contracts';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { useQuery } from '@tanstack/react-query';
import { useUser } from '../../../session/session-context.ts';
import { actionKeys, actionsApi } from '../../../api/groups.ts';
import { ActionTable } from '../../../components/ActionTable.tsx';
import type { GroupAccess } from '../../../lib/group-access.ts';

/** A group's action items; with `overdueOnly`, the overdue ones, shown near the top of the group page. */
export function GroupActions({ group, access, overdueOnly }: { group: GroupDetail; access: GroupAccess; overdueOnly?: boolean }) {
  const { t } = useTranslation('groups');
  const user = useUser();
  const actions = useQuery({ queryKey: actionKeys.forGroup(group.id, overdueOnly), queryFn: () => actionsApi.forGroup(group.id, overdueOnly) });
  const names = new Map(group.members.map((m) => [m.userId, m.displayName]));
  const titleId = overdueOnly ? 'overdue-title' : 'actions-title';
  const ready = actions.data ?? null;
  // Nothing overdue is good news, said in one line rather than an empty table.
  return (
    <section className={`section${overdueOnly && ready && ready.length > 0 ? ' overdue-section' : ''}`} aria-labelledby={titleId} data-testid={overdueOnly ? 'overdue-actions' : 'group-actions'}>
      <h2 id={titleId}>{overdueOnly ? t('actions.overdueTitle') : t('actions.groupTitle')}</h2>
      {actions.isPending && <Loading />}
      {actions.isError && <ErrorMessage error={actions.error} onRetry={() => void actions.refetch()} />}
      {ready && ready.length === 0 && <p className="muted">{overdueOnly ? t('actions.noneOverdue') : t('actions.none')}</p>}
      {ready && ready.length > 0 && (
        <ActionTable
          actions={ready}
          names={names}
          canChangeStatus={(a) => access.manager || a.owners.some((o) => o.userId === user.id)}
          testId={overdueOnly ? 'overdue-table' : 'group-action-table'}
        />
      )}
    </section>
  );
}
