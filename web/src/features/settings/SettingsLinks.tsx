/** The entries of the settings menu, shared by the settings page and the home screen. */
import { useTranslation } from 'react-i18next';
import { Icon, List, ListIcon, ListItem } from '../../components';
import { useMe } from '../accounts';

export function SettingsLinks({ heading }: { heading?: string }) {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <List heading={heading}>
      <ListItem
        to="/settings/profile"
        leading={
          <ListIcon>
            <Icon name="user" />
          </ListIcon>
        }
        title={t('settings.profile')}
        subtitle={t('settings.profileHint')}
      />
      <ListItem
        to="/settings/public-page"
        leading={
          <ListIcon>
            <Icon name="globe" />
          </ListIcon>
        }
        title={t('settings.publicPage')}
        subtitle={t('settings.publicPageHint')}
      />
      <ListItem
        to="/settings/security"
        leading={
          <ListIcon>
            <Icon name="lock" />
          </ListIcon>
        }
        title={t('settings.security')}
        subtitle={t('settings.securityHint')}
      />
      <ListItem
        to="/settings/privacy"
        leading={
          <ListIcon>
            <Icon name="shield" />
          </ListIcon>
        }
        title={t('settings.privacy')}
        subtitle={t('settings.privacyHint')}
      />
      <ListItem
        to="/settings/blocked"
        leading={
          <ListIcon>
            <Icon name="ban" />
          </ListIcon>
        }
        title={t('settings.blocked')}
        subtitle={t('settings.blockedHint')}
      />
      <ListItem
        to="/policy"
        leading={
          <ListIcon>
            <Icon name="fileText" />
          </ListIcon>
        }
        title={t('settings.policy')}
        subtitle={t('settings.policyHint', { version: me.policy.acceptedVersion })}
      />
    </List>
  );
}
