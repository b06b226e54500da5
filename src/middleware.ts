import { defineMiddleware } from 'astro:middleware';
import { getLocale } from './config/locales';
import { currentAuthority } from './config/authorities';
import { fallbackAttrs, getT } from './i18n';
import { langFromPath } from './i18n/paths';
import { guardAccount, isAccountPath } from './server/http/account-guard';
import { guardStaff, isStaffPath } from './server/http/staff-guard';

/**
 * Sets the reader's language, its translator and the council on every request
 * and prerender; guards the parent area (/{lang}/account/*).
 */
export const onRequest = defineMiddleware((context, next) => {
  const lang = langFromPath(context.url.pathname);
  context.locals.lang = lang;
  context.locals.locale = getLocale(lang);
  context.locals.t = getT(lang);
  context.locals.en = (key) => fallbackAttrs(lang, key);
  context.locals.authority = currentAuthority();
  if (!context.isPrerendered && isAccountPath(context.url.pathname)) return guardAccount(context, next, lang);
  if (!context.isPrerendered && isStaffPath(context.url.pathname)) return guardStaff(context, next);
  return next();
});
