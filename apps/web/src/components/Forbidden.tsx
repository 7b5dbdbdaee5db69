import { useTranslation } from 'react-i18next';
import { PageHeader } from './PageHeader.tsx';

/** Shown instead of a page the signed-in user may not open; the server refuses the data anyway. */
export function Forbidden() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('forbidden.title')} />
      <div className="alert alert-error" role="alert">
        <p>{t('errors.forbidden')}</p>
      </div>
    </>
  );
}
