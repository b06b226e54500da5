import { z } from 'zod';
import type { ComplaintAbout } from '~/server/db/schema';
import { requiredLongText } from './text';

const E = 'account:complaint.error';
export const COMPLAINT_ABOUT = ['process', 'decision', 'professional'] as const satisfies readonly ComplaintAbout[];
export const COMPLAINT_DETAILS_MAX = 5000;

/** The complaint form: what it is about, and what happened. */
export const complaintForm = z.object({
  about: z.enum(COMPLAINT_ABOUT, { error: `${E}.about.required` }),
  details: requiredLongText(COMPLAINT_DETAILS_MAX, {
    required: `${E}.details.required`,
    tooLong: `${E}.details.tooLong`,
  }),
});
export type ComplaintInput = z.output<typeof complaintForm>;
