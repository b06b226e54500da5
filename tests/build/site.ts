import { builtPages, readBuiltPage } from '../support/built-pages';

/** A council's build, made by global-setup.ts: its pages and their HTML. */
export function site(id: string, client = `.builds/${id}/client`) {
  return { pages: () => builtPages(client), html: (path: string) => readBuiltPage(client, path) };
}

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
