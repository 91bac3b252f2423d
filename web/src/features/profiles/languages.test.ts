import { MAX_LANGUAGES } from '@airtalk/contracts';
import { describe, expect, it } from 'vitest';
import { commonLanguages, languageChoices, languageName } from './languages';

/** The contract's pattern for a language tag. */
const TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;

describe('commonLanguages', () => {
  it('are valid, distinct tags the server accepts', () => {
    const tags = commonLanguages.map((choice) => choice.tag);
    for (const tag of tags) expect(tag).toMatch(TAG);
    expect(new Set(tags).size).toBe(tags.length);
    expect(tags.length).toBeGreaterThan(MAX_LANGUAGES);
  });

  it('name each language in itself', () => {
    expect(commonLanguages.find((choice) => choice.tag === 'zh-CN')?.autonym).toBe('简体中文');
    expect(commonLanguages.find((choice) => choice.tag === 'ja')?.autonym).toBe('日本語');
  });
});

describe('languageName', () => {
  it('names a tag in the reader’s language', () => {
    expect(languageName('ja', 'en')).toBe('Japanese');
    expect(languageName('ja', 'zh')).toBe('日语');
  });

  it('names Chinese by its script', () => {
    expect(languageName('zh-CN', 'en')).toBe('Simplified Chinese');
    expect(languageName('zh-TW', 'zh')).toBe('繁体中文');
  });

  it('keeps a tag it cannot name as it is', () => {
    expect(languageName('not a tag', 'en')).toBe('not a tag');
  });
});

describe('languageChoices', () => {
  it('offers the common languages, then any other the profile holds', () => {
    const choices = languageChoices(['en', 'sw']);
    expect(choices.slice(0, commonLanguages.length)).toEqual(commonLanguages);
    expect(choices.at(-1)).toEqual({ tag: 'sw', autonym: 'sw' });
    expect(languageChoices(['en'])).toEqual(commonLanguages);
  });
});
