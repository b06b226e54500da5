import { describe, expect, it } from 'vitest';
import { asciiDigits } from '~/i18n/digits';
import { codeField } from '~/server/forms/sign-in';
import { parseForm } from '~/server/http/forms';
import { supporterForm } from '~/server/forms/supporter';
import { parseTimelineQuery } from '~/pages/[lang]/timeline/_query';
import { parseCalendarDate } from '~/server/domain/working-days';

// A parent types numbers on their own keyboard: Bengali, Arabic, Urdu or Panjabi digits.
describe('numbers typed in the reader’s own digits', () => {
  it('reads Bengali, Arabic-Indic, Urdu, Gurmukhi, Gujarati, Tamil, Devanagari and full-width digits as 0 to 9', () => {
    expect(asciiDigits('২৪ ১২ ২০২৬')).toBe('24 12 2026');
    expect(asciiDigits('٠١٢٣٤٥٦٧٨٩')).toBe('0123456789');
    expect(asciiDigits('۲۴')).toBe('24');
    expect(asciiDigits('੨੪')).toBe('24');
    expect(asciiDigits('૦૧૨૩૪૫૬૭૮૯')).toBe('0123456789');
    expect(asciiDigits('௦௧௨௩௪௫௬௭௮௯')).toBe('0123456789');
    expect(asciiDigits('२४')).toBe('24');
    expect(asciiDigits('２４')).toBe('24');
    expect(asciiDigits('Room 4, ৫ম তলা')).toBe('Room 4, 5ম তলা');
  });

  it('accepts a sign-in code typed in Arabic, Bengali, Gujarati or Tamil digits', () => {
    expect(codeField.parse('٤٨٢ ٩١٣')).toBe('482913');
    expect(codeField.parse('৪৮২৯১৩')).toBe('482913');
    expect(codeField.parse('૪૮૨ ૯૧૩')).toBe('482913');
    expect(codeField.parse('௪௮௨ ௯௧௩')).toBe('482913');
  });

  it('accepts a supporter phone number typed in Urdu digits', () => {
    const result = parseForm(
      supporterForm,
      (() => {
        const data = new FormData();
        for (const [k, v] of [
          ['name', 'Sara'],
          ['relationship', 'sister'],
          ['isSolicitor', 'no'],
          ['phone', '۰۷۹۴۶ ۰۰۰۰۰۰'],
          ['email', ''],
        ] as const)
          data.append(k, v);
        return data;
      })(),
    );
    expect(result.ok && result.data.phone).toBe('07946 000000');
  });

  it('reads a conference date typed in Bengali digits in the timeline form, and keeps it as typed', () => {
    const r = parseTimelineQuery(
      new URLSearchParams('type=initial&conference-day=২৪&conference-month=১২&conference-year=২০২৬'),
      parseCalendarDate('2026-11-01'),
    );
    expect(r).toMatchObject({ ok: true, conferenceDate: '2026-12-24' });
    expect(r.values.conference.day).toBe('২৪');
  });
});
