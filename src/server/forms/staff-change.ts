import { z } from 'zod';
import { STAFF_ROLES } from '~/server/auth/staff';

/** Changing a member: their role, or switching access off or on, or resetting their app. */
export const staffChangeForm = z.discriminatedUnion('action', [
  z.object({ action: z.literal('role'), role: z.enum(STAFF_ROLES, 'staff:error.roleEmpty') }),
  z.object({ action: z.literal('deactivate') }),
  z.object({ action: z.literal('reactivate') }),
  // The administrator's own app code, typed now: a session alone cannot reset anyone's app.
  z.object({ action: z.literal('reset-second-factor'), code: z.string().default('') }),
]);
