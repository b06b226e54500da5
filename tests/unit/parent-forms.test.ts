import { describe, expect, it } from 'vitest';
import { parseForm } from '~/server/http/forms';
import { attendanceForm, VIEWS_MAX, viewsOnlyForm } from '~/server/forms/attendance';
import { complaintForm } from '~/server/forms/complaint';
import { interpreterForm } from '~/server/forms/interpreter';
import { supporterForm } from '~/server/forms/supporter';
import { getT } from '~/i18n';
import { errorText } from '~/components/account/format';
import { codeForm } from '~/server/forms/sign-in';

const form = (entries: [string, string][]) => {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return data;
};
const en = getT('en');

// Each form's rules, with messages that are translation keys the English file has.
describe('parent-area forms', () => {
  it('asks for a supporter name, relationship, solicitor answer and a phone or email', () => {
    const result = parseForm(
      supporterForm,
      form([
        ['name', ' '],
        ['relationship', ''],
        ['phone', ''],
        ['email', ''],
      ]),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.field, e.key])).toEqual([
      ['name', 'account:supporter.error.name.required'],
      ['relationship', 'account:supporter.error.relationship.required'],
      ['isSolicitor', 'account:supporter.error.isSolicitor.required'],
      ['phone', 'account:supporter.error.contact.required'],
    ]);
    for (const e of result.errors) expect(en(e.key)).not.toBe(e.key.replace('account:', ''));
  });

  it('checks a supporter phone number and email address, and keeps what was typed', () => {
    const result = parseForm(
      supporterForm,
      form([
        ['name', 'Jo'],
        ['relationship', 'sister'],
        ['isSolicitor', 'no'],
        ['phone', '12345'],
        ['email', 'not an email'],
      ]),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.field)).toEqual(['phone', 'email']);
    expect(result.values).toMatchObject({ phone: '12345', email: 'not an email', name: 'Jo' });
    const ok = parseForm(
      supporterForm,
      form([
        ['name', 'Jo'],
        ['relationship', 'sister'],
        ['isSolicitor', 'yes'],
        ['phone', '+44 7946 000000'],
        ['email', ''],
      ]),
    );
    expect(ok.ok && ok.data).toEqual({
      name: 'Jo',
      relationship: 'sister',
      isSolicitor: 'yes',
      phone: '+44 7946 000000',
      email: null,
    });
  });

  it('asks who an interpreter is for, and for at least one meeting', () => {
    const result = parseForm(
      interpreterForm,
      form([
        ['language', 'Polish'],
        ['forWhom', 'other'],
        ['preferredGender', 'any'],
      ]),
      ['when'],
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.key)).toEqual([
      'account:interpreter.error.forWhomOther.required',
      'account:interpreter.error.when.required',
    ]);
    const ok = parseForm(
      interpreterForm,
      form([
        ['language', 'BSL'],
        ['forWhom', 'me'],
        ['preferredGender', 'male'],
        ['when', 'conference'],
        ['when', 'chairMeeting'],
      ]),
      ['when'],
    );
    expect(ok.ok && ok.data.when).toEqual(['conference', 'chairMeeting']);
  });

  it('refuses views over the limit with the limit in the message, keeping the text', () => {
    const long = 'a'.repeat(VIEWS_MAX + 1);
    const result = parseForm(
      attendanceForm,
      form([
        ['mode', 'online'],
        ['views', long],
      ]),
      ['needs'],
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      { field: 'views', key: 'account:attendance.error.views.tooLong', vars: { count: VIEWS_MAX } },
    ]);
    expect(result.values.views).toBe(long);
    expect(errorText(result.errors[0]!, en, 'en')).toContain('5,000 characters or fewer');
  });

  it('writes a code form’s messages with their values, a small count choosing the plural form (Arabic “two”)', () => {
    // The sign-in code page's messages: the code's length, and the tries left after a wrong code.
    const empty = parseForm(codeForm, form([['code', '12']]));
    expect(empty.ok).toBe(false);
    if (empty.ok) return;
    expect(errorText({ ...empty.errors[0]!, vars: { length: 6 } }, en, 'en')).toBe(
      'Enter the 6 numbers from the email',
    );
    const ar = getT('ar');
    const twoLeft = errorText({ field: 'code', key: 'auth:code.errorWrong', vars: { count: 2 } }, ar, 'ar');
    expect(twoLeft).toContain('محاولتان');
    const oneLeft = errorText({ field: 'code', key: 'auth:code.errorWrong', vars: { count: 1 } }, en, 'en');
    expect(oneLeft).toContain('You can try 1 more time.');
  });

  it('counts a line break as one character, as the character count does', () => {
    const text = `${'a'.repeat(VIEWS_MAX - 2)}\r\nb`;
    const result = parseForm(viewsOnlyForm, form([['views', text]]));
    expect(result.ok && result.data.views).toBe(`${'a'.repeat(VIEWS_MAX - 2)}\nb`);
  });

  it('asks what a complaint is about and what happened', () => {
    const result = parseForm(complaintForm, form([['details', '  ']]));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.key)).toEqual([
      'account:complaint.error.about.required',
      'account:complaint.error.details.required',
    ]);
  });
});
