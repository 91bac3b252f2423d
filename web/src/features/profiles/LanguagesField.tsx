/** Languages spoken: the common ones as toggle chips, each written in its own language, up to the limit. */
import { MAX_LANGUAGES } from '@airtalk/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon, ToggleChip } from '../../components';
import { languageChoices } from './languages';
import { hasTag, toggleTag } from './tags';

interface LanguagesFieldProps {
  languages: string[];
  onChange: (languages: string[]) => void;
  error: string | undefined;
  headingId: string;
  descriptionId: string;
}

export function LanguagesField({ languages, onChange, error, headingId, descriptionId }: LanguagesFieldProps) {
  const { t } = useTranslation();
  const countId = useId();
  const errorId = useId();
  const full = languages.length >= MAX_LANGUAGES;
  return (
    <div className="interests">
      <p id={countId} className="interests__count">
        {t('profileEdit.languagesCount', { chosen: languages.length, max: MAX_LANGUAGES })}
      </p>
      <div
        className="chips"
        role="group"
        aria-labelledby={headingId}
        aria-describedby={[descriptionId, countId, error ? errorId : null].filter(Boolean).join(' ')}
      >
        {languageChoices(languages).map(({ tag, autonym }) => {
          const pressed = hasTag(languages, tag);
          return (
            <ToggleChip
              key={tag}
              lang={tag}
              pressed={pressed}
              disabled={!pressed && full}
              onToggle={() => {
                onChange(toggleTag(languages, tag, MAX_LANGUAGES));
              }}
            >
              {autonym}
            </ToggleChip>
          );
        })}
      </div>
      {error && (
        <p className="field__error" id={errorId}>
          <Icon name="alert" size={16} />
          <span>{error}</span>
        </p>
      )}
    </div>
  );
}
