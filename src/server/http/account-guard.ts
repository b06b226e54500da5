import type { APIContext, MiddlewareNext } from 'astro';
import { LANGUAGE_SEGMENT, type LocaleCode } from '~/config/locales';
import { getServices } from '~/server/services';

/** A browser-session cookie saying "this browser was signed in": lets the sign-in page explain a timeout without JavaScript. */
export const SIGNED_IN_MARKER = 'portal_signed_in';

const ACCOUNT = new RegExp(`^/${LANGUAGE_SEGMENT}/account(/|$)`);
const PUBLIC_ACCOUNT = new RegExp(`^/${LANGUAGE_SEGMENT}/account/(sign-in(/code)?|sign-out|signed-out)/?$`);

/** /{lang}/account/…, whatever the language's code looks like (/pl/, /zh-Hans/). */
export function isAccountPath(pathname: string): boolean {
  return ACCOUNT.test(pathname);
}

/** The account pages anyone may open: signing in and out. */
export function isPublicAccountPath(pathname: string): boolean {
  return PUBLIC_ACCOUNT.test(pathname);
}

/** Adds headers to a response, copying it first if its headers are read-only. */
export function withHeaders(
  response: Response,
  set: Record<string, string>,
  append: [string, string][] = [],
): Response {
  try {
    for (const [k, v] of Object.entries(set)) response.headers.set(k, v);
    for (const [k, v] of append) response.headers.append(k, v);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    for (const [k, v] of Object.entries(set)) copy.headers.set(k, v);
    for (const [k, v] of append) copy.headers.append(k, v);
    return copy;
  }
}

function clientAddress(context: APIContext): string | undefined {
  try {
    return context.clientAddress;
  } catch {
    return undefined;
  }
}

/**
 * For /{lang}/account/*: loads the session (sliding its end), finds the parent
 * behind it and puts both in Astro.locals; sends anyone else to the sign-in
 * page, saying so when their session timed out. Nothing here is cached.
 */
export async function guardAccount(context: APIContext, next: MiddlewareNext, lang: LocaleCode): Promise<Response> {
  const noStore = { 'Cache-Control': 'no-store' };
  if (isPublicAccountPath(context.url.pathname)) return withHeaders(await next(), noStore);

  const { auth } = await getServices();
  const session = await auth.sessionState({ headers: context.request.headers, ip: clientAddress(context), lang });
  const loaded = session === 'ended' ? null : session;
  const parent = loaded ? await auth.loadParent(loaded.user.id) : null;
  const cookies = (loaded?.setCookies ?? []).map((c): [string, string] => ['Set-Cookie', c]);

  if (!loaded || !parent) {
    const reason =
      session === 'ended' ? '?reason=ended' : context.cookies.has(SIGNED_IN_MARKER) ? '?reason=timeout' : '';
    context.cookies.delete(SIGNED_IN_MARKER, { path: '/' });
    return withHeaders(context.redirect(`/${lang}/account/sign-in/${reason}`, 303), noStore, cookies);
  }

  context.locals.user = loaded.user;
  context.locals.parent = parent;
  context.locals.sessionExpiresAt = loaded.session.expiresAt;
  context.locals.sessionEndsAt = loaded.session.endsAt;
  return withHeaders(await next(), noStore, cookies);
}
