/**
 * How far away someone is, and why someone was recommended, in the reader's language: "1–5 km",
 * "In your area", "2 shared interests · < 1 km". The server sends reasons as data; the words are ours.
 */
import { distanceBandLabels, type DistanceBand, type Language, type RecommendationReason } from '@airtalk/contracts';
import type { TFunction } from 'i18next';

/** How many reasons fit on the one line under a recommendation; the server sends the strongest first. */
export const WHY_LINE_REASONS = 2;

export interface WhyWords {
  t: TFunction;
  language: Language;
  /** A curated interest id in the reader's language; free tags as they are. */
  interestLabel: (tag: string) => string;
  /** A language tag named in the reader's language. */
  languageLabel: (tag: string) => string;
}

/** A person's distance band, or "In your area" when they hide their distance. */
export function distanceLabel(band: DistanceBand | null, t: TFunction, language: Language): string {
  return band === null ? t('nearby.inYourArea') : distanceBandLabels[band][language];
}

/** One reason in words: a single shared interest or language is named, more are counted. */
export function reasonText(reason: RecommendationReason, words: WhyWords): string {
  const { t, language } = words;
  switch (reason.kind) {
    case 'sharedInterests': {
      const [only] = reason.interests;
      return reason.count === 1 && only !== undefined
        ? t('nearby.why.oneInterest', { interest: words.interestLabel(only) })
        : t('nearby.why.sharedInterests', { count: reason.count });
    }
    case 'sharedLanguages': {
      const [only] = reason.languages;
      return reason.count === 1 && only !== undefined
        ? t('nearby.why.oneLanguage', { language: words.languageLabel(only) })
        : t('nearby.why.sharedLanguages', { count: reason.count });
    }
    case 'distance':
      return distanceBandLabels[reason.band][language];
    case 'inYourArea':
      return t('nearby.inYourArea');
    case 'recentlyActive':
      return t('nearby.why.recentlyActive');
  }
}

/** The line under a recommendation: its first reasons joined, or empty when there are none. */
export function whyLine(reasons: readonly RecommendationReason[], words: WhyWords, max = WHY_LINE_REASONS): string {
  const parts: string[] = [];
  for (const reason of reasons) {
    // Nothing said twice: a count of zero says nothing, and one distance is enough.
    if ((reason.kind === 'sharedInterests' || reason.kind === 'sharedLanguages') && reason.count < 1) continue;
    const text = reasonText(reason, words);
    if (text !== '' && !parts.includes(text)) parts.push(text);
    if (parts.length >= max) break;
  }
  return parts.join(words.t('nearby.why.separator'));
}
