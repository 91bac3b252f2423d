/** The signed-in home: a greeting, the email reminder while it is needed, People nearby, live rooms and chats, and the account's settings. */
import { useTranslation } from 'react-i18next';
import { Avatar, Badge, Icon, List, ListIcon, ListItem } from '../../components';
import { useDocumentTitle } from '../../lib';
import { useMe, VerifyEmailBanner } from '../accounts';
import { useUnreadCount } from '../chat';
import { ROOMS_PATH } from '../rooms';
import { SettingsLinks } from '../settings';
import './HomePage.css';

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const unread = useUnreadCount();
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
        <ListItem
          to={ROOMS_PATH}
          leading={
            <ListIcon>
              <Icon name="radio" />
            </ListIcon>
          }
          title={t('rooms.homeTitle')}
          subtitle={t('rooms.homeHint')}
        />
        <ListItem
          to="/chats"
          leading={
            <ListIcon>
              <Icon name="message" />
            </ListIcon>
          }
          title={t('chat.homeTitle')}
          subtitle={t('chat.homeHint')}
          trailing={unread > 0 ? <Badge>{t('chat.list.unread', { count: unread })}</Badge> : undefined}
        />
      </List>
      <SettingsLinks heading={t('home.accountHeading')} />
    </div>
  );
}
