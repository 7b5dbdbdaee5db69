import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Brand } from './Brand.tsx';
import { Footer } from './Footer.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { PublicLinks } from './PublicLinks.tsx';
import { SkipLink } from './SkipLink.tsx';

/** The calm frame around sign-in, invitations and the forced password change. */
export function AuthLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="auth-shell">
      <SkipLink />
      <header className="site-header">
        <Brand />
        <div className="header-tools">
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="auth-main">
        <div className="auth-card">
          <p className="auth-tagline">{t('app.tagline')}</p>
          {children}
        </div>
        <PublicLinks className="auth-public-links" />
      </main>
      <Footer />
    </div>
  );
}
