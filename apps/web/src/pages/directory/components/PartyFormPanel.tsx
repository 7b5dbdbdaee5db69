import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';

interface PartyFormPanelProps {
  /** The panel's summary, the form's name and its button. */
  title: string;
  /** Said once a party was added, until the next attempt. */
  created: string | null;
  error: unknown;
  busy: boolean;
  onSubmit: (event: FormEvent<HTMLFormElement>) => Promise<void>;
  children: ReactNode;
}

/** An admin's folded form for adding an organisation or a person to the directory. */
export function PartyFormPanel({ title, created, error, busy, onSubmit, children }: PartyFormPanelProps) {
  const { t } = useTranslation();
  return (
    <details className="form-panel">
      <summary>{title}</summary>
      <form className="form" onSubmit={(e) => void onSubmit(e)} aria-label={title}>
        {error !== null && <ErrorMessage error={error} />}
        {created !== null && (
          <p className="alert alert-success" role="status">
            {created}
          </p>
        )}
        {children}
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('common.saving') : title}
        </button>
      </form>
    </details>
  );
}
