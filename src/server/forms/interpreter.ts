import { z } from 'zod';
import { optionalLine, requiredLine } from './text';

const E = 'account:interpreter.error';
export const FOR_WHOM = ['me', 'partner', 'other'] as const;
export const GENDERS = ['any', 'female', 'male'] as const;
export const INTERPRETER_FOR = ['conference', 'chairMeeting'] as const;

/** Nothing typed (a field that failed its own check is not empty: it has its own message). */
const isEmpty = (value: unknown) =>
  value === null || value === undefined || (typeof value === 'string' && !value.trim());

/** The "ask for an interpreter" form. */
export const interpreterForm = z
  .object({
    language: requiredLine(100, { required: `${E}.language.required`, tooLong: `${E}.language.tooLong` }),
    dialect: optionalLine(100, { tooLong: `${E}.dialect.tooLong` }),
    forWhom: z.enum(FOR_WHOM, { error: `${E}.forWhom.required` }),
    forWhomOther: optionalLine(100, { tooLong: `${E}.forWhomOther.tooLong` }),
    preferredGender: z.enum(GENDERS, { error: `${E}.preferredGender.required` }),
    when: z.array(z.enum(INTERPRETER_FOR, { error: `${E}.when.required` })).min(1, { error: `${E}.when.required` }),
  })
  // Runs even when other fields failed (`when`), so a field that failed its own check is not a string here.
  .refine((v) => v.forWhom !== 'other' || !isEmpty(v.forWhomOther), {
    path: ['forWhomOther'],
    error: `${E}.forWhomOther.required`,
    when: () => true,
  });
export type InterpreterInput = z.output<typeof interpreterForm>;
