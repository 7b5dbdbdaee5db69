import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { ADMIN_PAGES, MODULES } from '../modules.ts';
import { FederationNavItem } from '../pages/federation/FederationNavItem.tsx';
import { hasRole, useUser } from '../session/session-context.ts';

export function MainNav({ id, onNavigate }: { id: string; onNavigate: () => void }) {
  const { t } = useTranslation();
  const user = useUser();
  const linkClass = ({ isActive }: { isActive: boolean }) => (isActive ? 'nav-link active' : 'nav-link');
  return (
    <div className="main-nav" id={id}>
      <nav aria-label={t('nav.label')}>
        <ul>
          <li>
            <NavLink to="/" end className={linkClass} onClick={onNavigate}>
              {t('nav.overview')}
            </NavLink>
          </li>
          {MODULES.map((module) => (
            <li key={module.id}>
              <NavLink to={module.path} className={linkClass} onClick={onNavigate}>
                {t(`nav.${module.id}`)}
              </NavLink>
            </li>
          ))}
          <li>
            <NavLink to="/directory" className={linkClass} onClick={onNavigate}>
              {t('nav.directory')}
            </NavLink>
          </li>
        </ul>
      </nav>
      {hasRole(user, 'admin') && (
        <nav aria-label={t('nav.adminLabel')}>
          <h2 className="nav-heading">{t('nav.adminLabel')}</h2>
          <ul>
            {ADMIN_PAGES.map((page) => (
              <li key={page.id}>
                <NavLink to={page.path} className={linkClass} onClick={onNavigate}>
                  {t(`nav.${page.id}`)}
                </NavLink>
              </li>
            ))}
            <FederationNavItem linkClass={linkClass} onNavigate={onNavigate} />
          </ul>
        </nav>
      )}
    </div>
  );
}
