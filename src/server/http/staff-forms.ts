import { z } from 'zod';
import { STAFF_ROLES } from '../auth/staff';

/** Adding a member of staff. Messages are translation keys (locales/en/staff.json). */
export const newStaffForm = z.object({
  name: z.string().trim().min(1, 'staff:error.nameEmpty').max(100, 'staff:error.nameTooLong'),
  email: z.string().trim().pipe(z.email('staff:error.emailFormat')),
  role: z.enum(STAFF_ROLES, 'staff:error.roleEmpty'),
});

/** Changing a member: their role, or switching access off or on, or resetting their app. */
export const staffChangeForm = z.discriminatedUnion('action', [
  z.object({ action: z.literal('role'), role: z.enum(STAFF_ROLES, 'staff:error.roleEmpty') }),
  z.object({ action: z.literal('deactivate') }),
  z.object({ action: z.literal('reactivate') }),
  z.object({ action: z.literal('reset-second-factor') }),
]);
