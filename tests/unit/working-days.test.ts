import { describe, it, expect, afterEach } from 'vitest';
import {
  addCalendarDays,
  addMonths,
  addWorkingDays,
  bankHolidays,
  calendarDate,
  isBankHoliday,
  isCalendarDate,
  isWorkingDay,
  londonDate,
  parseCalendarDate,
} from '~/server/domain/working-days';

const d = parseCalendarDate;

describe('calendar dates', () => {
  it('makes real dates and refuses ones that do not exist', () => {
    expect(calendarDate(2027, 1, 5)).toBe('2027-01-05');
    expect(calendarDate(2028, 2, 29)).toBe('2028-02-29');
    expect(calendarDate(2027, 2, 29)).toBeNull();
    expect(calendarDate(2027, 2, 31)).toBeNull();
    expect(calendarDate(2027, 13, 1)).toBeNull();
    expect(calendarDate(2027, 0, 1)).toBeNull();
    expect(calendarDate(2027, 4, 31)).toBeNull();
    expect(calendarDate(2027, 1.5, 1)).toBeNull();
  });

  it('reads only YYYY-MM-DD', () => {
    expect(d('2026-12-24')).toBe('2026-12-24');
    expect(() => d('2027-02-31')).toThrow(RangeError);
    expect(() => d('2027-2-3')).toThrow(RangeError);
    expect(() => d('24/12/2026')).toThrow(RangeError);
    expect(isCalendarDate('2026-12-24')).toBe(true);
    expect(isCalendarDate('2026-12-32')).toBe(false);
  });
});

describe('bank holidays of England and Wales', () => {
  it('lists 2026 as GOV.UK does, with the Boxing Day substitute on Monday 28 December', () => {
    expect(bankHolidays(2026)).toEqual([
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-04',
      '2026-05-25',
      '2026-08-31',
      '2026-12-25',
      '2026-12-28',
    ]);
  });

  it('lists 2027 as GOV.UK does, with both Christmas substitutes on 27 and 28 December', () => {
    expect(bankHolidays(2027)).toEqual([
      '2027-01-01',
      '2027-03-26',
      '2027-03-29',
      '2027-05-03',
      '2027-05-31',
      '2027-08-30',
      '2027-12-27',
      '2027-12-28',
    ]);
  });

  it("does not count observances (Easter Sunday, Mother's Day) or Scottish holidays", () => {
    expect(isBankHoliday(d('2027-03-28'))).toBe(false); // Easter Sunday
    expect(isBankHoliday(d('2026-03-15'))).toBe(false); // Mother's Day
    expect(isBankHoliday(d('2027-01-04'))).toBe(false); // 2 January substitute: Scotland only
    expect(isBankHoliday(d('2026-11-30'))).toBe(false); // St Andrew's Day: Scotland only
  });
});

describe('working days', () => {
  it('are Monday to Friday, except bank holidays', () => {
    expect(isWorkingDay(d('2026-10-24'))).toBe(false); // Saturday
    expect(isWorkingDay(d('2026-10-25'))).toBe(false); // Sunday
    expect(isWorkingDay(d('2026-10-26'))).toBe(true);
    expect(isWorkingDay(d('2026-12-24'))).toBe(true); // Christmas Eve is a working day
    expect(isWorkingDay(d('2026-12-25'))).toBe(false);
    expect(isWorkingDay(d('2026-12-28'))).toBe(false); // substitute day
    expect(isWorkingDay(d('2026-12-31'))).toBe(true);
    expect(isWorkingDay(d('2027-01-01'))).toBe(false);
    expect(isWorkingDay(d('2027-03-26'))).toBe(false); // Good Friday
    expect(isWorkingDay(d('2027-03-29'))).toBe(false); // Easter Monday
  });

  it('counts over weekends both ways; the start day is not counted', () => {
    expect(addWorkingDays(d('2026-10-23'), 1)).toBe('2026-10-26'); // Fri → Mon
    expect(addWorkingDays(d('2026-10-26'), -1)).toBe('2026-10-23'); // Mon → Fri
    expect(addWorkingDays(d('2026-10-24'), 1)).toBe('2026-10-26'); // from a Saturday
    expect(addWorkingDays(d('2026-10-24'), -1)).toBe('2026-10-23');
    expect(addWorkingDays(d('2026-10-21'), 0)).toBe('2026-10-21');
    expect(addWorkingDays(d('2026-10-21'), 5)).toBe('2026-10-28');
  });

  it('skips Christmas and New Year: 2 working days before Tue 5 Jan 2027 is Thu 31 Dec 2026', () => {
    // Mon 4 Jan is 1; Fri 1 Jan is a bank holiday; Sat and Sun are skipped; Thu 31 Dec is 2.
    expect(addWorkingDays(d('2027-01-05'), -2)).toBe('2026-12-31');
    // From Christmas Eve, the next working day is Tue 29 Dec (25 Dec, the weekend and the 28 Dec substitute are skipped).
    expect(addWorkingDays(d('2026-12-24'), 1)).toBe('2026-12-29');
    expect(addWorkingDays(d('2027-12-24'), 1)).toBe('2027-12-29');
    expect(addWorkingDays(d('2027-12-29'), -1)).toBe('2027-12-24');
  });

  it('skips Good Friday and Easter Monday', () => {
    expect(addWorkingDays(d('2027-03-25'), 1)).toBe('2027-03-30');
    expect(addWorkingDays(d('2027-03-30'), -1)).toBe('2027-03-25');
    expect(addWorkingDays(d('2026-04-02'), 1)).toBe('2026-04-07');
  });

  it('refuses a part of a day', () => {
    expect(() => addWorkingDays(d('2026-10-21'), 1.5)).toThrow(RangeError);
  });
});

