import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCalendarDay, formatDay, formatLanguageName, formatTimeAgo, formatWait, localeFor } from './format';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const NOW = Date.parse('2024-06-15T12:00:00.000Z');

/** The ISO instant `ms` milliseconds before NOW. */
const ago = (ms: number) => new Date(NOW - ms).toISOString();

describe('localeFor', () => {
  it('writes Chinese as mainland Simplified Chinese and English as plain English', () => {
    expect(localeFor('zh')).toBe('zh-CN');
    expect(localeFor('en')).toBe('en');
  });
});

describe('formatTimeAgo', () => {
  it.each([
    [0, 'now'],
    [59 * SECOND, 'now'],
    [MINUTE, '1 minute ago'],
    [5 * MINUTE + 30 * SECOND, '5 minutes ago'],
    [59 * MINUTE, '59 minutes ago'],
    [HOUR, '1 hour ago'],
    [23 * HOUR + 59 * MINUTE, '23 hours ago'],
    [DAY, 'yesterday'],
    [6 * DAY, '6 days ago'],
    [7 * DAY, 'last week'],
    [29 * DAY, '4 weeks ago'],
    [30 * DAY, 'last month'],
    [364 * DAY, '12 months ago'],
    [365 * DAY, 'last year'],
    [3 * 365 * DAY, '3 years ago'],
  ])('says %d ms ago is "%s"', (elapsed, expected) => {
    expect(formatTimeAgo(ago(elapsed), NOW, 'en')).toBe(expected);
  });

  it('treats a moment in the future, such as from a skewed clock, as now', () => {
    expect(formatTimeAgo(ago(-5 * MINUTE), NOW, 'en')).toBe('now');
  });

  it('reads instants with a time zone offset', () => {
    expect(formatTimeAgo('2024-06-15T13:00:00+02:00', NOW, 'en')).toBe('1 hour ago');
  });

  it('speaks Chinese', () => {
    expect(formatTimeAgo(ago(0), NOW, 'zh')).toBe('现在');
    expect(formatTimeAgo(ago(5 * MINUTE), NOW, 'zh')).toBe('5分钟前');
    expect(formatTimeAgo(ago(DAY), NOW, 'zh')).toBe('昨天');
  });

  it('never says a past moment is in the future', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50 * 365 * DAY }),
        fc.constantFrom('en' as const, 'zh' as const),
        (elapsed, language) => {
          const text = formatTimeAgo(ago(elapsed), NOW, language);
          expect(text).not.toMatch(/^in |后$/);
        },
      ),
    );
  });
});

describe('formatWait', () => {
  it.each([
    [0, 'in 1 second'],
    [-3, 'in 1 second'],
    [0.2, 'in 1 second'],
    [1, 'in 1 second'],
    [30, 'in 30 seconds'],
    [59, 'in 59 seconds'],
    [60, 'in 1 minute'],
    [61, 'in 2 minutes'],
    [3599, 'in 60 minutes'],
    [3600, 'in 1 hour'],
    [3601, 'in 2 hours'],
    [86_400, 'in 24 hours'],
  ])('says a wait of %d seconds is "%s"', (seconds, expected) => {
    expect(formatWait(seconds, 'en')).toBe(expected);
  });

  it('speaks Chinese', () => {
    expect(formatWait(30, 'zh')).toBe('30秒钟后');
    expect(formatWait(120, 'zh')).toBe('2分钟后');
  });

  it('never rounds a wait down, so people never retry too early', () => {
    const unit = { second: 1, seconds: 1, minute: 60, minutes: 60, hour: 3600, hours: 3600 } as const;
    fc.assert(
      fc.property(fc.double({ min: 0, max: 7 * 86_400, noNaN: true }), (seconds) => {
        const match = /^in (\d+) (second|seconds|minute|minutes|hour|hours)$/.exec(formatWait(seconds, 'en'));
        expect(match).not.toBeNull();
        const [, count, name] = match!;
        expect(Number(count) * unit[name as keyof typeof unit]).toBeGreaterThanOrEqual(seconds);
      }),
    );
  });
});

describe('formatCalendarDay', () => {
  it('writes the date in the UI language', () => {
    expect(formatCalendarDay('2024-03-01', 'en')).toBe('March 1, 2024');
    expect(formatCalendarDay('2024-03-01', 'zh')).toBe('2024年3月1日');
  });

  it('keeps the same day whatever the time zone, at the ends of the year', () => {
    expect(formatCalendarDay('2023-12-31', 'en')).toBe('December 31, 2023');
    expect(formatCalendarDay('2024-01-01', 'en')).toBe('January 1, 2024');
  });

  it('shows anything that is not a date as it is', () => {
    expect(formatCalendarDay('not a date', 'en')).toBe('not a date');
    expect(formatCalendarDay('', 'en')).toBe('');
    expect(formatCalendarDay('2024-13-01', 'en')).toBe('2024-13-01');
  });

  it('writes every valid date with its own year and day', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }),
        (date) => {
          const calendarDate = date.toISOString().slice(0, 10);
          const [year, , day] = calendarDate.split('-');
          const text = formatCalendarDay(calendarDate, 'en');
          expect(text.endsWith(`, ${year}`)).toBe(true);
          expect(text).toContain(` ${Number(day)},`);
        },
      ),
    );
  });
});

describe('formatDay', () => {
  it('writes the day of an instant in the viewer’s own time zone', () => {
    const instant = '2024-03-01T23:30:00.000Z';
    const local = new Date(instant);
    const expected = formatCalendarDay(
      [local.getFullYear(), local.getMonth() + 1, local.getDate()]
        .map((part) => String(part).padStart(2, '0'))
        .join('-'),
      'en',
    );
    expect(formatDay(instant, 'en')).toBe(expected);
  });

  it('writes the date in the UI language', () => {
    expect(formatDay('2024-03-01T12:00:00Z', 'en')).toMatch(/^(February 29|March 1|March 2), 2024$/);
    expect(formatDay('2024-03-01T12:00:00Z', 'zh')).toMatch(/^2024年[23]月\d{1,2}日$/);
  });

  it('shows anything that is not an instant as it is', () => {
    expect(formatDay('yesterday', 'en')).toBe('yesterday');
    expect(formatDay('', 'zh')).toBe('');
  });
});

describe('formatLanguageName', () => {
  it('names languages in the UI language', () => {
    expect(formatLanguageName('en', 'en')).toBe('English');
    expect(formatLanguageName('fr', 'en')).toBe('French');
    expect(formatLanguageName('zh-CN', 'zh')).toBe('中文（中国）');
    expect(formatLanguageName('en', 'zh')).toBe('英语');
  });

  it('keeps tags it cannot name or read', () => {
    expect(formatLanguageName('xx', 'en')).toBe('xx');
    expect(formatLanguageName('not a tag!', 'en')).toBe('not a tag!');
  });

  it('never throws, whatever the tag', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('en' as const, 'zh' as const), (tag, language) => {
        expect(typeof formatLanguageName(tag, language)).toBe('string');
      }),
    );
  });
});
