import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { useToast } from '../../../hooks/use-toast.ts';
import { screeningApi } from '../api.ts';

/**
 * A compliance officer's reasoned decision on one hit, remembered until the record changes or it expires.
 * `side` is the side whose concern it answers (default: the party's own side, which sets its status).
 */
export function DecisionForm({ partyId, listId, recordId, side, onDone }: { partyId: string; listId: string; recordId: string; side?: string; onDone: () => void }) {
  const { t } = useTranslation('screening');
  const [decision, setDecision] = useState<'false_positive' | 'true_match'>('false_positive');
  const [reason, setReason] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const toast = useToast();
  const id = `${listId}-${recordId}-${side ?? 'own'}`.replace(/[^a-zA-Z0-9-]/g, '_');

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await screeningApi.decide({ partyId, listId, recordId, decision, reason, ...(expiresOn ? { expiresOn } : {}), ...(side ? { side } : {}) });
      toast.show(t('decision.saved'));
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form decision-form" data-side={side ?? ''} onSubmit={(e) => void handleSubmit(e)} aria-label={t('decision.title')}>
      <fieldset className="fieldset">
        <legend>{side ? t('decision.titleForSide', { side }) : t('decision.title')}</legend>
        <label className="checkbox-row">
          <input type="radio" name={`d-${id}`} checked={decision === 'false_positive'} onChange={() => setDecision('false_positive')} /> {t('decision.false_positive')}
        </label>
        <label className="checkbox-row">
          <input type="radio" name={`d-${id}`} checked={decision === 'true_match'} onChange={() => setDecision('true_match')} /> {t('decision.true_match')}
        </label>
      </fieldset>
      <div className="field">
        <label htmlFor={`reason-${id}`}>{t('decision.reason')}</label>
        <textarea id={`reason-${id}`} value={reason} onChange={(e) => setReason(e.target.value)} required rows={2} />
      </div>
      <div className="field">
        <label htmlFor={`exp-${id}`}>{t('decision.expiresOn')}</label>
        <input id={`exp-${id}`} type="date" value={expiresOn} onChange={(e) => setExpiresOn(e.target.value)} />
      </div>
      {error !== null && <ErrorMessage error={error} />}
      <button type="submit" className="button button-primary" disabled={busy}>
        {t('decision.submit')}
      </button>
    </form>
  );
}
