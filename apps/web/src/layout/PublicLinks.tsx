import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import './public-layout.css';

const PUBLIC_PAGES = [
  { id: 'indicators', path: '/indicators' },
  { id: 'datasets', path: '/datasets' },
] as const;

/**
 * The pages anyone may read without an account: offered on the sign-in page and in the visitors'
 * shell, so a visitor can reach each from the other.
 */
export function PublicLinks({ className }: { className?: string }) {
  const { t } = useTranslation();
  return (
    <nav className={['public-links', className].filter(Boolean).join(' ')} aria-label={t('publicPages.label')} data-testid="public-links">
      <span className="muted">{t('publicPages.intro')}</span>
      <ul>
        {PUBLIC_PAGES.map((p) => (
          <li key={p.id}>
            <NavLink to={p.path}>{t(`nav.${p.id}`)}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
