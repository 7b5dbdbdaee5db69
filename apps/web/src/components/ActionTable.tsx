import { ACTION_STATUSES, type ActionItem, type ActionStatus } from '@qiao/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from './ErrorMessage.tsx';
import { SideBadge } from './SideBadge.tsx';
import { actionKeys, actionsApi } from '../api/groups.ts';
import { uiLang } from '../lib/bilingual.ts';
import { formatDay } from '../lib/format.ts';
import { useSubmit } from '../hooks/use-submit.ts';
import { Bilingual } from './Bilingual.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import { useEnumLabel } from '../lib/use-enum-label.ts';
import './group-work.css';
import { DataTable } from './DataTable.tsx';

interface ActionTableProps {
  actions: ActionItem[];
  /** Display names by user id. */
  names: ReadonlyMap<string, string>;
  /** Whether the reader may move this action's status (its owners and the co-chairs may). */
  canChangeStatus: (action: ActionItem) => boolean;
  /** An extra first column, e.g. the group an action belongs to on "My actions". */
  lead?: { header: string; cell: (action: ActionItem) => ReactNode };
  testId?: string;
}

/** Action items with an owner on each side; overdue ones are highlighted and say so in words. */
export function ActionTable({ actions, names, canChangeStatus, lead, testId }: ActionTableProps) {
  const { t, i18n } = useTranslation('groups');
  const label = useEnumLabel();
  const lang = uiLang(i18n.language);
  const submit = useSubmit();

  async function handleStatus(action: ActionItem, status: ActionStatus) {
    // Every list an action shows in, and the progress of its result, follow its status.
    await submit.run(() => actionsApi.update(action.id, { status, version: action.version }), { invalidate: [actionKeys.all] });
  }

  return (
    <>
      {submit.error !== null && <ErrorMessage error={submit.error} />}
      <DataTable className="action-table" testId={testId ?? 'action-table'} columns={[lead ? lead.header : false, t('actions.title'), t('actions.owners'), t('actions.due'), t('actions.status')]}>
        {actions.map((a) => (
          <tr key={a.id} className={a.overdue ? 'row-overdue' : undefined} data-overdue={a.overdue} data-action-id={a.id}>
            {lead && <td>{lead.cell(a)}</td>}
            <td>
              <Bilingual text={a.title}>{(text, l) => <span lang={l}>{text}</span>}</Bilingual>
            </td>
            <td>
              <ul className="plain-list">
                {a.owners.map((o) => (
                  <li key={o.side} data-owner-side={o.side}>
                    <SideBadge side={o.side} /> {names.get(o.userId) ?? t('common.unknownPerson')}
                  </li>
                ))}
              </ul>
            </td>
            <td className="cell-tight">
              {formatDay(a.dueDate, lang)}
              {a.overdue && (
                <>
                  {' '}
                  <span className="badge badge-overdue" data-testid="overdue-badge">
                    {t('actions.overdue')}
                  </span>
                </>
              )}
            </td>
            <td className="cell-tight">
              {canChangeStatus(a) ? (
                <select
                  aria-label={t('actions.changeStatus')}
                  name="action-status"
                  value={a.status}
                  disabled={submit.busy}
                  onChange={(e) => void handleStatus(a, e.target.value as ActionStatus)}
                >
                  {ACTION_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {label('actionStatus', s)}
                    </option>
                  ))}
                </select>
              ) : (
                <StatusBadge kind="actionStatus" value={a.status} />
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
