import { CONVERGENCE, type AgendaItem, type Convergence } from '@qiao/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { useSubmit } from '../../../hooks/use-submit.ts';
import { dialogueKeys, dialoguesApi } from '../api.ts';
import { useEnumLabel } from '../../../lib/use-enum-label.ts';

/** Co-chairs record how close the sides are on an item, with a note kept in the history. */
export function ConvergenceControl({ item }: { item: AgendaItem }) {
  const { t } = useTranslation('groups');
  const label = useEnumLabel();
  const options = CONVERGENCE.filter((c) => c !== item.convergence);
  const [status, setStatus] = useState<Convergence | ''>('');
  const [note, setNote] = useState('');
  const submit = useSubmit();
  const chosen = status && status !== item.convergence ? status : (options[0] ?? 'open');

  async function handleSubmit(e: FormEvent) {
    e.preventDefault();
    const ok = await submit.run(() => dialoguesApi.setConvergence(item.id, { status: chosen, ...(note.trim() ? { note: note.trim() } : {}) }), {
      success: t('convergence.saved'),
      invalidate: [dialogueKeys.round(item.roundId)],
    });
    if (ok) {
      setNote('');
      setStatus('');
    }
  }

  return (
    <form className="inline-form convergence-form" onSubmit={(e) => void handleSubmit(e)} data-testid="convergence-form">
      <label>
        {t('convergence.set')}{' '}
        <select name="convergence" value={chosen} onChange={(e) => setStatus(e.target.value as Convergence)}>
          {options.map((c) => (
            <option key={c} value={c}>
              {label('convergence', c)}
            </option>
          ))}
        </select>
      </label>
      <label className="grow">
        <span className="visually-hidden">{t('convergence.note')}</span>
        <input type="text" name="convergence-note" placeholder={t('convergence.note')} value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
      </label>
      <button type="submit" className="button button-secondary" disabled={submit.busy}>
        {t('convergence.save')}
      </button>
      {submit.error !== null && <ErrorMessage error={submit.error} />}
    </form>
  );
}
