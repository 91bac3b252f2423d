/**
 * Interests: curated tags to toggle (buttons with aria-pressed), the person's own tags as
 * removable chips, and a box to add one more. The contact-info guard runs on every tag added.
 */
import { curatedInterests, MAX_INTERESTS, TAG_MAX_LENGTH } from '@airtalk/contracts';
import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Field, Icon, RemovableChip, ToggleChip } from '../../components';
import { useLanguage } from '../../i18n';
import { contactInfoMessage } from './profileChecks';
import { addInterest, hasTag, isCuratedInterest, toggleTag, type AddInterestResult } from './tags';

interface InterestsFieldProps {
  interests: string[];
  onChange: (interests: string[]) => void;
  error: string | undefined;
  onError: (message: string | undefined) => void;
  /** Indexes of tags the last check or the server refused, shown in red. */
  badIndexes: readonly number[];
  /** The card's heading and description, which name and describe the chips. */
  headingId: string;
  descriptionId: string;
}

export function InterestsField(props: InterestsFieldProps) {
  const { interests, onChange, error, onError, badIndexes, headingId, descriptionId } = props;
  const { t } = useTranslation();
  const { language } = useLanguage();
  const countId = useId();
  const [draft, setDraft] = useState('');
  const full = interests.length >= MAX_INTERESTS;
  const own = interests.map((tag, index) => ({ tag, index })).filter(({ tag }) => !isCuratedInterest(tag));

  const problemMessage = (result: Exclude<AddInterestResult, { ok: true }>, typed: string): string | undefined => {
    switch (result.problem) {
      case 'empty':
        return undefined;
      case 'tooLong':
        return t('profileEdit.interestTooLong', { max: TAG_MAX_LENGTH });
      case 'duplicate':
        return t('profileEdit.interestDuplicate', { tag: typed.trim() });
      case 'full':
        return t('profileEdit.interestsFull', { max: MAX_INTERESTS });
    }
  };

  const add = () => {
    const contact = contactInfoMessage(draft, language);
    if (contact) {
      onError(contact);
      return;
    }
    const result = addInterest(interests, draft);
    if (!result.ok) {
      onError(problemMessage(result, draft));
      return;
    }
    onChange(result.interests);
    onError(undefined);
    setDraft('');
  };

  const addOnEnter = (event: KeyboardEvent<HTMLInputElement>) => {
    // Enter adds the tag here; it must not submit the whole profile.
    if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
    event.preventDefault();
    add();
  };

  return (
    <div className="interests">
      <p id={countId} className="interests__count">
        {t('profileEdit.interestsCount', { chosen: interests.length, max: MAX_INTERESTS })}
      </p>
      <div className="chips" role="group" aria-labelledby={headingId} aria-describedby={`${descriptionId} ${countId}`}>
        {curatedInterests.map((tag) => {
          const pressed = hasTag(interests, tag);
          return (
            <ToggleChip
              key={tag}
              pressed={pressed}
              disabled={!pressed && full}
              onToggle={() => {
                onChange(toggleTag(interests, tag, MAX_INTERESTS));
                onError(undefined);
              }}
            >
              {t(`interests.${tag}`)}
            </ToggleChip>
          );
        })}
      </div>
      {own.length > 0 && (
        <ul className="chips" aria-label={t('profileEdit.yourOwn')}>
          {own.map(({ tag, index }) => (
            <li key={tag}>
              <RemovableChip
                invalid={badIndexes.includes(index)}
                removeLabel={t('profileEdit.removeInterest', { tag })}
                onRemove={() => {
                  onChange(interests.filter((_, other) => other !== index));
                  onError(undefined);
                }}
              >
                {tag}
              </RemovableChip>
            </li>
          ))}
        </ul>
      )}
      <Field
        label={t('profileEdit.addInterest')}
        hint={t('profileEdit.addInterestHint', { max: TAG_MAX_LENGTH })}
        error={error}
      >
        {(control) => (
          <div className="interests__add">
            <input
              {...control}
              className="field__input"
              name="interest"
              enterKeyHint="done"
              autoComplete="off"
              value={draft}
              onChange={(event) => {
                setDraft(event.target.value);
                if (error) onError(undefined);
              }}
              onKeyDown={addOnEnter}
              onBlur={() => {
                const contact = contactInfoMessage(draft, language);
                if (contact) onError(contact);
              }}
            />
            <Button variant="secondary" icon={<Icon name="plus" size={18} />} onClick={add}>
              {t('profileEdit.add')}
            </Button>
          </div>
        )}
      </Field>
    </div>
  );
}
