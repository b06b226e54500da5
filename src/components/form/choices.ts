import type { ShownError, Words } from './words';

/** One answer in a radios or checkboxes question: its value, label and hint. */
export interface Choice {
  value: string;
  label: Words;
  hint?: Words | undefined;
}

/** What a radios and a checkboxes question share (form/Radios.astro, form/Checkboxes.astro). */
export interface ChoicesProps {
  /** The answers' name; the first answer's id, and the start of the others' (`name-2`, …). */
  name: string;
  legend: Words;
  /** govuk-fieldset__legend--… size: "m" unless `small`, then "s"; the page's main question is "l". */
  legendSize?: 's' | 'm' | 'l' | undefined;
  /** Show the legend as the page's heading (a one-question page). */
  isHeading?: boolean | undefined;
  hint?: Words | undefined;
  choices: readonly Choice[];
  /** This question's error, or the form's errors (this question's is picked by name). */
  error?: ShownError | undefined;
  errors?: readonly ShownError[] | undefined;
  /** The GOV.UK small variant (govuk-radios--small), for the staff area's denser forms. */
  small?: boolean | undefined;
  inline?: boolean | undefined;
}

/**
 * Answers whose labels and hints are words written in the page (the staff
 * area, English only), not translation keys.
 */
export const writtenChoices = (
  choices: readonly { value: string; label: string; hint?: string | undefined }[],
): Choice[] =>
  choices.map(({ value, label, hint }) => ({
    value,
    label: { text: label },
    hint: hint === undefined ? undefined : { text: hint },
  }));
