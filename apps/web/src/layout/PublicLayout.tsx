import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { Brand } from './Brand.tsx';
import { Footer } from './Footer.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { PageOutlet } from './PageOutlet.tsx';
import { PublicLinks } from './PublicLinks.tsx';
import { SkipLink } from './SkipLink.tsx';
import './public-layout.css';

/** The shell for visitors who are not signed in: the public pages (indicators, open datasets). */
export function PublicLayout() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <div className="app-shell public-shell">
      <SkipLink />
      <header className="site-header">
        <Brand />
        <PublicLinks className="public-header-links" />
        <div className="header-tools">
          <LanguageSwitch />
          <Link className="button button-secondary" to="/sign-in" state={{ from: pathname }} data-testid="public-sign-in">
            {t('signIn.submit')}
          </Link>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="public-main">
        <PageOutlet />
      </main>
      <Footer />
    </div>
  );
}
