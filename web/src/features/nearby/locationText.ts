/** "Using your device's location", "Using Shanghai": where my shared location came from, never where it is. */
import { cities, type MyLocationView } from '@airtalk/contracts';
import type { TFunction } from 'i18next';

export function locationSourceText(location: MyLocationView, t: TFunction): string {
  if (!location.shared || location.source === null) return t('nearby.source.none');
  if (location.source === 'device') return t('nearby.source.device');
  const { cityId } = location;
  const city =
    cityId !== null && Object.hasOwn(cities, cityId) ? t(`nearby.cities.${cityId as keyof typeof cities}`) : cityId;
  return city ? t('nearby.source.city', { city }) : t('nearby.source.none');
}
