import type { StaffRole } from '~/server/db/schema';

/**
 * What each staff role may do: the one place the staff area's access rules
 * live. Pages check them before showing or doing anything; services check
 * them again (defence in depth).
 */
export const STAFF_PERMISSIONS = {
  /** Open cases, conferences, reports and the inbox. */
  view: ['admin', 'officer', 'chair', 'readonly'],
  /** Create and edit cases, children and parents; invite parents. */
  editCases: ['admin', 'officer', 'chair'],
  /** Schedule, move and cancel conferences. */
  manageConferences: ['admin', 'officer', 'chair'],
  /** Upload, share and withdraw reports. */
  uploadReports: ['admin', 'officer', 'chair'],
  /** Mark what parents sent as seen or done; export it. */
  handleRequests: ['admin', 'officer', 'chair'],
  /** Record a conference's outcome and exclude a parent (the chair's decisions). */
  recordDecisions: ['admin', 'chair'],
  /** Add staff, change roles, switch access off. */
  manageStaff: ['admin'],
  /** Read the audit log. */
  viewAudit: ['admin', 'officer', 'chair', 'readonly'],
  /** Look after their own sign-in: new recovery codes, reset their own app (each after a fresh app code). */
  ownSignIn: ['admin', 'officer', 'chair', 'readonly'],
} as const satisfies Record<string, readonly StaffRole[]>;

export type Permission = keyof typeof STAFF_PERMISSIONS;

/** Whether a role may do something. */
export function can(role: StaffRole, permission: Permission): boolean {
  return (STAFF_PERMISSIONS[permission] as readonly StaffRole[]).includes(role);
}

/** Thrown by a service asked to do something the actor's role does not allow. */
export class ForbiddenError extends Error {
  readonly role: StaffRole;
  readonly permission: Permission;
  constructor(role: StaffRole, permission: Permission) {
    super(`A ${role} may not ${permission}`);
    this.role = role;
    this.permission = permission;
  }
}

/** Throws ForbiddenError unless the role may do it. */
export function assertCan(role: StaffRole, permission: Permission): void {
  if (!can(role, permission)) throw new ForbiddenError(role, permission);
}
