/**
 * The languages people pick most, stored as BCP-47 tags and offered under their own names so
 * everyone finds theirs, and how any stored tag is named for a reader.
 */
import type { Language } from '@airtalk/contracts';
import { formatLanguageName } from '../../lib';

export interface SpokenLanguage {
  tag: string;
  /** The language's name for itself. */
  autonym: string;
}

export const commonLanguages: readonly SpokenLanguage[] = [
  { tag: 'en', autonym: 'English' },
  { tag: 'zh-CN', autonym: '简体中文' },
  { tag: 'zh-TW', autonym: '繁體中文' },
  { tag: 'yue', autonym: '粵語' },
  { tag: 'ja', autonym: '日本語' },
  { tag: 'ko', autonym: '한국어' },
  { tag: 'es', autonym: 'Español' },
  { tag: 'fr', autonym: 'Français' },
  { tag: 'de', autonym: 'Deutsch' },
  { tag: 'pt', autonym: 'Português' },
  { tag: 'it', autonym: 'Italiano' },
  { tag: 'ru', autonym: 'Русский' },
  { tag: 'vi', autonym: 'Tiếng Việt' },
  { tag: 'th', autonym: 'ไทย' },
  { tag: 'id', autonym: 'Bahasa Indonesia' },
  { tag: 'ar', autonym: 'العربية' },
];

/** Chinese is offered by script; readers see "Simplified Chinese" rather than "Chinese (China)". */
const NAMED_BY_SCRIPT: Readonly<Record<string, string>> = { 'zh-CN': 'zh-Hans', 'zh-TW': 'zh-Hant' };

/** A stored tag named in the reader's language: "Japanese", "简体中文"; unknown tags stay as they are. */
export function languageName(tag: string, language: Language): string {
  return formatLanguageName(NAMED_BY_SCRIPT[tag] ?? tag, language);
}

/** The picker's choices: the common languages, then any other the profile already holds. */
export function languageChoices(selected: readonly string[]): SpokenLanguage[] {
  const known = new Set(commonLanguages.map((choice) => choice.tag));
  const others = selected.filter((tag) => !known.has(tag)).map((tag) => ({ tag, autonym: tag }));
  return [...commonLanguages, ...others];
}
