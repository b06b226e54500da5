import { randomUUID } from 'node:crypto';

/**
 * The hidden field each parent form carries: a key made when the form is
 * shown. A second submission of the same form (a double click, a resend
 * after a lost connection, a retry) carries the same key, and the service
 * answers it with what the first one saved instead of saving again
 * (services/transactions.ts, `submissions`).
 */
export const SUBMISSION_FIELD = 'submission';

/** A new key for a form being shown. */
export function newSubmissionKey(): string {
  return randomUUID();
}

/** The key a submitted form carried, when it is one this portal could have made. */
export function submissionKey(form: FormData): string | undefined {
  const value = form.get(SUBMISSION_FIELD);
  return typeof value === 'string' && /^[A-Za-z0-9_-]{16,64}$/.test(value) ? value : undefined;
}

/**
 * The key for the form shown again: the submitted one when the submission
 * was not saved (a mistake to put right, so the corrected form is the same
 * submission), otherwise a new one.
 */
export function keyForForm(form: FormData | null): string {
  return (form && submissionKey(form)) || newSubmissionKey();
}
