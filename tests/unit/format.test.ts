import { describe, it, expect } from 'vitest';
import { formatOpeningHours, formatTime } from '~/i18n/format';
import { getT } from '~/i18n';
import { formatDateTime, formatInstantDate } from '~/components/account/format';

const hours = [
  { days: ['mon', 'tue', 'wed', 'thu'] as const, opens: '08:30', closes: '17:00' },
  { days: ['fri'] as const, opens: '08:30', closes: '16:30' },
];

describe('opening hours in the reader language', () => {
  it('reads naturally in English', () => {
    const rows = formatOpeningHours(
      hours.map((h) => ({ ...h, days: [...h.days] })),
      'en',
      getT('en'),
    );
    expect(rows[0]).toMatch(/^Monday\s*–\s*Thursday: 8:30\sam to 5:00\spm$/i);
    expect(rows[1]).toMatch(/^Friday: 8:30\sam to 4:30\spm$/i);
  });
  it('uses Polish day names and the 24-hour clock', () => {
    const rows = formatOpeningHours(
      hours.map((h) => ({ ...h, days: [...h.days] })),
      'pl',
      getT('pl'),
    );
    expect(rows[1]).toBe('piątek: od 8:30 do 16:30');
  });
  it('formats times for Arabic readers', () => {
    expect(formatTime('17:00', 'ar')).not.toBe('17:00');
  });
  it('dates Persian pages by the Gregorian calendar of the council letters, in Persian digits', () => {
    // Intl's own calendar for fa is the Solar Hijri one: 3 December 2026 would be ۱۲ آذر ۱۴۰۵.
    const day = formatInstantDate(new Date('2026-12-03T12:00:00Z'), 'fa');
    expect(day).toBe('۳ دسامبر ۲۰۲۶');
    expect(formatDateTime(new Date('2026-12-03T10:00:00Z'), 'fa')).toContain('۲۰۲۶');
    // Pashto too: Gregorian months in Pashto, Eastern Arabic digits.
    expect(formatInstantDate(new Date('2026-12-03T12:00:00Z'), 'ps')).toMatch(/^(?=.*۲۰۲۶)(?=.*دسمبر)(?!.*۱۴۰۵)/);
  });
});
