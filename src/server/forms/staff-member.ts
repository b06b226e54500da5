import { z } from 'zod';
import { STAFF_ROLES } from '~/server/auth/staff';
import { requiredLine } from './text';

/** Adding a member of staff (administrators only). */
export const newStaffForm = z.object({
  name: requiredLine(100, { required: 'staff:error.nameEmpty', tooLong: 'staff:error.nameTooLong' }),
  email: z.string({ error: 'staff:error.emailFormat' }).trim().pipe(z.email('staff:error.emailFormat')),
  role: z.enum(STAFF_ROLES, 'staff:error.roleEmpty'),
});
