// On the language chooser, go straight to the reader's browser language if we
// have it. A link to /?choose keeps the reader on the chooser. (We send no
// Referer header, so we cannot tell where the reader came from.)
import { LOCALE_CODES } from '~/config/locales';

function preferred(): string | undefined {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (base && (LOCALE_CODES as string[]).includes(base)) return base;
  }
  return undefined;
}

const stay = new URLSearchParams(location.search).has('choose');
const lang = preferred();
if (lang && !stay) location.replace(`/${lang}/`);
