/**
 * The frame around every page: skip link, top bar, and the main area. While a new privacy policy
 * awaits acceptance the main area shows only that. After each navigation, focus moves to the new
 * page's heading so screen readers announce it.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, ScrollRestoration, useLocation } from 'react-router';
import { useAuth } from '../features/accounts';
import { PolicyGate } from './PolicyGate';
import { TopBar } from './TopBar';

export function Shell() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const previousPath = useRef(pathname);

  useEffect(() => {
    if (previousPath.current === pathname) return;
    previousPath.current = pathname;
    const heading = mainRef.current?.querySelector('h1');
    if (!heading) return;
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }, [pathname]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <TopBar />
      <main id="main" ref={mainRef} className="shell__main">
        {me?.policy.mustAccept ? <PolicyGate /> : <Outlet />}
      </main>
      <ScrollRestoration />
    </div>
  );
}
