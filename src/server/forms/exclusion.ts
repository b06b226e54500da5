import { z } from 'zod';
import { optionalLine, requiredLongText } from './text';

const E = 'staff:exclusion.error';

/** The chair's decision that a parent may not attend all or part of a conference. */
export const exclusionForm = z
  .object({
    parentId: z.string({ error: `${E}.parentId.required` }).min(1, `${E}.parentId.required`),
    scope: z.enum(['all', 'part'], `${E}.scope.required`),
    partDescription: optionalLine(300, { tooLong: `${E}.partDescription.tooLong` }),
    reason: requiredLongText(2000, { required: `${E}.reason.required`, tooLong: `${E}.reason.tooLong` }),
  })
  .refine((v) => v.scope === 'all' || v.partDescription, {
    path: ['partDescription'],
    message: `${E}.partDescription.required`,
  });
