import type { AccessRequest } from '@qiao/contracts';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { useSubmit } from '../../../hooks/use-submit.ts';
import { datasetsApi } from '../api.ts';

/**
 * Ends a grant. Revoking cannot be undone, so the button first opens a confirmation that says what
 * happens and asks for the reason the grantee will see.
 */
export function RevokeGrant({ datasetId, grant, onRevoked }: { datasetId: string; grant: AccessRequest; onRevoked: () => void }) {
  const { t } = useTranslation('datasets');
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState('');
  const submit = useSubmit();
  const { busy, error } = submit;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!(await submit.run(() => datasetsApi.revokeGrant(datasetId, grant.id, note.trim()), { success: t('revoke.doneToast') }))) return;
    setConfirming(false);
    onRevoked();
  }

  if (!confirming) {
    return (
      <div className="button-row">
        <button type="button" className="button button-secondary" onClick={() => setConfirming(true)} data-testid="revoke-open">
          {t('revoke.open')}
        </button>
      </div>
    );
  }
  return (
    <form className="form decision-form" onSubmit={(e) => void handleSubmit(e)} aria-describedby={`${id}-confirm`} data-testid="revoke-form">
      {error !== null && <ErrorMessage error={error} />}
      <p id={`${id}-confirm`} role="alert">
        {t('revoke.confirm', { name: grant.requester.displayName || grant.requester.email })}
      </p>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t('revoke.note')}</label>
        <input id={`${id}-note`} name="note" required minLength={3} maxLength={4000} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy} data-testid="revoke-confirm">
          {t('revoke.submit')}
        </button>
        <button type="button" className="button button-secondary" disabled={busy} onClick={() => setConfirming(false)}>
          {t('revoke.cancel')}
        </button>
      </div>
    </form>
  );
}
