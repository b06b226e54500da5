import type { Translator } from '~/i18n/keys';
import { STAFF_ROLES } from '~/server/auth/staff';
import type { StaffRole } from '~/server/db/schema';

/** The role choices for a radios field (labels and hints as translation keys). */
export const roleChoices = () =>
  STAFF_ROLES.map((r) => ({
    value: r,
    label: `staff:team.role.${r}` as const,
    hint: `staff:team.role.${r}.hint` as const,
  }));

/** A role's name. */
export const roleName = (t: Translator, role: StaffRole) => t(`staff:team.role.${role}`);