describe('calendar days and months', () => {
  it('count every day, across both clock changes and leap days', () => {
    expect(addCalendarDays(d('2026-10-24'), 2)).toBe('2026-10-26'); // clocks go back on 25 Oct 2026
    expect(addCalendarDays(d('2026-10-26'), -2)).toBe('2026-10-24');
    expect(addCalendarDays(d('2026-03-28'), 2)).toBe('2026-03-30'); // clocks go forward on 29 Mar 2026
    expect(addCalendarDays(d('2028-02-28'), 1)).toBe('2028-02-29');
    expect(addCalendarDays(d('2026-12-31'), 1)).toBe('2027-01-01');
  });

  it('add months, keeping to the last day of a shorter month', () => {
    expect(addMonths(d('2027-01-31'), 1)).toBe('2027-02-28');
    expect(addMonths(d('2027-11-30'), 3)).toBe('2028-02-29');
    expect(addMonths(d('2026-11-30'), 3)).toBe('2027-02-28');
    expect(addMonths(d('2027-03-31'), 6)).toBe('2027-09-30');
    expect(addMonths(d('2026-12-24'), 3)).toBe('2027-03-24');
    expect(addMonths(d('2026-10-05'), -3)).toBe('2026-07-05');
    expect(addMonths(d('2026-12-15'), 1)).toBe('2027-01-15');
  });
});

describe('the date in London at an instant', () => {
  it('follows GMT and BST across the clock changes', () => {
    // 25 Oct 2026 23:30 GMT: the clocks went back at 02:00 BST that morning.
    expect(londonDate(new Date('2026-10-25T23:30:00Z'))).toBe('2026-10-25');
    // 00:30 UTC on 25 Oct is 01:30 BST, still 25 Oct.
    expect(londonDate(new Date('2026-10-25T00:30:00Z'))).toBe('2026-10-25');
    // 24 Oct 23:30 UTC is 00:30 BST on 25 Oct.
    expect(londonDate(new Date('2026-10-24T23:30:00Z'))).toBe('2026-10-25');
    // 29 Mar 2026 23:30 UTC is 30 Mar 00:30 BST.
    expect(londonDate(new Date('2026-03-29T23:30:00Z'))).toBe('2026-03-30');
    // 28 Mar 2026 23:30 UTC is still GMT: 28 Mar.
    expect(londonDate(new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-28');
    expect(londonDate(new Date('2026-12-31T23:59:59Z'))).toBe('2026-12-31');
  });
});

describe('independence from the server time zone', () => {
  const saved = process.env.TZ;
  afterEach(() => {
    process.env.TZ = saved;
  });

  it('gives the same answers when the server runs in another zone', () => {
    for (const zone of ['America/Los_Angeles', 'Pacific/Kiritimati', 'UTC']) {
      process.env.TZ = zone;
      expect(addWorkingDays(d('2027-01-05'), -2)).toBe('2026-12-31');
      expect(addCalendarDays(d('2026-10-24'), 2)).toBe('2026-10-26');
      expect(addMonths(d('2027-01-31'), 1)).toBe('2027-02-28');
      expect(londonDate(new Date('2026-03-29T23:30:00Z'))).toBe('2026-03-30');
    }
  });
});
