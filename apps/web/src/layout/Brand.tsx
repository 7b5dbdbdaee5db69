import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function Brand() {
  const { t } = useTranslation();
  return (
    <Link to="/" className="brand">
      <svg aria-hidden="true" width="28" height="28" viewBox="0 0 32 32">
        <rect width="32" height="32" rx="7" fill="currentColor" />
        <path d="M5 21c4-8 18-8 22 0" stroke="#fff" strokeWidth="2.5" fill="none" />
        <path d="M4 22h24" stroke="#fff" strokeWidth="2.5" />
      </svg>
      <span className="brand-name">{t('app.name')}</span>
    </Link>
  );
}
