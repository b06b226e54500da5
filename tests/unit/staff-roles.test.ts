import { describe, expect, it } from 'vitest';
import { STAFF_ROLES } from '~/server/auth/staff';
import { assertCan, can, ForbiddenError, STAFF_PERMISSIONS, type Permission } from '~/server/auth/staff-roles';
import type { StaffRole } from '~/server/db/schema';

// The staff area's access rules, written out as a table a council could check.
const EXPECTED: Record<Permission, StaffRole[]> = {
  view: ['admin', 'officer', 'chair', 'readonly'],
  editCases: ['admin', 'officer', 'chair'],
  manageConferences: ['admin', 'officer', 'chair'],
  uploadReports: ['admin', 'officer', 'chair'],
  handleRequests: ['admin', 'officer', 'chair'],
  recordDecisions: ['admin', 'chair'],
  manageStaff: ['admin'],
  viewAudit: ['admin', 'officer', 'chair', 'readonly'],
  ownSignIn: ['admin', 'officer', 'chair', 'readonly'],
};

describe('staff roles', () => {
  it('gives each role exactly the permissions in the table', () => {
    expect(Object.keys(STAFF_PERMISSIONS).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const permission of Object.keys(EXPECTED) as Permission[]) {
      for (const role of STAFF_ROLES)
        expect(can(role, permission), `${role} ${permission}`).toBe(EXPECTED[permission].includes(role));
    }
  });

  it('lets a read-only member look at everything and change nothing but their own sign-in', () => {
    const allowed = (Object.keys(STAFF_PERMISSIONS) as Permission[]).filter((p) => can('readonly', p));
    expect(allowed.sort()).toEqual(['ownSignIn', 'view', 'viewAudit']);
  });

  it('keeps the chair’s decisions to the chair and the administrator', () => {
    expect(can('officer', 'recordDecisions')).toBe(false);
    expect(can('chair', 'recordDecisions')).toBe(true);
    expect(can('chair', 'manageStaff')).toBe(false);
  });

  it('throws a typed error naming the role and the permission', () => {
    expect(() => assertCan('admin', 'manageStaff')).not.toThrow();
    let thrown: unknown;
    try {
      assertCan('officer', 'recordDecisions');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ForbiddenError);
    expect(thrown).toMatchObject({ role: 'officer', permission: 'recordDecisions' });
  });
});
