import type { AccessRequest } from '@qiao/contracts';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { datasetsApi } from '../api.ts';

/** Grant (once every condition is met) or deny, with a note and an optional expiry day. */
export function DecisionForm({ request, unmet, onDecided }: { request: AccessRequest; unmet: number; onDecided: () => void }) {
  const { t } = useTranslation('datasets');
  const id = useId();
  const [note, setNote] = useState('');
  const [expiresAt, setExpiresAt] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const prohibited = request.transfer?.verdict === 'prohibited';

  async function decide(decision: 'grant' | 'deny') {
    setBusy(true);
    setError(null);
    try {
      await datasetsApi.decide(request.id, { decision, note: note.trim(), expiresAt: decision === 'grant' && expiresAt ? expiresAt : null });
      onDecided();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    void decide(submitter?.getAttribute('value') === 'deny' ? 'deny' : 'grant');
  }

  return (
    <form className="form decision-form" onSubmit={handleSubmit} aria-label={t('decision.title')} data-testid="decision-form">
      {error !== null && <ErrorMessage error={error} />}
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-note`}>{t('decision.note')}</label>
          <input id={`${id}-note`} name="note" required minLength={3} maxLength={4000} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-expiry`}>{t('decision.expiresAt')}</label>
          <input id={`${id}-expiry`} name="expiresAt" type="date" value={expiresAt} onChange={(e) => setExpiresAt(e.target.value)} aria-describedby={`${id}-expiry-hint`} />
          <p id={`${id}-expiry-hint`} className="hint">
            {t('decision.expiresHint')}
          </p>
        </div>
      </div>
      {unmet > 0 && !prohibited && <p className="hint">{t('decision.unmet', { count: unmet })}</p>}
      {prohibited && <p className="hint">{t('decision.prohibited')}</p>}
      <div className="button-row">
        <button type="submit" name="decision" value="grant" className="button button-primary" disabled={busy || prohibited} data-testid="grant">
          {t('decision.grant')}
        </button>
        <button type="submit" name="decision" value="deny" className="button button-secondary" disabled={busy} data-testid="deny">
          {t('decision.deny')}
        </button>
      </div>
    </form>
  );
}
