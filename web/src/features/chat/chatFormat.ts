/** Times and lengths as a chat shows them: "0:42" for a recording, "14:05" for a message, "Today" over a day's messages. */
import type { Language } from '@airtalk/contracts';
import { localeFor } from '../../lib';

/** "0:07", "1:00": minutes and seconds, rounded to the nearest second (at least one second). */
export function formatDuration(durationMs: number): string {
  const totalSeconds = Math.max(0, Math.round(durationMs / 1000));
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

/** The time of day a message was sent, in the viewer's time zone. */
export function formatClockTime(atMs: number, language: Language): string {
  return new Intl.DateTimeFormat(localeFor(language), { hour: 'numeric', minute: '2-digit' }).format(atMs);
}

/** The viewer's calendar day of an instant, as a key that two instants share only on the same day. */
export function dayKey(atMs: number): string {
  const date = new Date(atMs);
  return `${date.getFullYear()}-${date.getMonth() + 1}-${date.getDate()}`;
}

export type DayName = { kind: 'today' } | { kind: 'yesterday' } | { kind: 'date'; text: string };

/** "Today", "Yesterday", or the date (with the year only when it is not this year). */
export function dayName(atMs: number, nowMs: number, language: Language): DayName {
  if (dayKey(atMs) === dayKey(nowMs)) return { kind: 'today' };
  const yesterday = new Date(nowMs);
  yesterday.setDate(yesterday.getDate() - 1);
  if (dayKey(atMs) === dayKey(yesterday.getTime())) return { kind: 'yesterday' };
  const sameYear = new Date(atMs).getFullYear() === new Date(nowMs).getFullYear();
  const text = new Intl.DateTimeFormat(localeFor(language), {
    weekday: 'short',
    month: 'long',
    day: 'numeric',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(atMs);
  return { kind: 'date', text };
}

/**
 * When the last message of a chat was sent, as the list shows it: the time today, the weekday
 * this week, the date before that.
 */
export function formatListTime(atMs: number, nowMs: number, language: Language): string {
  const locale = localeFor(language);
  if (dayKey(atMs) === dayKey(nowMs)) return formatClockTime(atMs, language);
  const sixDaysMs = 6 * 24 * 60 * 60 * 1000;
  if (nowMs - atMs < sixDaysMs) return new Intl.DateTimeFormat(locale, { weekday: 'short' }).format(atMs);
  const sameYear = new Date(atMs).getFullYear() === new Date(nowMs).getFullYear();
  return new Intl.DateTimeFormat(locale, sameYear ? { month: 'short', day: 'numeric' } : { dateStyle: 'short' }).format(
    atMs,
  );
}
