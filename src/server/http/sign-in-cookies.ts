import type { AstroCookieSetOptions } from 'astro';

/** Carries the typed address from the email page to the code page (never in a URL). */
export const EMAIL_COOKIE = 'portal_sign_in_email';

/** Options for the portal's own small cookies: not readable by scripts, not sent from other sites. */
export function cookieOptions(production: boolean, maxAgeSeconds?: number): AstroCookieSetOptions {
  return {
    httpOnly: true,
    sameSite: 'lax',
    secure: production,
    path: '/',
    ...(maxAgeSeconds ? { maxAge: maxAgeSeconds } : {}),
  };
}

/** The same for the staff sign-in pages, kept apart so a parent's and a staff member's sign-ins never mix. */
export const STAFF_EMAIL_COOKIE = 'portal_staff_sign_in_email';
