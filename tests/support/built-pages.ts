import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Every HTML page in a build's client folder, as URL paths ("/en/privacy/"). Found by walking the output, never listed by hand. */
export function builtPages(clientDir = 'dist/client'): string[] {
  const pages: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.html')) {
        const rel = relative(clientDir, full).split(sep).join('/');
        pages.push('/' + rel.replace(/(^|\/)index\.html$/, '$1').replace(/\.html$/, ''));
      }
    }
  };
  walk(clientDir);
  return pages.sort();
}

/** The HTML of a built page, by its URL path. */
export function readBuiltPage(clientDir: string, path: string): string {
  const file = path.endsWith('/') ? `${path}index.html` : `${path}.html`;
  return readFileSync(join(clientDir, file), 'utf8');
}
