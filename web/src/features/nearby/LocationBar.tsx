/** The strip above the list: where my location comes from, how fresh it is, and the way to my settings. */
import type { MyLocationView } from '@airtalk/contracts';
import { useTranslation } from 'react-i18next';
import { Button, Icon } from '../../components';
import { useLanguage } from '../../i18n';
import { formatTimeAgo, useNow } from '../../lib';
import { locationSourceText } from './locationText';

interface LocationBarProps {
  location: MyLocationView;
  onOpenSettings: () => void;
}

export function LocationBar({ location, onOpenSettings }: LocationBarProps) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const now = useNow();
  return (
    <div className="location-bar">
      <span className="location-bar__icon">
        <Icon name={location.source === 'city' ? 'building' : 'locate'} size={20} />
      </span>
      <div className="location-bar__text">
        <p className="location-bar__source">{locationSourceText(location, t)}</p>
        {location.updatedAt && (
          <p className="location-bar__updated">
            {t('nearby.source.updated', { when: formatTimeAgo(location.updatedAt, now, language) })}
          </p>
        )}
      </div>
      <Button
        variant="secondary"
        size="sm"
        className="location-bar__settings"
        icon={<Icon name="shield" size={16} />}
        onClick={onOpenSettings}
      >
        {t('nearby.settings.open')}
      </Button>
    </div>
  );
}
