import { useTranslation } from 'react-i18next';

export function Footer() {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <p>{t('app.footerNote')}</p>
      <p>
        {/* Served by the API itself, outside the single-page app. */}
        <a href="/api/docs">{t('app.apiDocs')}</a>
      </p>
    </footer>
  );
}
