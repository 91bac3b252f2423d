/** Room words shared by the screens: language names and the end of a ban, in the language on screen. */
import type { RoomLanguage } from '@airtalk/contracts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n';
import { formatWait, localeFor } from '../../lib';

const DAY_MS = 24 * 60 * 60 * 1000;

export function useRoomWords() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  return useMemo(
    () => ({
      languageLabel: (room: RoomLanguage) => t(`rooms.languages.${room}`),
      /** "You can come back in 45 minutes." or, for a long ban, the day and time it ends. */
      comeBack: (untilMs: number | null, nowMs: number) => {
        if (untilMs === null || untilMs <= nowMs) return t('rooms.gone.comeBackLater');
        if (untilMs - nowMs < DAY_MS) {
          return t('rooms.gone.comeBackIn', { when: formatWait((untilMs - nowMs) / 1000, language) });
        }
        const when = new Intl.DateTimeFormat(localeFor(language), { dateStyle: 'medium', timeStyle: 'short' }).format(
          untilMs,
        );
        return t('rooms.gone.comeBackAt', { when });
      },
    }),
    [t, language],
  );
}
