import type { Decision, GroupDetail, Result } from '@qiao/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { Field } from '../../../components/Field.tsx';
import { SideBadge } from '../../../components/SideBadge.tsx';
import { isFilled, plain, toInput, uiLang } from '../../../lib/bilingual.ts';
import { useSubmit } from '../../../hooks/use-submit.ts';
import { useUnsavedChanges } from '../../../hooks/use-unsaved-changes.ts';
import { actionKeys, actionsApi } from '../../../api/groups.ts';
import { BilingualFields, EMPTY_TEXTS as EMPTY } from '../../../components/BilingualFields.tsx';
import { isFieldError, serverFieldError } from '../../../lib/field-errors.ts';

const FIELDS = ['title', 'owners', 'dueDate', 'resultId'] as const;

/** Turns a decision into an action item with one owner from each side of the group. */
export function AssignActionForm({ decision, group, results }: { decision: Decision; group: GroupDetail; results: Result[] }) {
  const { t, i18n } = useTranslation('groups');
  const lang = uiLang(i18n.language);
  const [title, setTitle] = useState(EMPTY);
  const [owners, setOwners] = useState<Record<string, string>>({});
  const [due, setDue] = useState('');
  const [resultId, setResultId] = useState('');
  const submit = useSubmit();
  const complete = group.sides.every((s) => owners[s]);
  useUnsavedChanges(isFilled(title) || Object.values(owners).some(Boolean) || due !== '' || resultId !== '');

  async function handleSubmit(e: FormEvent) {
    e.preventDefault();
    const ok = await submit.run(() =>
      actionsApi.create({
        decisionId: decision.id,
        title: toInput(title),
        owners: group.sides.map((side) => ({ side, userId: owners[side] ?? '' })),
        dueDate: due,
        ...(resultId ? { resultId } : {}),
      }),
      { success: t('actions.assigned'), invalidate: [actionKeys.all] },
    );
    if (ok) {
      setTitle(EMPTY);
      setOwners({});
      setDue('');
      setResultId('');
    }
  }

  return (
    <details className="form-panel" data-testid="assign-action">
      <summary>{t('actions.assign')}</summary>
      <form className="form" onSubmit={(e) => void handleSubmit(e)}>
        <BilingualFields label={t('actions.title')} name="action-title" value={title} onChange={setTitle} maxLength={500} required error={serverFieldError(submit.error, 'title')} />
        <div className="field-row">
          {group.sides.map((side) => {
            const id = `owner-${decision.id}-${side}`;
            return (
              <div key={side} className="field">
                <label htmlFor={id}>
                  <SideBadge side={side} /> {t('actions.ownerFor', { side })}
                </label>
                <select id={id} name={`owner-${side}`} value={owners[side] ?? ''} required onChange={(e) => setOwners({ ...owners, [side]: e.target.value })}>
                  <option value="">{t('actions.pickOwner')}</option>
                  {group.members
                    .filter((m) => m.side === side && m.role !== 'observer')
                    .map((m) => (
                      <option key={m.userId} value={m.userId}>
                        {m.displayName}
                      </option>
                    ))}
                </select>
              </div>
            );
          })}
          <Field label={t('actions.due')} type="date" name="action-due" value={due} required onChange={(e) => setDue(e.target.value)} error={serverFieldError(submit.error, 'dueDate')} />
          {results.length > 0 && (
            <div className="field">
              <label htmlFor={`result-${decision.id}`}>{t('actions.result')}</label>
              <select id={`result-${decision.id}`} name="action-result" value={resultId} onChange={(e) => setResultId(e.target.value)}>
                <option value="">{t('actions.noResult')}</option>
                {results.map((r) => (
                  <option key={r.id} value={r.id}>
                    {plain(r.title, lang)}
                  </option>
                ))}
              </select>
            </div>
          )}
        </div>
        {submit.error !== null && !isFieldError(submit.error, FIELDS) && <ErrorMessage error={submit.error} />}
        <button type="submit" className="button button-primary" disabled={submit.busy || !isFilled(title) || !complete || !due}>
          {t('actions.create')}
        </button>
      </form>
    </details>
  );
}
