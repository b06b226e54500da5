import { z } from 'zod';
import { requiredLine } from './text';

const E = 'staff:case.error';

/** A case: the council's own reference for the family. */
export const caseForm = z.object({
  reference: requiredLine(40, { required: `${E}.reference.required`, tooLong: `${E}.reference.tooLong` }).pipe(
    z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 /_-]*$/, `${E}.reference.characters`),
  ),
});
