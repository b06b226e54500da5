import { DEFAULT_LOCALE, LOCALE_CODES, isLocale, type LocaleCode } from '~/config/locales';

/** The language a URL path is in: its first segment, or English. */
export function langFromPath(pathname: string): LocaleCode {
  const first = pathname.split('/')[1];
  return isLocale(first) ? first : DEFAULT_LOCALE;
}

/** The same page in another language: /pl/privacy/ → /ar/privacy/. */
export function switchLangPath(pathname: string, lang: LocaleCode): string {
  // The "page not found" page exists once, not per language: offer each language's home.
  if (/^\/404(\.html|\/)?$/.test(pathname)) return `/${lang}/`;
  const parts = pathname.split('/');
  if (isLocale(parts[1])) parts[1] = lang;
  else parts.splice(1, 0, lang);
  const path = parts.join('/');
  return path.endsWith('/') || /\.[a-z0-9]+$/i.test(path) ? path : `${path}/`;
}

/** A site path in a language: localPath('pl', 'privacy') → /pl/privacy/. */
export function localPath(lang: LocaleCode, path = ''): string {
  const clean = path.replace(/^\/+|\/+$/g, '');
  return clean ? `/${lang}/${clean}/` : `/${lang}/`;
}

/**
 * The same path with its language written as the site writes it, when only
 * the case differs: /zh-hans/search/ → /zh-Hans/search/ (a code typed or
 * copied in small letters). Null when the path is right already or does not
 * start with a language.
 */
export function langCaseFix(pathname: string): string | null {
  const first = pathname.split('/')[1] ?? '';
  if (!first || isLocale(first)) return null;
  const code = LOCALE_CODES.find((c) => c.toLowerCase() === first.toLowerCase());
  return code ? `/${code}${pathname.slice(first.length + 1)}` : null;
}
