/**
 * i18next set-up: English and Simplified Chinese, picked from the browser, switchable and remembered.
 * Keeps <html lang> and the API's Accept-Language in step with the language on screen.
 */
import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next, useTranslation } from 'react-i18next';
import { languages, pickLanguage, type Language } from '@airtalk/contracts';
import { setApiLanguage } from '../lib/api';
import { localeFor } from '../lib/format';
import { en, type Messages } from './en';
import { zh } from './zh';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

const LANGUAGE_STORAGE_KEY = 'airtalk.language';

function applyLanguage(language: Language): void {
  document.documentElement.lang = localeFor(language);
  setApiLanguage(language);
}

export function setUpI18n(): typeof i18n {
  i18n.on('languageChanged', (tag) => {
    applyLanguage(pickLanguage(tag));
  });
  void i18n
    .use(LanguageDetector)
    .use(initReactI18next)
    .init({
      resources: { en: { translation: en }, zh: { translation: zh } },
      supportedLngs: [...languages],
      fallbackLng: 'en',
      initAsync: false,
      interpolation: { escapeValue: false },
      detection: {
        order: ['localStorage', 'navigator'],
        lookupLocalStorage: LANGUAGE_STORAGE_KEY,
        caches: ['localStorage'],
        // zh-CN, zh-Hans, zh-TW… all read the Simplified Chinese text; anything else falls back to English.
        convertDetectedLanguage: (tag) => pickLanguage(tag),
      },
    });
  return i18n;
}

/** The language currently on screen and a way to switch it, for components. */
export function useLanguage(): { language: Language; changeLanguage: (language: Language) => void } {
  const { i18n: instance } = useTranslation();
  return {
    language: pickLanguage(instance.resolvedLanguage ?? instance.language),
    changeLanguage: (language) => {
      void instance.changeLanguage(language);
    },
  };
}
