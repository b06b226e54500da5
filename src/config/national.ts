import { ukPhone } from './authority-schema';

/** Independent help that is the same in every council (../shared/docs/domain.md). */
export const NATIONAL_HELP = {
  familyRightsGroup: {
    name: 'Family Rights Group',
    phone: ukPhone.parse('0808 801 0366'),
  },
  emergencyPhone: '999',
} as const;
