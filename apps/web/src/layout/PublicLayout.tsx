import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';
import { Loading } from '../components/Loading.tsx';
import { Brand } from './Brand.tsx';
import { Footer } from './Footer.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
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
        <ErrorBoundary key={pathname}>
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </ErrorBoundary>
      </main>
      <Footer />
    </div>
  );
}
