import { GROUP_TRANSITIONS, type GroupDetail, type GroupStatus } from '@qiao/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../../../components/ConfirmDialog.tsx';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { groupKeys, groupsApi } from '../../../api/groups.ts';
import { useSubmit } from '../../../hooks/use-submit.ts';
import { useEnumLabel } from '../../../lib/use-enum-label.ts';

/** Moves the group along its workflow; "active" needs a co-chair on every side (the server says why if not). */
export function GroupStatusControl({ group }: { group: GroupDetail }) {
  const { t } = useTranslation('groups');
  const label = useEnumLabel();
  const next = GROUP_TRANSITIONS[group.status];
  const [status, setStatus] = useState<GroupStatus | ''>('');
  const submit = useSubmit();
  if (next.length === 0) return null;
  const chosen = status || next[0] || '';

  async function handleChange() {
    if (!chosen) return;
    const changed = await submit.run(() => groupsApi.changeStatus(group.id, { status: chosen, version: group.version }), {
      success: t('group.statusChanged'),
      invalidate: [groupKeys.detail(group.id), groupKeys.list()],
    });
    if (changed) setStatus('');
  }

  return (
    <div className="inline-form" data-testid="group-status-control">
      <label>
        {t('group.moveTo')}{' '}
        <select name="group-status" value={chosen} onChange={(e) => setStatus(e.target.value as GroupStatus)}>
          {next.map((s) => (
            <option key={s} value={s}>
              {label('groupStatus', s)}
            </option>
          ))}
        </select>
      </label>
      {/* A closed group cannot be reopened, so closing asks once more. */}
      {chosen === 'closed' ? (
        <ConfirmButton label={t('group.changeStatus')} confirmLabel={t('group.close')} testId="close-group" disabled={submit.busy} busy={submit.busy} onConfirm={() => void handleChange()}>
          <p>{t('group.closeConfirm')}</p>
        </ConfirmButton>
      ) : (
        <button type="button" className="button button-secondary" disabled={submit.busy} onClick={() => void handleChange()}>
          {t('group.changeStatus')}
        </button>
      )}
      {submit.error !== null && <ErrorMessage error={submit.error} />}
    </div>
  );
}
