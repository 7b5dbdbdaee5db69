import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';

/** An API failure in the reader's language, announced to screen readers. */
export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const id = error instanceof ApiError ? error.id : 'internal';
  return (
    <div className="alert alert-error" role="alert">
      <p>{t(`errors.${id}`)}</p>
      {id === 'validation_failed' && error instanceof ApiError && (
        <p className="muted">{t('errors.detail', { message: error.message })}</p>
      )}
      {onRetry && (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
