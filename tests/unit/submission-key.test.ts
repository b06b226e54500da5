import { describe, expect, it } from 'vitest';
import { keyForForm, newSubmissionKey, SUBMISSION_FIELD, submissionKey } from '~/server/http/submission-key';

const form = (value?: string) => {
  const data = new FormData();
  if (value !== undefined) data.set(SUBMISSION_FIELD, value);
  return data;
};

// The hidden key that makes a form sent twice one submission (services/transactions.ts).
describe('the submission key of a parent form', () => {
  it('is new for each form shown, and read back from the form sent', () => {
    const a = newSubmissionKey();
    expect(a).not.toBe(newSubmissionKey());
    expect(submissionKey(form(a))).toBe(a);
  });

  it('ignores a missing or made-up key: the form is then saved as a new submission', () => {
    for (const value of [
      undefined,
      '',
      'short',
      'x'.repeat(65),
      'has spaces in it here',
      `${'../'.repeat(3)}etc/passwd1234`,
    ])
      expect(submissionKey(form(value)), String(value)).toBeUndefined();
  });

  it('keeps the key of a form shown again after a mistake, and makes a new one otherwise', () => {
    const sent = newSubmissionKey();
    expect(keyForForm(form(sent))).toBe(sent);
    expect(keyForForm(form('bad'))).not.toBe('bad');
    expect(keyForForm(null)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
