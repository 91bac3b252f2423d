/** The words for distances and reasons in the language on screen, for the cards and the why-line. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n';
import { curatedMatch, isCuratedInterest, languageName } from '../profiles';
import type { WhyWords } from './why';

export function useNearbyWords(): WhyWords {
  const { t } = useTranslation();
  const { language } = useLanguage();
  return useMemo(
    () => ({
      t,
      language,
      interestLabel: (tag: string) => {
        const curated = isCuratedInterest(tag) ? tag : curatedMatch(tag);
        return curated ? t(`interests.${curated}`) : tag;
      },
      languageLabel: (tag: string) => languageName(tag, language),
    }),
    [t, language],
  );
}
