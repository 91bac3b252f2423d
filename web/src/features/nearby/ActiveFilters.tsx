/** The filters in use, as chips under the toolbar; each chip's button removes that filter. */
import { useTranslation } from 'react-i18next';
import { RemovableChip } from '../../components';
import { withoutFilter, type FilterName, type NearbyFilters } from './filters';
import { useNearbyWords } from './useNearbyWords';

interface ActiveFiltersProps {
  filters: NearbyFilters;
  onChange: (filters: NearbyFilters) => void;
}

export function ActiveFilters({ filters, onChange }: ActiveFiltersProps) {
  const { t } = useTranslation();
  const words = useNearbyWords();
  const { ageMin, ageMax } = filters;

  const ageLabel =
    ageMin !== null && ageMax !== null
      ? t('nearby.filters.ageRange', { min: ageMin, max: ageMax })
      : ageMin !== null
        ? t('nearby.filters.ageAtLeast', { min: ageMin })
        : ageMax !== null
          ? t('nearby.filters.ageAtMost', { max: ageMax })
          : null;

  const chips: { name: FilterName; label: string }[] = [];
  if (filters.maxBand !== null && filters.maxBand !== '50km_plus') {
    chips.push({ name: 'maxBand', label: t(`nearby.filters.within.${filters.maxBand}`) });
  }
  if (ageLabel !== null) chips.push({ name: 'age', label: ageLabel });
  if (filters.gender !== null) chips.push({ name: 'gender', label: t(`genders.${filters.gender}`) });
  if (filters.onlineOnly) chips.push({ name: 'onlineOnly', label: t('nearby.filters.online') });
  if (filters.interest !== null) chips.push({ name: 'interest', label: words.interestLabel(filters.interest) });

  if (chips.length === 0) return null;
  return (
    <ul className="chips nearby-active-filters" aria-label={t('nearby.filters.active')}>
      {chips.map(({ name, label }) => (
        <li key={name}>
          <RemovableChip
            removeLabel={t('nearby.filters.remove', { filter: label })}
            onRemove={() => {
              onChange(withoutFilter(filters, name));
            }}
          >
            {label}
          </RemovableChip>
        </li>
      ))}
    </ul>
  );
}
