import type { GroupDetail } from '@qiao/contracts';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { useResource } from '../../../hooks/use-resource.ts';
import { useUser } from '../../../session/session-context.ts';
import { actionsApi } from '../api.ts';
import type { GroupAccess } from '../lib/access.ts';
import { ActionTable } from './ActionTable.tsx';

/** A group's action items; with `overdueOnly`, the overdue ones, shown near the top of the group page. */
export function GroupActions({ group, access, overdueOnly }: { group: GroupDetail; access: GroupAccess; overdueOnly?: boolean }) {
  const { t } = useTranslation('groups');
  const user = useUser();
  const actions = useResource(() => actionsApi.forGroup(group.id, overdueOnly), [group.id, overdueOnly]);
  const names = new Map(group.members.map((m) => [m.userId, m.displayName]));
  const titleId = overdueOnly ? 'overdue-title' : 'actions-title';
  const ready = actions.status === 'ready' ? actions.data : null;
  // Nothing overdue is good news, said in one line rather than an empty table.
  return (
    <section className={`section${overdueOnly && ready && ready.length > 0 ? ' overdue-section' : ''}`} aria-labelledby={titleId} data-testid={overdueOnly ? 'overdue-actions' : 'group-actions'}>
      <h2 id={titleId}>{overdueOnly ? t('actions.overdueTitle') : t('actions.groupTitle')}</h2>
      {actions.status === 'loading' && <Loading />}
      {actions.status === 'error' && <ErrorMessage error={actions.error} onRetry={actions.reload} />}
      {ready && ready.length === 0 && <p className="muted">{overdueOnly ? t('actions.noneOverdue') : t('actions.none')}</p>}
      {ready && ready.length > 0 && (
        <ActionTable
          actions={ready}
          names={names}
          canChangeStatus={(a) => access.manager || a.owners.some((o) => o.userId === user.id)}
          onChanged={actions.reload}
          testId={overdueOnly ? 'overdue-table' : 'group-action-table'}
        />
      )}
    </section>
  );
}
