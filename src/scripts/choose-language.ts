// On the language chooser, go straight to the reader's browser language if we
// have it (zh-CN or zh: /zh-Hans/; src/i18n/negotiate.ts). A link to /?choose
// keeps the reader on the chooser. (We send no Referer header, so we cannot
// tell where the reader came from.)
import { LOCALE_CODES } from '~/config/locales';
import { preferredLocale } from '~/i18n/negotiate';

const stay = new URLSearchParams(location.search).has('choose');
const lang = preferredLocale(navigator.languages ?? [navigator.language], LOCALE_CODES);
if (lang && !stay) location.replace(`/${lang}/`);
