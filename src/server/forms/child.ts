import { z } from 'zod';
import { isCalendarDate } from '~/server/domain/working-days';
import { requiredLine } from './text';

const E = 'staff:child.error';

/** A child in a case: first name and date of birth (today or before). */
export const childForm = z.object({
  firstName: requiredLine(60, { required: `${E}.firstName.required`, tooLong: `${E}.firstName.tooLong` }),
  dateOfBirth: z
    .string({ error: `${E}.dateOfBirth.required` })
    .trim()
    .min(1, `${E}.dateOfBirth.required`)
    .refine((v) => isCalendarDate(v), `${E}.dateOfBirth.real`)
    .refine((v) => v <= new Date().toISOString().slice(0, 10), `${E}.dateOfBirth.future`),
});
