/** The signed-in home: a greeting, the email reminder while it is needed, People nearby, and the account's settings. */
import { useTranslation } from 'react-i18next';
import { Avatar, Icon, List, ListIcon, ListItem } from '../../components';
import { useDocumentTitle } from '../../lib';
import { useMe, VerifyEmailBanner } from '../accounts';
import { SettingsLinks } from '../settings';
import './HomePage.css';

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  useDocumentTitle(undefined);
  return (
    <div className="page">
      <header className="home__header">
        <Avatar name={me.nickname} size="lg" />
        <div className="page__header">
          <h1 className="page__title">{t('home.greeting', { name: me.nickname })}</h1>
          <p className="page__lead">{t('home.lead')}</p>
        </div>
      </header>
      <VerifyEmailBanner />
      <List heading={t('nearby.homeHeading')}>
        <ListItem
          to="/nearby"
          leading={
            <ListIcon>
              <Icon name="users" />
            </ListIcon>
          }
          title={t('nearby.homeTitle')}
          subtitle={t('nearby.homeHint')}
        />
      </List>
      <SettingsLinks heading={t('home.accountHeading')} />
    </div>
  );
}
