import { describe, expect, it } from 'vitest';
import { dayKey, dayName, formatDuration, formatListTime } from './chatFormat';

describe('formatDuration', () => {
  it('writes minutes and seconds', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(7_400)).toBe('0:07');
    expect(formatDuration(7_600)).toBe('0:08');
    expect(formatDuration(60_000)).toBe('1:00');
    expect(formatDuration(125_000)).toBe('2:05');
  });

  it('never goes below zero', () => {
    expect(formatDuration(-500)).toBe('0:00');
  });
});

describe('dayName', () => {
  const now = new Date(2026, 5, 15, 12, 0).getTime();

  it('names today and yesterday', () => {
    expect(dayName(new Date(2026, 5, 15, 0, 1).getTime(), now, 'en')).toEqual({ kind: 'today' });
    expect(dayName(new Date(2026, 5, 14, 23, 59).getTime(), now, 'en')).toEqual({ kind: 'yesterday' });
  });

  it('writes older days as dates, with the year only for other years', () => {
    const thisYear = dayName(new Date(2026, 2, 3, 9).getTime(), now, 'en');
    expect(thisYear.kind === 'date' && thisYear.text).toMatch(/March/);
    expect(thisYear.kind === 'date' && thisYear.text).not.toMatch(/2026/);
    const lastYear = dayName(new Date(2025, 2, 3, 9).getTime(), now, 'zh');
    expect(lastYear.kind === 'date' && lastYear.text).toMatch(/2025/);
  });

  it('keys instants by the calendar day', () => {
    expect(dayKey(new Date(2026, 5, 15, 0, 0).getTime())).toBe(dayKey(new Date(2026, 5, 15, 23, 59).getTime()));
    expect(dayKey(new Date(2026, 5, 15).getTime())).not.toBe(dayKey(new Date(2026, 5, 16).getTime()));
  });
});

describe('formatListTime', () => {
  const now = new Date(2026, 5, 15, 12, 0).getTime();

  it('shows the time for today and a date for long ago', () => {
    expect(formatListTime(new Date(2026, 5, 15, 9, 5).getTime(), now, 'en')).toMatch(/9:05/);
    expect(formatListTime(new Date(2026, 0, 2).getTime(), now, 'en')).toMatch(/Jan/);
    expect(formatListTime(new Date(2024, 0, 2).getTime(), now, 'en')).toMatch(/24/);
  });
});
