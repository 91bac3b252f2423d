/** One purpose's switch: what it allows, what is lost when it is off, and when it last changed. */
import { sensitivePermissionPurposes, type ConsentPurpose, type ConsentView } from '@airtalk/contracts';
import { useTranslation } from 'react-i18next';
import { Icon, ListIcon, Switch, type IconName } from '../../components';
import { useLanguage } from '../../i18n';
import { formatTimeAgo } from '../../lib';

const ICONS: Record<ConsentPurpose, IconName> = {
  location: 'mapPin',
  camera: 'video',
  microphone: 'mic',
  marketing_email: 'mail',
  personalized_ads: 'megaphone',
  analytics: 'chart',
};

const needsBrowserPermission = (purpose: ConsentPurpose) =>
  (sensitivePermissionPurposes as readonly ConsentPurpose[]).includes(purpose);

interface ConsentSwitchProps {
  consent: ConsentView;
  now: number;
  saving: boolean;
  onChange: (purpose: ConsentPurpose, granted: boolean) => void;
}

export function ConsentSwitch({ consent, now, saving, onChange }: ConsentSwitchProps) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { purpose } = consent;
  return (
    <li className="consent">
      <Switch
        leading={
          <ListIcon>
            <Icon name={ICONS[purpose]} />
          </ListIcon>
        }
        label={t(`consents.purposes.${purpose}.label`)}
        description={
          <>
            <span>{t(`consents.purposes.${purpose}.allows`)}</span>
            <span>{t(`consents.purposes.${purpose}.whenOff`)}</span>
            {needsBrowserPermission(purpose) && <span>{t('consents.browserAsks')}</span>}
            {consent.updatedAt && (
              <span className="consent__changed">
                {t('consents.changed', { when: formatTimeAgo(consent.updatedAt, now, language) })}
              </span>
            )}
          </>
        }
        checked={consent.granted}
        busy={saving}
        onChange={(granted) => {
          onChange(purpose, granted);
        }}
      />
    </li>
  );
}
