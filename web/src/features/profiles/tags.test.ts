import { curatedInterests, MAX_INTERESTS, TAG_MAX_LENGTH } from '@airtalk/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import { zh } from '../../i18n/zh';
import { addInterest, curatedMatch, hasTag, isCuratedInterest, normaliseTag, sameTag, toggleTag } from './tags';

const full = Array.from({ length: MAX_INTERESTS }, (_, index) => `tag ${index}`);

describe('curated interests', () => {
  it('have a label in both languages', () => {
    for (const tag of curatedInterests) {
      expect(en.interests[tag].trim()).not.toBe('');
      expect(zh.interests[tag].trim()).not.toBe('');
    }
  });

  it('are recognised by key only', () => {
    expect(isCuratedInterest('hiking')).toBe(true);
    expect(isCuratedInterest('Hiking')).toBe(false);
    expect(isCuratedInterest('toString')).toBe(false);
  });

  it('are found by their key or their name in either language, in any case', () => {
    expect(curatedMatch('hiking')).toBe('hiking');
    expect(curatedMatch('  HIKING ')).toBe('hiking');
    expect(curatedMatch('徒步')).toBe('hiking');
    expect(curatedMatch('Board games')).toBe('board_games');
    expect(curatedMatch('board_games')).toBe('board_games');
    expect(curatedMatch('#Music')).toBe('music');
    expect(curatedMatch('hotpot')).toBeUndefined();
  });
});

describe('normaliseTag', () => {
  it('trims, squeezes inner spaces and drops a leading hash', () => {
    expect(normaliseTag('  street   food ')).toBe('street food');
    expect(normaliseTag('#hotpot')).toBe('hotpot');
    expect(normaliseTag('＃火锅')).toBe('火锅');
    expect(normaliseTag(' \t ')).toBe('');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string(), (raw) => {
        expect(normaliseTag(normaliseTag(raw))).toBe(normaliseTag(raw));
      }),
    );
  });
});

describe('sameTag and hasTag', () => {
  it('compare without case or extra spaces', () => {
    expect(sameTag('Street Food', ' street food')).toBe(true);
    expect(sameTag('tea', 'team')).toBe(false);
    expect(hasTag(['Jazz', 'tea'], 'jazz')).toBe(true);
    expect(hasTag([], 'jazz')).toBe(false);
  });
});

describe('toggleTag', () => {
  it('adds a missing tag and removes a present one', () => {
    expect(toggleTag(['music'], 'travel', 5)).toEqual(['music', 'travel']);
    expect(toggleTag(['music', 'travel'], 'music', 5)).toEqual(['travel']);
    expect(toggleTag(['Jazz'], 'jazz', 5)).toEqual([]);
  });

  it('never grows past the limit, but can always remove', () => {
    expect(toggleTag(['en', 'ja'], 'ko', 2)).toEqual(['en', 'ja']);
    expect(toggleTag(['en', 'ja'], 'ja', 2)).toEqual(['en']);
  });

  it('leaves the list it was given alone', () => {
    const list = ['music'];
    toggleTag(list, 'travel', 5);
    toggleTag(list, 'music', 5);
    expect(list).toEqual(['music']);
  });

  it('keeps any list within its limit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f')),
        fc.integer({ min: 0, max: 4 }),
        (steps, max) => {
          let list: string[] = [];
          for (const tag of steps) list = toggleTag(list, tag, max);
          expect(list.length).toBeLessThanOrEqual(max);
          expect(new Set(list).size).toBe(list.length);
        },
      ),
    );
  });
});

describe('addInterest', () => {
  it('adds a tidied free tag', () => {
    expect(addInterest(['music'], '  street   food ')).toEqual({
      ok: true,
      interests: ['music', 'street food'],
      tag: 'street food',
    });
  });

  it('stores a curated tag by its key when its name is typed', () => {
    expect(addInterest([], '徒步')).toEqual({ ok: true, interests: ['hiking'], tag: 'hiking' });
    expect(addInterest(['hiking'], 'Hiking')).toEqual({ ok: false, problem: 'duplicate' });
  });

  it('ignores blank input', () => {
    expect(addInterest([], '   ')).toEqual({ ok: false, problem: 'empty' });
    expect(addInterest([], '#')).toEqual({ ok: false, problem: 'empty' });
  });

  it('refuses a tag over the contract’s length, and accepts one at it', () => {
    expect(addInterest([], 'x'.repeat(TAG_MAX_LENGTH + 1))).toEqual({ ok: false, problem: 'tooLong' });
    expect(addInterest([], 'x'.repeat(TAG_MAX_LENGTH)).ok).toBe(true);
  });

  it('refuses the same tag in another case', () => {
    expect(addInterest(['Jazz'], 'jazz')).toEqual({ ok: false, problem: 'duplicate' });
  });

  it('stops at the contract’s limit', () => {
    expect(addInterest(full, 'one more')).toEqual({ ok: false, problem: 'full' });
    expect(addInterest(full.slice(1), 'one more').ok).toBe(true);
  });
});
