import type { RecommendationReason } from '@airtalk/contracts';
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import { zh } from '../../i18n/zh';
import { distanceLabel, whyLine, type WhyWords } from './why';

let words: { en: WhyWords; zh: WhyWords };

beforeAll(async () => {
  const instance = i18next.createInstance();
  await instance.init({
    resources: { en: { translation: en }, zh: { translation: zh } },
    lng: 'en',
    interpolation: { escapeValue: false },
  });
  const wordsFor = (language: 'en' | 'zh'): WhyWords => ({
    t: instance.getFixedT(language),
    language,
    interestLabel: (tag) => (tag === 'hiking' ? (language === 'en' ? 'Hiking' : '徒步') : tag),
    languageLabel: (tag) => (tag === 'fr' ? (language === 'en' ? 'French' : '法语') : tag),
  });
  words = { en: wordsFor('en'), zh: wordsFor('zh') };
});

const interests = (count: number, list: string[] = []): RecommendationReason => ({
  kind: 'sharedInterests',
  count,
  interests: list,
});

describe('whyLine', () => {
  it('says what we share and how far, in either language', () => {
    const reasons: RecommendationReason[] = [interests(2, ['hiking', 'tea']), { kind: 'distance', band: 'lt1km' }];
    expect(whyLine(reasons, words.en)).toBe('2 shared interests · < 1 km');
    expect(whyLine(reasons, words.zh)).toBe('2 个共同兴趣 · 1 公里内');
  });

  it('names a single shared interest or language', () => {
    expect(whyLine([interests(1, ['hiking'])], words.en)).toBe('Also likes Hiking');
    expect(whyLine([interests(1, ['hiking'])], words.zh)).toBe('也喜欢徒步');
    const language: RecommendationReason = { kind: 'sharedLanguages', count: 1, languages: ['fr'] };
    expect(whyLine([language], words.en)).toBe('Also speaks French');
    expect(whyLine([language], words.zh)).toBe('也会说法语');
  });

  it('counts when there is no list to name from', () => {
    expect(whyLine([interests(1)], words.en)).toBe('1 shared interest');
    expect(whyLine([{ kind: 'sharedLanguages', count: 3, languages: ['fr', 'de', 'ja'] }], words.en)).toBe(
      '3 shared languages',
    );
    expect(whyLine([{ kind: 'sharedLanguages', count: 3, languages: [] }], words.zh)).toBe('3 种共同语言');
  });

  it('words the other reasons', () => {
    expect(whyLine([{ kind: 'inYourArea' }, { kind: 'recentlyActive' }], words.en)).toBe(
      'In your area · Active recently',
    );
    expect(whyLine([{ kind: 'inYourArea' }, { kind: 'recentlyActive' }], words.zh)).toBe('就在附近 · 最近活跃');
    expect(whyLine([{ kind: 'distance', band: '50km_plus' }], words.en)).toBe('50+ km');
  });

  it('keeps to one short line: the first reasons, no repeats, no empty counts', () => {
    const reasons: RecommendationReason[] = [
      interests(0),
      { kind: 'inYourArea' },
      { kind: 'inYourArea' },
      { kind: 'recentlyActive' },
      { kind: 'distance', band: '1to5km' },
    ];
    expect(whyLine(reasons, words.en)).toBe('In your area · Active recently');
    expect(whyLine(reasons, words.en, 3)).toBe('In your area · Active recently · 1–5 km');
  });

  it('is empty without reasons', () => {
    expect(whyLine([], words.en)).toBe('');
  });
});

describe('distanceLabel', () => {
  it('shows the band, or "In your area" when the person hides their distance', () => {
    expect(distanceLabel('1to5km', words.en.t, 'en')).toBe('1–5 km');
    expect(distanceLabel('1to5km', words.zh.t, 'zh')).toBe('1–5 公里');
    expect(distanceLabel(null, words.en.t, 'en')).toBe('In your area');
    expect(distanceLabel(null, words.zh.t, 'zh')).toBe('就在附近');
  });
});
