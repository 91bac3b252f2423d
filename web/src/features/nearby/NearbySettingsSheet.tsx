/**
 * "Location and visibility": where my location comes from (change it, or stop sharing it), and two
 * switches, each with one plain sentence: show me in nearby, and hide my distance.
 */
import type { MyLocationView, NearbySettings } from '@airtalk/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Icon, Sheet, Switch } from '../../components';
import { useLanguage } from '../../i18n';
import { formatTimeAgo, useNow } from '../../lib';
import { locationSourceText } from './locationText';

export type SettingName = keyof NearbySettings;

interface NearbySettingsSheetProps {
  open: boolean;
  onClose: () => void;
  location: MyLocationView;
  settings: NearbySettings;
  saving: SettingName | null;
  stopping: boolean;
  onToggle: (name: SettingName, value: boolean) => void;
  onChangeLocation: () => void;
  onStopSharing: () => void;
}

export function NearbySettingsSheet(props: NearbySettingsSheetProps) {
  const { open, onClose, location, settings, saving, stopping, onToggle, onChangeLocation, onStopSharing } = props;
  const { t } = useTranslation();
  const { language } = useLanguage();
  const now = useNow();
  const locationId = useId();
  const visibilityId = useId();
  const sharing = location.shared && settings.showInNearby;

  return (
    <Sheet open={open} onClose={onClose} title={t('nearby.settings.title')}>
      <div className="nearby-settings">
        <section className="nearby-settings__section" aria-labelledby={locationId}>
          <h3 id={locationId} className="nearby-settings__heading">
            {t('nearby.settings.locationHeading')}
          </h3>
          <div className="nearby-settings__source">
            <span className="nearby-settings__source-icon">
              <Icon name={location.source === 'city' ? 'building' : 'locate'} size={18} />
            </span>
            <div>
              <p className="nearby-settings__source-text">{locationSourceText(location, t)}</p>
              {location.shared && location.updatedAt && (
                <p className="muted text-sm">
                  {t('nearby.source.updated', { when: formatTimeAgo(location.updatedAt, now, language) })}
                </p>
              )}
            </div>
          </div>
          {sharing && (
            <>
              <div className="nearby-settings__actions">
                <Button variant="secondary" icon={<Icon name="locate" size={18} />} onClick={onChangeLocation}>
                  {t('nearby.settings.change')}
                </Button>
                <Button
                  variant="secondary"
                  icon={<Icon name="trash" size={18} />}
                  loading={stopping}
                  onClick={onStopSharing}
                >
                  {t('nearby.settings.stop')}
                </Button>
              </div>
              <p className="muted text-sm">{t('nearby.settings.stopHint')}</p>
            </>
          )}
        </section>
        <section className="nearby-settings__section" aria-labelledby={visibilityId}>
          <h3 id={visibilityId} className="nearby-settings__heading">
            {t('nearby.settings.visibilityHeading')}
          </h3>
          <div className="nearby-settings__switches">
            <Switch
              label={t('nearby.settings.showMe')}
              description={t('nearby.settings.showMeHint')}
              checked={settings.showInNearby}
              busy={saving === 'showInNearby'}
              onChange={(value) => {
                onToggle('showInNearby', value);
              }}
            />
            <Switch
              label={t('nearby.settings.hideDistance')}
              description={t('nearby.settings.hideDistanceHint')}
              checked={settings.hideDistance}
              busy={saving === 'hideDistance'}
              onChange={(value) => {
                onToggle('hideDistance', value);
              }}
            />
          </div>
        </section>
      </div>
    </Sheet>
  );
}
