/**
 * The bar on every page: the app's name (home), the language switcher and, when signed in, People
 * nearby, live rooms, chats (with the unread count), settings and sign out.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router';
import { Avatar, Button, Icon, useToast } from '../components';
import { useAuth } from '../features/accounts';
import { useUnreadCount } from '../features/chat';
import { LanguageSwitcher } from './LanguageSwitcher';

export function TopBar() {
  const { t } = useTranslation();
  const { me, signOut } = useAuth();
  const toast = useToast();
  const [signingOut, setSigningOut] = useState(false);
  const unread = useUnreadCount();

  const handleSignOut = async () => {
    setSigningOut(true);
    // Signed-in-only pages go home by themselves; public pages (the policy, say) stay open.
    await signOut('/').catch(() => undefined);
    setSigningOut(false);
    toast(t('shell.signedOut'));
  };

  return (
    <header className="topbar">
      <div className="topbar__inner">
        <Link to="/" className="topbar__brand">
          <svg className="topbar__logo" viewBox="0 0 64 64" aria-hidden="true" focusable="false">
            <rect width="64" height="64" rx="16" fill="currentColor" />
            <path
              d="M18 22a8 8 0 0 1 8-8h12a8 8 0 0 1 8 8v10a8 8 0 0 1-8 8h-7l-9 8v-8.6A8 8 0 0 1 18 32z"
              fill="var(--color-on-brand)"
            />
          </svg>
          <span className="topbar__name">{t('common.appName')}</span>
        </Link>
        <div className="topbar__actions">
          {me && (
            <nav className="topbar__nav" aria-label={t('shell.mainNav')}>
              <NavLink to="/nearby" className="topbar__nav-link">
                <Icon name="users" size={20} />
                <span className="topbar__nav-label">{t('nearby.nav')}</span>
              </NavLink>
              <NavLink to="/rooms" className="topbar__nav-link">
                <Icon name="radio" size={20} />
                <span className="topbar__nav-label">{t('rooms.nav')}</span>
              </NavLink>
              <NavLink
                to="/chats"
                className="topbar__nav-link"
                aria-label={unread > 0 ? t('chat.navUnread', { count: unread }) : undefined}
              >
                <span className="topbar__nav-icon">
                  <Icon name="message" size={20} />
                  {unread > 0 && (
                    <span className="topbar__badge" aria-hidden="true">
                      {unread > 99 ? '99+' : unread}
                    </span>
                  )}
                </span>
                <span className="topbar__nav-label">{t('chat.nav')}</span>
              </NavLink>
            </nav>
          )}
          <LanguageSwitcher />
          {me && (
            <>
              <Link to="/settings" className="topbar__avatar">
                <Avatar name={me.nickname} size="sm" />
                <span className="visually-hidden">{t('shell.openSettings')}</span>
              </Link>
              <Button
                variant="ghost"
                size="sm"
                className="topbar__sign-out"
                icon={<Icon name="logOut" size={18} />}
                loading={signingOut}
                onClick={() => void handleSignOut()}
              >
                {t('common.signOut')}
              </Button>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
