import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Name the browser tab after the page, in the current language. */
export function usePageTitle(page: string): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = t('app.pageTitle', { page });
  }, [page, t]);
}
