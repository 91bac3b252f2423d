/**
 * Filters for the nearby list, in a sheet: farthest distance, age range, gender, online now and
 * one interest (a suggestion or the person's own words). Nothing changes until "Show people".
 */
import { NEARBY_AGE_MAX, NEARBY_AGE_MIN, TAG_MAX_LENGTH, curatedInterests } from '@airtalk/contracts';
import { useId, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, SelectField, Sheet, Switch, TextField } from '../../components';
import { curatedMatch } from '../profiles';
import { genderChoices, maxBandChoices, noFilters, orderedAges, tidyInterest, type NearbyFilters } from './filters';
import { useNearbyWords } from './useNearbyWords';

const AGES = Array.from({ length: NEARBY_AGE_MAX - NEARBY_AGE_MIN + 1 }, (_, index) => NEARBY_AGE_MIN + index);

/** One end of the age range: any age, or 18 to 99. */
function AgeSelect(props: {
  label: string;
  anyLabel: string;
  value: number | null;
  onChange: (age: number | null) => void;
}) {
  return (
    <SelectField
      label={props.label}
      value={props.value ?? ''}
      onChange={(event) => {
        props.onChange(event.target.value === '' ? null : Number(event.target.value));
      }}
    >
      <option value="">{props.anyLabel}</option>
      {AGES.map((age) => (
        <option key={age} value={age}>
          {age}
        </option>
      ))}
    </SelectField>
  );
}

interface FiltersSheetProps {
  open: boolean;
  filters: NearbyFilters;
  onClose: () => void;
  onApply: (filters: NearbyFilters) => void;
}

/** Mount it afresh for each opening (a new `key`), so the form starts from the filters in use. */
export function FiltersSheet({ open, filters, onClose, onApply }: FiltersSheetProps) {
  const { t } = useTranslation();
  const words = useNearbyWords();
  const formId = useId();
  const suggestionsId = useId();
  const [draft, setDraft] = useState<NearbyFilters>(filters);
  const [interest, setInterest] = useState(filters.interest === null ? '' : words.interestLabel(filters.interest));

  const change = (patch: Partial<NearbyFilters>) => {
    setDraft((current) => ({ ...current, ...patch }));
  };

  const apply = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const typed = tidyInterest(interest);
    const [ageMin, ageMax] = orderedAges(draft.ageMin, draft.ageMax);
    // "Hiking" and "徒步" both mean the curated interest, stored by its id.
    onApply({ ...draft, ageMin, ageMax, interest: typed === null ? null : (curatedMatch(typed) ?? typed) });
  };

  const clear = () => {
    onApply(noFilters);
  };

  return (
    <Sheet
      open={open}
      onClose={onClose}
      title={t('nearby.filters.title')}
      footer={
        <>
          <Button variant="secondary" onClick={clear}>
            {t('nearby.filters.clear')}
          </Button>
          <Button type="submit" form={formId}>
            {t('nearby.filters.apply')}
          </Button>
        </>
      }
    >
      <form id={formId} className="form" noValidate onSubmit={apply}>
        <SelectField
          label={t('nearby.filters.distance')}
          value={draft.maxBand ?? ''}
          onChange={(event) => {
            const band = maxBandChoices.find((choice) => choice === event.target.value);
            change({ maxBand: band ?? null });
          }}
        >
          <option value="">{t('nearby.filters.anyDistance')}</option>
          {maxBandChoices.map((band) => (
            <option key={band} value={band}>
              {t(`nearby.filters.within.${band}`)}
            </option>
          ))}
        </SelectField>
        <div className="nearby-filters__ages">
          <AgeSelect
            label={t('nearby.filters.ageFrom')}
            anyLabel={t('nearby.filters.anyAge')}
            value={draft.ageMin}
            onChange={(ageMin) => {
              change({ ageMin });
            }}
          />
          <AgeSelect
            label={t('nearby.filters.ageTo')}
            anyLabel={t('nearby.filters.anyAge')}
            value={draft.ageMax}
            onChange={(ageMax) => {
              change({ ageMax });
            }}
          />
        </div>
        <SelectField
          label={t('nearby.filters.gender')}
          value={draft.gender ?? ''}
          onChange={(event) => {
            const gender = genderChoices.find((choice) => choice === event.target.value);
            change({ gender: gender ?? null });
          }}
        >
          <option value="">{t('nearby.filters.anyGender')}</option>
          {genderChoices.map((gender) => (
            <option key={gender} value={gender}>
              {t(`genders.${gender}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('nearby.filters.interest')}
          hint={t('nearby.filters.interestHint')}
          value={interest}
          maxLength={TAG_MAX_LENGTH}
          list={suggestionsId}
          autoComplete="off"
          enterKeyHint="search"
          onChange={(event) => {
            setInterest(event.target.value);
          }}
        />
        <datalist id={suggestionsId}>
          {curatedInterests.map((tag) => (
            <option key={tag} value={words.interestLabel(tag)} />
          ))}
        </datalist>
        <div className="nearby-filters__switch">
          <Switch
            label={t('nearby.filters.onlineOnly')}
            description={t('nearby.filters.onlineOnlyHint')}
            checked={draft.onlineOnly}
            onChange={(onlineOnly) => {
              change({ onlineOnly });
            }}
          />
        </div>
      </form>
    </Sheet>
  );
}
