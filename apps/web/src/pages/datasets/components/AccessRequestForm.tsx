import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { useSubmit } from '../../../hooks/use-submit.ts';
import { datasetsApi } from '../api.ts';

const MIN_PURPOSE = 10;

export function AccessRequestForm({ datasetId, onSent }: { datasetId: string; onSent: () => void }) {
  const { t } = useTranslation('datasets');
  const id = useId();
  const [purpose, setPurpose] = useState('');
  const submit = useSubmit();
  const { busy, error } = submit;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!(await submit.run(() => datasetsApi.requestAccess(datasetId, purpose.trim()), { success: t('requestForm.sentToast') }))) return;
    setPurpose('');
    onSent();
  }

  return (
    <form className="form request-form" onSubmit={(e) => void handleSubmit(e)} aria-labelledby={`${id}-title`} data-testid="request-access-form">
      <h3 id={`${id}-title`}>{t('requestForm.title')}</h3>
      <p className="muted">{t('requestForm.intro')}</p>
      {error !== null && <ErrorMessage error={error} />}
      <div className="field">
        <label htmlFor={id}>{t('requestForm.purpose')}</label>
        <textarea
          id={id}
          name="purpose"
          rows={4}
          required
          minLength={MIN_PURPOSE}
          maxLength={4000}
          value={purpose}
          onChange={(e) => setPurpose(e.target.value)}
          aria-describedby={`${id}-hint`}
        />
        <p id={`${id}-hint`} className="hint">
          {t('requestForm.purposeHint', { min: MIN_PURPOSE })}
        </p>
      </div>
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? t('requestForm.sending') : t('requestForm.submit')}
      </button>
    </form>
  );
}
