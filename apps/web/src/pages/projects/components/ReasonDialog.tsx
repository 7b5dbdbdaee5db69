import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

interface ReasonDialogProps {
  title: string;
  intro: string;
  confirmLabel: string;
  /** Required reasons need 10 characters, as the server does. */
  required: boolean;
  onConfirm: (reason: string) => void;
  onClose: () => void;
}

const MIN_REASON = 10;

/** A modal that asks why before an action that is kept in the history with its reason. */
export function ReasonDialog({ title, intro, confirmLabel, required, onConfirm, onClose }: ReasonDialogProps) {
  const { t } = useTranslation('projects');
  const { t: tc } = useTranslation();
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');

  useEffect(() => {
    const dialog = ref.current;
    // showModal traps focus and makes the rest of the page inert; Escape fires `cancel`.
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onConfirm(reason.trim());
  }

  const tooShort = required && reason.trim().length < MIN_REASON;
  return (
    <dialog ref={ref} className="reason-dialog" aria-labelledby={`${id}-title`} onCancel={onClose} data-testid="reason-dialog">
      <form onSubmit={handleSubmit} className="form">
        <h2 id={`${id}-title`}>{title}</h2>
        <p>{intro}</p>
        <div className="field">
          <label htmlFor={`${id}-reason`}>
            {t('actions.reason')} {!required && <span className="muted">({tc('common.optional')})</span>}
          </label>
          <textarea
            id={`${id}-reason`}
            name="reason"
            rows={4}
            maxLength={4000}
            required={required}
            minLength={required ? MIN_REASON : undefined}
            aria-describedby={`${id}-hint`}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <p className="hint" id={`${id}-hint`}>
            {required ? t('actions.reasonHint', { min: MIN_REASON }) : t('actions.reasonOptional')}
          </p>
        </div>
        <div className="button-bar">
          <button type="submit" className="button button-primary" disabled={tooShort} data-testid="confirm-action">
            {confirmLabel}
          </button>
          <button type="button" className="button button-quiet" onClick={onClose}>
            {tc('common.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
