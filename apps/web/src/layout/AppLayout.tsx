import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { InboxBell } from '../pages/inbox/index.ts';
import { Brand } from './Brand.tsx';
import { Footer } from './Footer.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { MainNav } from './MainNav.tsx';
import { PageOutlet } from './PageOutlet.tsx';
import { SkipLink } from './SkipLink.tsx';
import { UserMenu } from './UserMenu.tsx';

const NAV_ID = 'main-nav';

/** The signed-in shell: header, module navigation (a drawer on phones), the page, the footer. */
export function AppLayout() {
  const { t } = useTranslation();
  const [menuOpen, setMenuOpen] = useState(false);
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After client-side navigation, move focus to the new page so screen readers announce it.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.focus();
  }, [pathname]);

  return (
    <div className={`app-shell ${menuOpen ? 'menu-open' : ''}`}>
      <SkipLink />
      <header className="site-header">
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls={NAV_ID}
          onClick={() => setMenuOpen((open) => !open)}
        >
          <span aria-hidden="true">{menuOpen ? '✕' : '☰'}</span>
          <span className="visually-hidden">{menuOpen ? t('nav.closeMenu') : t('nav.menu')}</span>
        </button>
        <Brand />
        <div className="header-tools">
          <LanguageSwitch />
          <InboxBell />
          <UserMenu />
        </div>
      </header>
      <div className="app-body">
        <MainNav id={NAV_ID} onNavigate={() => setMenuOpen(false)} />
        <main id="main" ref={main} tabIndex={-1}>
          <PageOutlet />
        </main>
      </div>
      <Footer />
    </div>
  );
}
