import { describe, expect, it } from 'vitest';
import { parseForm, type FieldError } from '~/server/http/forms';
import { inEnglish } from '~/server/http/staff-forms';
import { caseForm } from '~/server/forms/case';
import { childForm } from '~/server/forms/child';
import { conferenceForm } from '~/server/forms/conference';
import { exclusionForm } from '~/server/forms/exclusion';
import { outcomeForm } from '~/server/forms/outcome';
import { parentForm } from '~/server/forms/parent';
import { reportForm } from '~/server/forms/report';
import { newStaffForm } from '~/server/forms/staff-member';
import { appCodeForm, staffCodeForm, staffSignInForm } from '~/server/forms/sign-in';
import { getT } from '~/i18n';

const form = (entries: [string, string][]) => {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return data;
};
const en = getT('en');

/** Each problem as [field, English message]; every message a key the staff file has. */
function problems(errors: FieldError[]): [string, string][] {
  for (const e of errors) {
    expect(e.key, e.field).toMatch(/^(staff|security):/);
    expect(en(e.key, e.vars ?? {}), e.key).not.toBe(e.key.replace(/^\w+:/, ''));
  }
  return inEnglish(errors).map((e) => [e.field, e.message]);
}

// The staff area's forms (src/server/forms/): messages are translation keys in locales/en/staff.json, shown in English.
describe('staff-area forms', () => {
  it('asks for a case reference made of letters, numbers, spaces, dashes and slashes', () => {
    const empty = parseForm(caseForm, form([['reference', ' ']]));
    expect(!empty.ok && problems(empty.errors)).toEqual([['reference', 'Enter the case reference']]);
    const odd = parseForm(caseForm, form([['reference', 'CP<2026>']]));
    expect(!odd.ok && problems(odd.errors)).toEqual([
      ['reference', 'Use only letters, numbers, spaces, dashes and slashes'],
    ]);
    const long = parseForm(caseForm, form([['reference', 'A'.repeat(41)]]));
    expect(!long.ok && problems(long.errors)).toEqual([['reference', 'The reference must be 40 characters or fewer']]);
    const ok = parseForm(caseForm, form([['reference', ' CP-2026/0147 ']]));
    expect(ok.ok && ok.data).toEqual({ reference: 'CP-2026/0147' });
  });

  it('asks for a child’s first name and a real date of birth not in the future', () => {
    const empty = parseForm(childForm, form([]));
    expect(!empty.ok && problems(empty.errors)).toEqual([
      ['firstName', 'Enter the child’s first name'],
      ['dateOfBirth', 'Enter the child’s date of birth'],
    ]);
    const bad = parseForm(
      childForm,
      form([
        ['firstName', 'Sam'],
        ['dateOfBirth', '2019-02-30'],
      ]),
    );
    expect(!bad.ok && problems(bad.errors)).toEqual([['dateOfBirth', 'Enter a real date, like 2019-03-27']]);
    const future = parseForm(
      childForm,
      form([
        ['firstName', 'Sam'],
        ['dateOfBirth', '2999-01-01'],
      ]),
    );
    expect(!future.ok && problems(future.errors)).toEqual([
      ['dateOfBirth', 'The date of birth must be today or in the past'],
    ]);
  });

  it('asks for a parent’s name, email, language and household, and takes a UK mobile or none', () => {
    const empty = parseForm(parentForm, form([['mobile', '12345']]));
    expect(!empty.ok && problems(empty.errors)).toEqual([
      ['name', 'Enter the parent or carer’s full name'],
      ['email', 'Enter their email address'],
      ['preferredLanguage', 'Choose the language they read best'],
      ['sharesHousehold', 'Say whether they live with the other parent or carer'],
      ['mobile', 'Enter a UK mobile number, like 07123 456789, or leave it empty'],
    ]);
    const ok = parseForm(
      parentForm,
      form([
        ['name', 'Alex Doe'],
        ['email', 'alex@example.test'],
        ['preferredLanguage', 'pl'],
        ['sharesHousehold', 'no'],
      ]),
    );
    expect(ok.ok && ok.data).toMatchObject({ name: 'Alex Doe', preferredLanguage: 'pl', sharesHousehold: false });
  });

  it('checks a conference’s date, time, length, place and children, and a review’s first conference', () => {
    const bad = parseForm(
      conferenceForm,
      form([
        ['type', 'review'],
        ['date', '2026-12-03'],
        ['time', '25:00'],
        ['durationMinutes', '20'],
        ['onlineLink', 'http://example.test'],
        ['chairName', ''],
      ]),
      ['children'],
    );
    expect(!bad.ok && problems(bad.errors)).toEqual([
      ['time', 'Enter the start time, like 10:00'],
      ['durationMinutes', 'It must be at least 30 minutes'],
      ['onlineLink', 'Enter the link to join online, starting with https://'],
      ['chairName', 'Enter the chair’s name'],
      ['children', 'Choose the children the conference is about'],
    ]);
    const review = parseForm(
      conferenceForm,
      form([
        ['type', 'review'],
        ['date', '2026-12-03'],
        ['time', '10:00'],
        ['durationMinutes', '90'],
        ['chairName', 'Pat Chair'],
        ['children', 'c1'],
        ['initialConferenceDate', '2026-12-10'],
      ]),
      ['children'],
    );
    expect(!review.ok && problems(review.errors)).toEqual([
      ['venue', 'Enter the place, or a link to join online, or both'],
      ['initialConferenceDate', 'The first conference must be before this one'],
    ]);
  });

  it('asks for the chair’s reason and, for part of a conference, which part', () => {
    const bad = parseForm(
      exclusionForm,
      form([
        ['parentId', 'p1'],
        ['scope', 'part'],
        ['reason', 'Shouting at staff'],
      ]),
    );
    expect(!bad.ok && problems(bad.errors)).toEqual([['partDescription', 'Say which part they may not attend']]);
    const none = parseForm(exclusionForm, form([['scope', 'all']]));
    expect(!none.ok && problems(none.errors)).toEqual([
      ['parentId', 'Choose the parent or carer'],
      ['reason', 'Enter the chair’s reason'],
    ]);
  });

  it('asks for the outcome, and a category for a child protection plan', () => {
    const bad = parseForm(outcomeForm, form([['outcome', 'cp-plan']]));
    expect(!bad.ok && problems(bad.errors)).toEqual([['category', 'Choose the category of the child protection plan']]);
    const none = parseForm(outcomeForm, form([]));
    expect(!none.ok && problems(none.errors)).toEqual([['outcome', 'Choose the outcome']]);
  });

  it('asks for a report’s title and agency', () => {
    const bad = parseForm(reportForm, form([['title', 'T'.repeat(151)]]), ['parents']);
    expect(!bad.ok && problems(bad.errors)).toEqual([
      ['title', 'The title must be 150 characters or fewer'],
      ['agency', 'Enter who wrote it, like Children’s social care or the school'],
    ]);
  });

  it('asks for a new member’s name, a well-formed email and a role', () => {
    const bad = parseForm(newStaffForm, form([['email', 'nope']]));
    expect(!bad.ok && problems(bad.errors)).toEqual([
      ['name', "Enter the person's full name"],
      ['email', 'Enter an email address in the correct format, like name@council.gov.uk'],
      ['role', 'Choose a role'],
    ]);
  });

  it('asks at sign-in for a work email address, the code from the email and the first app code', () => {
    const empty = parseForm(staffSignInForm, form([['email', ' ']]));
    expect(!empty.ok && problems(empty.errors)).toEqual([['email', 'Enter your work email address']]);
    const odd = parseForm(staffSignInForm, form([['email', 'jo@']]));
    expect(!odd.ok && problems(odd.errors)).toEqual([
      ['email', 'Enter an email address in the correct format, like name@council.gov.uk'],
    ]);
    expect(parseForm(staffSignInForm, form([['email', ' jo@council.gov.uk ']]))).toMatchObject({
      ok: true,
      data: { email: 'jo@council.gov.uk' },
    });
    // The code page gives the message the code's length.
    for (const typed of ['', '12345', 'abcdef']) {
      const bad = parseForm(staffCodeForm, form([['code', typed]]));
      expect(!bad.ok && bad.errors.map((e) => en(e.key, { length: 6 }))).toEqual([
        'Enter the 6 numbers from the email',
      ]);
    }
    expect(parseForm(staffCodeForm, form([['code', '123 456']]))).toMatchObject({ ok: true, data: { code: '123456' } });
    const app = parseForm(appCodeForm, form([['code', '12 34']]));
    expect(!app.ok && problems(app.errors)).toEqual([['code', 'Enter the 6 numbers your authenticator app shows']]);
    expect(parseForm(appCodeForm, form([['code', '123 456']]))).toMatchObject({ ok: true, data: { code: '123456' } });
  });
});
