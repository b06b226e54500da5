import type { TFunction } from 'i18next';
import { STAFF_ROLES } from '~/server/auth/staff';

/** The role choices for a radios field (labels and hints as translation keys). */
export const roleChoices = () =>
  STAFF_ROLES.map((r) => ({ value: r, label: `staff:team.role.${r}`, hint: `staff:team.role.${r}.hint` }));

/** A role's name. */
export const roleName = (t: TFunction, role: string) => t(`staff:team.role.${role}`);
