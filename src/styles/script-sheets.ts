import type { Script } from '~/config/locales';

/**
 * The stylesheet of each writing system other than Latin (script-<name>.scss):
 * its font faces and page font. A page links only its own language's sheet, so
 * the faces of twenty scripts never weigh on every page's first round trip.
 * Built by Vite like any stylesheet; these are the built files' addresses.
 */
const SHEETS = import.meta.glob<string>('./script-*.scss', { query: '?url', import: 'default', eager: true });

/** The address of the stylesheet for a page written in `script`, if that script needs one. */
export function scriptSheet(script: Script): string | undefined {
  return SHEETS[`./script-${script}.scss`];
}
