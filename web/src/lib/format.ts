/**
 * Dates, durations and language names for people, in the UI language, through the built-in Intl APIs.
 */
import type { Language } from '@airtalk/contracts';

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** The tag for Intl and <html lang>: Chinese text is Simplified Chinese as written in mainland China. */
export function localeFor(language: Language): string {
  return language === 'zh' ? 'zh-CN' : 'en';
}

/** "5 minutes ago", "yesterday", "3 weeks ago": how long before `nowMs` the moment was. */
export function formatTimeAgo(isoInstant: string, nowMs: number, language: Language): string {
  const elapsedMs = Math.max(0, nowMs - Date.parse(isoInstant));
  const format = new Intl.RelativeTimeFormat(localeFor(language), { numeric: 'auto' });
  if (elapsedMs < MINUTE_MS) return format.format(0, 'second');
  if (elapsedMs < HOUR_MS) return format.format(-Math.floor(elapsedMs / MINUTE_MS), 'minute');
  if (elapsedMs < DAY_MS) return format.format(-Math.floor(elapsedMs / HOUR_MS), 'hour');
  if (elapsedMs < 7 * DAY_MS) return format.format(-Math.floor(elapsedMs / DAY_MS), 'day');
  if (elapsedMs < 30 * DAY_MS) return format.format(-Math.floor(elapsedMs / (7 * DAY_MS)), 'week');
  if (elapsedMs < 365 * DAY_MS) return format.format(-Math.floor(elapsedMs / (30 * DAY_MS)), 'month');
  return format.format(-Math.floor(elapsedMs / (365 * DAY_MS)), 'year');
}

/** "in 30 seconds", "in 5 minutes": a wait, rounded up so people never retry too early. */
export function formatWait(seconds: number, language: Language): string {
  const format = new Intl.RelativeTimeFormat(localeFor(language), { numeric: 'always' });
  if (seconds < 60) return format.format(Math.max(1, Math.ceil(seconds)), 'second');
  if (seconds < 3600) return format.format(Math.ceil(seconds / 60), 'minute');
  return format.format(Math.ceil(seconds / 3600), 'hour');
}

/** A calendar date ("YYYY-MM-DD") as people write it; read in UTC so no time zone shifts the day. */
export function formatCalendarDay(calendarDate: string, language: Language): string {
  const instant = Date.parse(`${calendarDate}T00:00:00Z`);
  if (Number.isNaN(instant)) return calendarDate;
  return new Intl.DateTimeFormat(localeFor(language), { dateStyle: 'long', timeZone: 'UTC' }).format(instant);
}

/** The day of an instant, in the viewer's own time zone. */
export function formatDay(isoInstant: string, language: Language): string {
  const instant = Date.parse(isoInstant);
  if (Number.isNaN(instant)) return isoInstant;
  return new Intl.DateTimeFormat(localeFor(language), { dateStyle: 'long' }).format(instant);
}

/** "English", "中文（中国）": a language tag named in the UI language; unknown tags stay as they are. */
export function formatLanguageName(tag: string, language: Language): string {
  try {
    return new Intl.DisplayNames([localeFor(language)], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}
