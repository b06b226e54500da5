import { DEFAULT_AUTHORITY } from '~/config/authorities';
import { LANGUAGE_SEGMENT } from '~/config/locales';
import { builtPages, readBuiltPage } from '../support/built-pages';

/** Where global-setup.ts builds a council: the default one in dist/ (the build npm test serves), each other in a copy of its own. */
export const clientDir = (id: string) => (id === DEFAULT_AUTHORITY ? 'dist/client' : `.builds/${id}/dist/client`);

/** A council's build, made by global-setup.ts: its pages and their HTML. */
export function site(id: string, client = clientDir(id)) {
  return { pages: () => builtPages(client), html: (path: string) => readBuiltPage(client, path) };
}

/** A page in a language (/pl/…, /zh-Hans/…), not one of the root pages. */
export const inALanguage = (path: string) => new RegExp(`^/${LANGUAGE_SEGMENT}/`).test(path);

/** Visible text of some HTML, tags removed and spaces collapsed. */
export const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(
      /&(#39|#x27|quot|lt|gt);/g,
      (_, e: string) => ({ '#39': "'", '#x27': "'", quot: '"', lt: '<', gt: '>' })[e] ?? '',
    )
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
