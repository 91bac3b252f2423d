import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageOn, birthdayAtAge, checkBirthDate, isAdultOn, parseCalendarDate, type CalendarDate } from './dates.js';

const day = (text: string): CalendarDate => {
  const parsed = parseCalendarDate(text);
  if (!parsed) throw new Error(text);
  return parsed;
};

describe('the adults-only rule', () => {
  it('counts the 18th birthday itself as adult, the day before as not', () => {
    expect(isAdultOn(day('2008-11-29'), day('2026-11-29'))).toBe(true);
    expect(isAdultOn(day('2008-11-30'), day('2026-11-29'))).toBe(false);
    expect(isAdultOn(day('2008-11-28'), day('2026-11-29'))).toBe(true);
  });

  it('moves a 29 February birthday to 1 March in years without one', () => {
    expect(birthdayAtAge(day('2008-02-29'), 18)).toEqual(day('2026-03-01'));
    expect(isAdultOn(day('2008-02-29'), day('2026-02-28'))).toBe(false);
    expect(isAdultOn(day('2008-02-29'), day('2026-03-01'))).toBe(true);
    expect(birthdayAtAge(day('2000-02-29'), 24)).toEqual(day('2024-02-29'));
    expect(isAdultOn(day('2010-02-29'.replace('2010', '2012')), day('2030-02-28'))).toBe(false);
    expect(isAdultOn(day('2012-02-29'), day('2030-03-01'))).toBe(true);
  });

  it('explains each problem with a birth date', () => {
    const today = day('2026-11-29');
    expect(checkBirthDate('2008-11-30', today)).toBe('birthDate.underage');
    expect(checkBirthDate('2027-01-01', today)).toBe('birthDate.future');
    expect(checkBirthDate('1899-12-31', today)).toBe('birthDate.tooOld');
    for (const bad of [
      '2001-02-29',
      '2000-13-01',
      '2000-00-10',
      '2000-04-31',
      '20000-01-01',
      '2000-1-1',
      '',
      'yesterday',
    ]) {
      expect(checkBirthDate(bad, today), bad).toBe('birthDate.invalid');
    }
    expect(checkBirthDate('2000-02-29', today)).toBeNull();
  });

  it('agrees with age in years for every pair of dates', () => {
    const date = fc.record({
      year: fc.integer({ min: 1900, max: 2100 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 28 }),
    });
    fc.assert(
      fc.property(date, date, (birth, today) => {
        expect(isAdultOn(birth, today)).toBe(ageOn(birth, today) >= 18);
      }),
    );
  });
});
