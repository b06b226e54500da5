import { defineMiddleware } from 'astro:middleware';
import type { APIContext, MiddlewareNext } from 'astro';
import { getLocale } from './config/locales';
import { currentAuthority } from './config/authorities';
import { fallbackAttrs, getT } from './i18n';
import { langCaseFix, langFromPath } from './i18n/paths';
import { guardAccount, isAccountPath, withHeaders } from './server/http/account-guard';
import { guardStaff, isStaffPath } from './server/http/staff-guard';
import { serverConfig } from './server/config';
import { statusOf, type ErrorStatus } from './server/http/errors';
import { guardFormData, refusalOf } from './server/http/request-guard';
import { currentRequest, log, newRequestId, runWithRequest } from './server/log';
import { startUp } from './server/start-up';

/** The error pages themselves (src/pages/404.astro, 500.astro): rendered as they are. */
const ERROR_ROUTES = new Set(['/404', '/500']);

/** Starts the server itself, answering 503 rather than the error page when it cannot (src/pages/readyz.ts). */
const READINESS_ROUTE = '/readyz';

/**
 * Sets the reader's language, its translator and the council on every request
 * and prerender; then, for pages rendered on demand: refuses changes from
 * other sites and bodies that are not forms, starts the server on its first
 * request (src/server/start-up.ts), guards the parent area
 * (/{lang}/account/*) and the staff area (/staff/*), and answers anything that
 * goes wrong with the error page in the reader's language.
 */
export const onRequest = defineMiddleware((context, next) => {
  // After a rewrite to an error page, the language is still the one of the page asked for.
  const path = context.originPathname || context.url.pathname;
  const lang = langFromPath(path);
  context.locals.lang = lang;
  context.locals.locale = getLocale(lang);
  context.locals.t = getT(lang);
  context.locals.en = (key) => fallbackAttrs(lang, key);
  context.locals.authority = currentAuthority();
  if (context.isPrerendered) return next();
  const request = currentRequest();
  // scripts/serve.mjs opened the request's context; `astro dev` did not.
  if (request) return onDemand(context, next);
  return runWithRequest({ id: newRequestId(), method: context.request.method }, () => onDemand(context, next));
});

async function onDemand(context: APIContext, next: MiddlewareNext): Promise<Response> {
  const request = currentRequest()!;
  // /zh-hans/… is /zh-Hans/…: a language code in the wrong case is sent to its page, not "not found".
  const fixed = ['GET', 'HEAD'].includes(context.request.method) ? langCaseFix(context.url.pathname) : null;
  if (fixed) return context.redirect(`${fixed}${context.url.search}`, 301);
  if (ERROR_ROUTES.has(context.routePattern)) return next();
  request.route ??= context.routePattern;
  // The server refused it before reading it (a body over the limit).
  if (request.errorStatus) return errorPage(request.errorStatus as ErrorStatus);
  const path = context.url.pathname;
  const site = new URL(serverConfig().SITE_URL).origin;
  // `astro dev` answers on whatever address it prints; the built server only on SITE_URL's.
  const refused = refusalOf(context.request, path, import.meta.env.DEV ? [site, context.url.origin] : site);
  if (refused) {
    log.warn({ status: refused.status, reason: refused.message }, 'Request refused');
    return errorPage(refused.status);
  }
  guardFormData(context.request);
  try {
    // The server's start-up (demo data, workers) before its first page; later requests find it done.
    if (context.routePattern !== READINESS_ROUTE) await startUp();
    if (isAccountPath(path)) return await guardAccount(context, next, context.locals.lang);
    if (isStaffPath(path)) return await guardStaff(context, next);
    return await next();
  } catch (error) {
    const status = statusOf(error);
    if (status >= 500) log.error({ err: error, status }, 'The page failed');
    else log.warn({ status, reason: error instanceof Error ? error.message : String(error) }, 'Request refused');
    return errorPage(status);
  }
}

/**
 * The error page for `status`, in the reader's language (the staff area's in
 * English): an empty 404 or 500, which Astro answers with src/pages/404.astro
 * or 500.astro for the same request (a rewrite could not: the body may have
 * been read). The 500 page reads the real status from the request's context,
 * and the server sends that status (Astro gives its 500 page status 500).
 */
function errorPage(status: ErrorStatus): Response {
  const request = currentRequest();
  if (request) request.errorStatus = status;
  return withHeaders(new Response(null, { status: status === 404 ? 404 : 500 }), { 'Cache-Control': 'no-store' });
}
