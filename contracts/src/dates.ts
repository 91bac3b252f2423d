/**
 * Calendar-date arithmetic on "YYYY-MM-DD" strings, free of time zones, and the adults-only rule.
 */

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export const ADULT_AGE_YEARS = 18;
const EARLIEST_BIRTH_YEAR = 1900;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  const lengths = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return lengths[month - 1] ?? 0;
}

/** Parses a strict "YYYY-MM-DD" that names a real day; anything else is null. */
export function parseCalendarDate(text: string): CalendarDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function formatCalendarDate(date: CalendarDate): string {
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

export function compareCalendarDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/**
 * The day someone born on `birth` turns `years` old. A 29 February birthday falls on
 * 1 March in years that have no 29 February, as the law of most countries counts it.
 */
export function birthdayAtAge(birth: CalendarDate, years: number): CalendarDate {
  const year = birth.year + years;
  if (birth.month === 2 && birth.day === 29 && !isLeapYear(year)) return { year, month: 3, day: 1 };
  return { year, month: birth.month, day: birth.day };
}

/** True when a person born on `birth` is 18 or older on `today` (their 18th birthday counts). */
export function isAdultOn(birth: CalendarDate, today: CalendarDate): boolean {
  return compareCalendarDates(birthdayAtAge(birth, ADULT_AGE_YEARS), today) <= 0;
}

/** Completed years of age on `today`. */
export function ageOn(birth: CalendarDate, today: CalendarDate): number {
  let age = today.year - birth.year;
  if (compareCalendarDates(birthdayAtAge(birth, age), today) > 0) age -= 1;
  return age;
}

/** Today's calendar date in UTC, the one clock the whole product counts days by. */
export function utcCalendarDate(instant: Date): CalendarDate {
  return { year: instant.getUTCFullYear(), month: instant.getUTCMonth() + 1, day: instant.getUTCDate() };
}

export type BirthDateProblem = 'birthDate.invalid' | 'birthDate.future' | 'birthDate.tooOld' | 'birthDate.underage';

/** Checks a birth date for registration; null when it is acceptable. Shared by the form and the server. */
export function checkBirthDate(text: string, today: CalendarDate): BirthDateProblem | null {
  const birth = parseCalendarDate(text);
  if (!birth) return 'birthDate.invalid';
  if (compareCalendarDates(birth, today) > 0) return 'birthDate.future';
  if (birth.year < EARLIEST_BIRTH_YEAR) return 'birthDate.tooOld';
  if (!isAdultOn(birth, today)) return 'birthDate.underage';
  return null;
}
