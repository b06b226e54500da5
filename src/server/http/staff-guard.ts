import type { APIContext, MiddlewareNext } from 'astro';
import { can, type Permission } from '~/server/auth/staff-roles';
import { getServices } from '~/server/services';
import { withHeaders } from './account-guard';

/** /staff/… */
export function isStaffPath(pathname: string): boolean {
  return /^\/staff(\/|$)/.test(pathname);
}

/** The staff pages anyone may open: the sign-in steps and the signed-out page. */
function isPublicStaffPath(pathname: string): boolean {
  return /^\/staff\/(sign-in(\/(code|two-factor|recovery))?|signed-out|forbidden)\/?$/.test(pathname);
}

const SET_UP_PATH = '/staff/two-factor/set-up/';

/**
 * For /staff/*: finds the signed-in staff member and puts them in
 * Astro.locals. Nobody signed in goes to the staff sign-in page; someone
 * signed in who is not staff (a parent) is refused; a member who has not
 * set up their authenticator app may only do that. Pages then check the
 * member's role for what they show and do (requirePermission).
 */
export async function guardStaff(context: APIContext, next: MiddlewareNext): Promise<Response> {
  const noStore = { 'Cache-Control': 'no-store' };
  const path = context.url.pathname;
  if (isPublicStaffPath(path)) return withHeaders(await next(), noStore);

  const { auth } = await getServices();
  const info = { headers: context.request.headers, ip: clientAddress(context), lang: 'en' };
  const session = await auth.staffSignIn.state(info);
  if (session === 'ended') return withHeaders(context.redirect('/staff/sign-in/?reason=ended', 303), noStore);
  const loaded = session;
  const cookies = (loaded?.setCookies ?? []).map((c): [string, string] => ['Set-Cookie', c]);
  if (!loaded) {
    if (await auth.staffSignIn.hasSession(info))
      return withHeaders(await context.rewrite('/staff/forbidden/'), noStore);
    return withHeaders(context.redirect('/staff/sign-in/', 303), noStore);
  }
  context.locals.staff = loaded.staff;
  context.locals.sessionExpiresAt = loaded.session.expiresAt;
  context.locals.sessionEndsAt = loaded.session.endsAt;
  if (!loaded.twoFactorEnabled && path !== SET_UP_PATH && path !== '/staff/sign-out/') {
    return withHeaders(context.redirect(SET_UP_PATH, 303), noStore, cookies);
  }
  return withHeaders(await next(), noStore, cookies);
}

/**
 * Refuses a page or action the signed-in member's role does not allow: the
 * "you cannot do this" page with status 403, or null when it is allowed.
 */
export async function requirePermission(
  context: Pick<APIContext, 'locals' | 'rewrite'>,
  permission: Permission,
): Promise<Response | null> {
  const staff = context.locals.staff;
  if (staff && can(staff.role, permission)) return null;
  return context.rewrite('/staff/forbidden/');
}

/**
 * The usual check for a staff page: `view` to open it, `change` to send its
 * form (every POST). A read-only member can open what they may read and is
 * refused every change.
 */
export function requireAccess(
  context: Pick<APIContext, 'locals' | 'rewrite' | 'request'>,
  access: { view: Permission; change?: Permission | undefined },
): Promise<Response | null> {
  const post = context.request.method !== 'GET' && context.request.method !== 'HEAD';
  return requirePermission(context, post ? (access.change ?? 'manageStaff') : access.view);
}

function clientAddress(context: APIContext): string | undefined {
  try {
    return context.clientAddress;
  } catch {
    return undefined;
  }
}
