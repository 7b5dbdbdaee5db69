import { useTranslation } from 'react-i18next';

interface FormActionsProps {
  busy: boolean;
  submitLabel: string;
  /** Leaves the form without saving; no cancel button without it. */
  onCancel?: (() => void) | undefined;
  disabled?: boolean;
}

/** A form's submit button (saying "Saving…" while it saves) and, when it can be left, its cancel button. */
export function FormActions({ busy, submitLabel, onCancel, disabled = false }: FormActionsProps) {
  const { t } = useTranslation();
  return (
    <div className="button-row">
      <button type="submit" className="button button-primary" disabled={busy || disabled}>
        {busy ? t('common.saving') : submitLabel}
      </button>
      {onCancel && (
        <button type="button" className="button button-quiet" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      )}
    </div>
  );
}
