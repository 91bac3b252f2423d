/** English / 中文: two toggle buttons, each written in its own language so everyone can find theirs. */
import type { Language } from '@airtalk/contracts';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../i18n';
import { localeFor } from '../lib';

const OPTIONS: readonly { language: Language; name: string }[] = [
  { language: 'en', name: 'English' },
  { language: 'zh', name: '中文' },
];

export function LanguageSwitcher() {
  const { t } = useTranslation();
  const { language, changeLanguage } = useLanguage();
  return (
    <div className="language-switcher" role="group" aria-label={t('shell.languageSwitcher')}>
      {OPTIONS.map((option) => (
        <button
          key={option.language}
          type="button"
          lang={localeFor(option.language)}
          className="language-switcher__option"
          aria-pressed={language === option.language}
          onClick={() => {
            changeLanguage(option.language);
          }}
        >
          {option.name}
        </button>
      ))}
    </div>
  );
}
