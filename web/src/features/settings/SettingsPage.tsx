/** /settings: who is signed in, and the way to the profile, security, privacy and blocked people. */
import { useTranslation } from 'react-i18next';
import { Avatar, Badge } from '../../components';
import { useLanguage } from '../../i18n';
import { formatDay, useDocumentTitle } from '../../lib';
import { useMe } from '../accounts';
import { SettingsLinks } from './SettingsLinks';
import './SettingsPage.css';

export function SettingsPage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const me = useMe();
  useDocumentTitle(t('settings.title'));
  return (
    <div className="page">
      <header className="page__header">
        <h1 className="page__title">{t('settings.title')}</h1>
      </header>
      <section className="profile-card" aria-label={me.nickname}>
        <Avatar name={me.nickname} size="lg" />
        <div className="profile-card__text">
          <p className="profile-card__name">{me.nickname}</p>
          <p className="profile-card__email">
            {me.email}
            {me.emailVerified && <Badge tone="success">{t('settings.verified')}</Badge>}
          </p>
          <p className="profile-card__since">
            {t('settings.memberSince', { date: formatDay(me.createdAt, language) })}
          </p>
        </div>
      </section>
      <SettingsLinks />
    </div>
  );
}
